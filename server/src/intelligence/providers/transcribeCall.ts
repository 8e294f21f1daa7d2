// A call's recording turned into a transcript: both channels transcribed by the configured
// provider, merged into turns, stored (call_transcripts), read for high-risk emotion on the
// citizen's side (one warning per call for the supervisors, like a registered order's) and
// inspected by the quality rules on the agent's side.

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Ctx } from '../../context.ts';
import type { Actor } from '../../auth/actor.ts';
import { AppError, errors } from '../../errors.ts';
import { analyzeTranscript } from '../emotion/analyze.ts';
import { REASON_TEXT } from '../emotion/installWarnings.ts';
import { raiseWarning } from '../emotion/warnings.ts';
import { inspectTranscript, type Inspection } from '../quality/rules.ts';
import { isSilent, splitCallChannels } from './callAudio.ts';
import { providerAppError } from './providerError.ts';
import type { MonoPcm, SpeechToText, Transcription } from './stt.ts';
import { cleanText } from './text.ts';
import { mergeTurns, type TimedTurn } from './turns.ts';

export interface CallTranscript {
  callId: string;
  provider: string;
  model: string | null;
  durationSeconds: number;
  transcribedAt: string;
  turns: TimedTurn[];
  emotion: ReturnType<typeof analyzeTranscript>;
  quality: Inspection;
  /** Whether this transcription raised a new high-risk warning. */
  warningRaised?: boolean;
}

export interface CallForTranscript {
  id: string;
  state: string;
  agentId: string | null;
  recordingKey: string | null;
}

/** States in which the recording is still being written. */
const LIVE_STATES = new Set(['ivr', 'queued', 'offered', 'talking', 'held']);

export async function callForTranscript(ctx: Ctx, callId: string): Promise<CallForTranscript> {
  const [row] = await ctx.db.query<CallForTranscript>('SELECT id, state, agent_id AS "agentId", recording_key AS "recordingKey" FROM call_records WHERE id = $1', [callId]);
  if (!row) throw new AppError('CALL_NOT_FOUND', 'no such call');
  return row;
}

/** Agents may work with their own calls only; supervisors and administrators with any. */
export function checkCallAccess(actor: Actor, call: CallForTranscript): void {
  if (actor.kind !== 'system' && actor.role === 'agent' && call.agentId !== actor.id) throw new AppError('NOT_YOUR_CALL', 'the call belongs to another agent');
}

export async function transcribeCall(ctx: Ctx, stt: SpeechToText, actor: Actor, callId: string, ip?: string): Promise<CallTranscript> {
  const call = await callForTranscript(ctx, callId);
  checkCallAccess(actor, call);
  if (LIVE_STATES.has(call.state)) throw new AppError('CALL_STATE', `the call is ${call.state}; its recording is transcribed once it has ended`, { state: call.state });
  const file = call.recordingKey ? path.join(ctx.env.dataDir, 'recordings', path.basename(call.recordingKey)) : null;
  const bytes = file ? await readFile(file).catch(() => null) : null;
  if (!bytes) throw errors.notFound('recording');
  const channels = splitCallChannels(bytes);
  const run = async (audio: MonoPcm, side: string): Promise<Transcription> => {
    if (isSilent(audio)) return { text: '', segments: [] };
    try {
      return await stt.transcribe(audio, `${callId}-${side}`);
    } catch (e) {
      throw providerAppError('speech-to-text', e);
    }
  };
  const [citizen, agent] = await Promise.all([run(channels.caller, 'caller'), run(channels.agent, 'agent')]);
  const clean = (t: Transcription) => t.segments.map((s) => ({ ...s, text: cleanText(s.text) }));
  const turns = mergeTurns(clean(citizen), clean(agent));
  const emotion = analyzeTranscript(turns);
  const quality = inspectTranscript(turns);
  const now = ctx.clock.now();

  const [link] = await ctx.db.query<{ id: string }>('SELECT work_order_id AS id FROM call_work_orders WHERE call_id = $1 ORDER BY linked_at LIMIT 1', [callId]);
  const highTurns = emotion.turns.filter((t) => t.risk === 'high').map((t) => t.index);
  const warningRaised = await ctx.db.tx(async (q) => {
    await q.query(
      `INSERT INTO call_transcripts (call_id, provider, model, turns, emotion, quality, duration_seconds, transcribed_at, transcribed_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (call_id) DO UPDATE SET provider = EXCLUDED.provider, model = EXCLUDED.model, turns = EXCLUDED.turns, emotion = EXCLUDED.emotion,
         quality = EXCLUDED.quality, duration_seconds = EXCLUDED.duration_seconds, transcribed_at = EXCLUDED.transcribed_at, transcribed_by = EXCLUDED.transcribed_by`,
      [callId, stt.kind, stt.model, JSON.stringify(turns), JSON.stringify(emotion), JSON.stringify(quality), channels.durationSeconds, now, actor.kind === 'user' ? actor.id : null],
    );
    await ctx.audit.append(q, {
      actorId: actor.id, actorName: actor.username, action: 'intelligence.call.transcribe', entity: 'call', entityId: callId,
      detail: { provider: stt.kind, model: stt.model, turns: turns.length, risk: emotion.overall.risk, score: quality.score }, ip,
    });
    if (emotion.overall.risk !== 'high' && highTurns.length === 0) return false;
    const reasons = emotion.overall.reasons.filter((r) => r in REASON_TEXT);
    const terms = [...new Set(emotion.overall.signals.filter((s) => !s.negated && !s.hypothetical).map((s) => s.term))].slice(0, 8);
    return raiseWarning(q, {
      kind: 'emotion', level: 'high', workOrderId: link?.id ?? null, dedupeKey: `emotion:call:${callId}`,
      summary: `来电高风险情绪：${reasons.map((r) => REASON_TEXT[r]).join('、') || '见通话转写'}`,
      details: { callId, reasons, terms, turns: highTurns, scores: emotion.overall.scores }, at: now,
    });
  });
  return { callId, provider: stt.kind, model: stt.model, durationSeconds: channels.durationSeconds, transcribedAt: now.toISOString(), turns, emotion, quality, warningRaised };
}

interface TranscriptRow {
  provider: string;
  model: string | null;
  turns: TimedTurn[];
  emotion: CallTranscript['emotion'];
  quality: Inspection;
  durationSeconds: number;
  transcribedAt: Date;
}

export async function loadTranscript(ctx: Ctx, callId: string): Promise<CallTranscript | null> {
  const [r] = await ctx.db.query<TranscriptRow>(
    `SELECT provider, model, turns, emotion, quality, duration_seconds AS "durationSeconds", transcribed_at AS "transcribedAt" FROM call_transcripts WHERE call_id = $1`,
    [callId],
  );
  if (!r) return null;
  return {
    callId, provider: r.provider, model: r.model, durationSeconds: Number(r.durationSeconds), transcribedAt: new Date(r.transcribedAt).toISOString(),
    turns: r.turns, emotion: r.emotion, quality: r.quality,
  };
}
