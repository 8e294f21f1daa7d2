// "{name}" placeholders in TTS prompts, filled from the call's variables when the prompt plays.

const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9_]{0,31})\}/g;

/** Variables the engine itself sets during a call. */
export const BUILTIN_VARS = [
  'callerNumber', // the caller's number (set when the call starts)
  'calledNumber',
  'trackingNumber', // set by lookup: the number looked up
  'statusText', // set by lookup
  'replyText', // set by lookup when the work order has a reply
  'messageTrackingNumber', // set by record/voicemail when the server returns one
] as const;

/** Names used by the TTS texts of a prompt, a prompt list, or anything else (ignored). */
export function placeholders(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap((v) => placeholders(v));
  if (typeof value === 'object' && value !== null && 'tts' in value && typeof value.tts === 'string') {
    return [...value.tts.matchAll(PLACEHOLDER)].map((m) => m[1]!);
  }
  return [];
}

/** Fills placeholders; `dynamic` tells whether anything was substituted (so not worth caching). */
export function fill(text: string, vars: Readonly<Record<string, string>>): { text: string; dynamic: boolean } {
  let dynamic = false;
  const out = text.replace(PLACEHOLDER, (_m, name: string) => {
    dynamic = true;
    return vars[name] ?? '';
  });
  return { text: out, dynamic };
}
