// Argument checks for the ACD's commands: a wrong type or shape is a TypeError (a bug in the
// caller), unlike a refusal for the current state (AcdError).
import { ACD_CHANNELS, type AcdChannel } from './config.ts';
import type { EnqueueInput } from './types.ts';

export function checkId(id: unknown, what: string): asserts id is string {
  if (typeof id !== 'string' || id.length === 0 || id.length > 128) throw new TypeError(`${what} must be a non-empty string of at most 128 characters`);
}

export function checkChannel(c: unknown): asserts c is AcdChannel {
  if (!(ACD_CHANNELS as readonly unknown[]).includes(c)) throw new TypeError(`channel must be one of ${ACD_CHANNELS.join(', ')}`);
}

/** Skill name → level 0–10 (integers); level 0 entries are dropped. */
export function checkSkills(skills: unknown): Map<string, number> {
  if (typeof skills !== 'object' || skills === null || Array.isArray(skills)) throw new TypeError('skills must be an object of skill → level');
  const m = new Map<string, number>();
  for (const [k, v] of Object.entries(skills)) {
    if (k.length === 0 || k.length > 64) throw new TypeError('a skill name must have 1–64 characters');
    if (!Number.isInteger(v) || (v as number) < 0 || (v as number) > 10) throw new TypeError(`skill ${k}: level must be an integer 0–10`);
    if ((v as number) > 0) m.set(k, v as number);
  }
  return m;
}

/** Checks an `enqueue` input's shape; the ACD checks what depends on its state. */
export function parseEnqueue(input: EnqueueInput): { channel: AcdChannel; tags: string[]; floor: number; caller: string | null } {
  checkId(input.id, 'interaction id');
  const channel = input.channel ?? 'voice';
  checkChannel(channel);
  const tags = input.tags ?? [];
  if (!Array.isArray(tags) || !tags.every((t) => typeof t === 'string')) throw new TypeError('tags must be strings');
  const floor = input.priority ?? 0;
  if (!Number.isInteger(floor) || floor < 0 || floor > 1000) throw new TypeError('priority must be an integer 0–1000');
  const caller = input.callerNumber ?? null;
  if (caller !== null && (typeof caller !== 'string' || caller.length === 0)) throw new TypeError('callerNumber must be a non-empty string or null');
  return { channel, tags: [...tags], floor, caller };
}
