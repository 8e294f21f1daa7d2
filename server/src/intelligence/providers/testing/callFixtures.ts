// Calls with recordings for transcript tests: a call_records row answered by an agent and its
// stereo WAV (caller left, agent right) where the contact center writes recordings.

import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { serializeWav } from '@hotline/telephony';
import type { Ctx } from '../../../context.ts';

export function tone(seconds: number, hz: number, amplitude = 6000): Int16Array {
  const out = new Int16Array(Math.round(8000 * seconds));
  for (let i = 0; i < out.length; i++) out[i] = Math.round(amplitude * Math.sin((2 * Math.PI * hz * i) / 8000));
  return out;
}

export function stereoWav(left: Int16Array, right: Int16Array): Buffer {
  const inter = new Int16Array(left.length * 2);
  for (let i = 0; i < left.length; i++) {
    inter[2 * i] = left[i]!;
    inter[2 * i + 1] = right[i] ?? 0;
  }
  return serializeWav(inter, 8000, 2);
}

/** A finished call answered by `agentId`; `wav` is written as its recording unless null. */
export async function insertCall(ctx: Ctx, agentId: string, wav: Buffer | null): Promise<string> {
  const id = randomUUID();
  const now = ctx.clock.now();
  await ctx.db.query(
    `INSERT INTO call_records (id, sip_call_id, direction, caller_number, called_number, state, enqueued_at, answered_at, ended_at, agent_id, recording_key, created_at)
     VALUES ($1, $2, 'inbound', '13812345678', '12345', 'ended', $3, $3, $3, $4, $5, $3)`,
    [id, `sip-${id}`, now, agentId, wav ? `${id}.wav` : null],
  );
  if (wav) {
    const dir = path.join(ctx.env.dataDir, 'recordings');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, `${id}.wav`), wav);
  }
  return id;
}
