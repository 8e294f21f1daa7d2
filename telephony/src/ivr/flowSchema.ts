// A call flow is data: a JSON document the admin edits, the server stores (versioned) and the
// engine runs. This file is its shape; validateFlow.ts adds the checks a schema cannot express
// (targets exist, digits unique, reachability).
//
// {
//   "id": "default", "name": "…", "version": 3, "start": "answer",
//   "nodes": { "answer": { "verb": "answer", "next": "welcome" }, "welcome": { "verb": "play", … } }
// }

import { z } from 'zod';

export const NODE_ID = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;
const nodeId = z.string().regex(NODE_ID, 'a node id: a letter, then letters, digits, "_", "." or "-"');
const digit = z.string().regex(/^[0-9*#]$/, 'a DTMF key: 0-9, * or #');
const varName = z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,31}$/, 'a variable name');
const ms = (min: number, max: number) => z.number().int().min(min).max(max);
const hhmm = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$/, 'a time "HH:MM" (00:00-24:00)');

const ttsPrompt = z.strictObject({
  /** Text to speak; "{name}" is replaced by the call variable of that name. */
  tts: z.string().trim().min(1).max(2000),
  voice: z.string().regex(/^[A-Za-z0-9_+/-]{1,64}$/).optional(),
  rate: z.number().min(0.5).max(2).optional(),
});
/** A recording shipped with the flow: 8 kHz mono 16-bit WAV, path relative to the prompt folder. */
const filePrompt = z.strictObject({ file: z.string().regex(/^(?!\/)(?!.*\.\.)[\w./-]+\.wav$/, 'a relative .wav path') });
const prompt = z.union([ttsPrompt, filePrompt], { error: 'a prompt is {"tts": "text"} or {"file": "name.wav"}' });
const prompts = z.union([prompt, z.array(prompt).min(1)], { error: 'a prompt ({"tts"} or {"file"}) or a list of prompts' });

const retries = ms(0, 5);

const answer = z.strictObject({ verb: z.literal('answer'), next: nodeId });
const play = z.strictObject({ verb: z.literal('play'), prompt: prompts, bargeIn: z.boolean().default(true), next: nodeId });
const menu = z.strictObject({
  verb: z.literal('menu'),
  prompt: prompts,
  onDigit: z.record(digit, nodeId),
  timeoutMs: ms(1000, 30_000).default(5000),
  retries: retries.default(2),
  invalidPrompt: prompts.optional(),
  noInputPrompt: prompts.optional(),
  /** Key that plays the menu again without counting as a retry (e.g. "*" 重听). */
  repeatDigit: digit.optional(),
  /** Where to go when retries run out; onNoInput/onInvalid refine it by the last failure. */
  onFailure: nodeId,
  onNoInput: nodeId.optional(),
  onInvalid: nodeId.optional(),
});
const collect = z.strictObject({
  verb: z.literal('collect'),
  prompt: prompts,
  into: varName,
  min: ms(1, 64).default(1),
  max: ms(1, 64),
  terminator: z.enum(['#', '*']).optional(),
  timeoutMs: ms(1000, 60_000).default(8000),
  interDigitMs: ms(1000, 30_000).default(5000),
  retries: retries.default(2),
  invalidPrompt: prompts.optional(),
  noInputPrompt: prompts.optional(),
  onSuccess: nodeId,
  onFailure: nodeId,
});
const recordFields = {
  prompt: prompts,
  maxMs: ms(5000, 600_000).default(120_000),
  silenceMs: ms(1000, 30_000).default(5000),
  /** Recordings shorter than this count as "nothing said". */
  minMs: ms(0, 60_000).default(1500),
  beep: z.boolean().default(true),
  terminator: z.enum(['#', '*']).optional(),
  retries: retries.default(1),
  tooShortPrompt: prompts.optional(),
  /** Played after the message is stored. */
  confirm: prompts.optional(),
  /** Played after `confirm` when the server returned a tracking number: "{messageTrackingNumber}". */
  receipt: prompts.optional(),
  onSuccess: nodeId,
  onFailure: nodeId,
};
const record = z.strictObject({ verb: z.literal('record'), kind: z.enum(['mailbox', 'complaint']), ...recordFields });
const voicemail = z.strictObject({ verb: z.literal('voicemail'), ...recordFields });
const lookup = z.strictObject({
  verb: z.literal('lookup'),
  /** The variable holding the tracking number (set by an earlier collect). */
  input: varName,
  /** Spoken when found; may say "{trackingNumber}" and "{statusText}". */
  found: prompts,
  /** Spoken after `found` when the work order has a reply; may say "{replyText}". */
  reply: prompts.optional(),
  notFound: prompts,
  failed: prompts.optional(),
  next: nodeId,
  onNotFound: nodeId.optional(),
  onFailure: nodeId.optional(),
});
/**
 * Speaks what the server returns for `source` (an async callback: policy information from the
 * knowledge base, a notice of the day ...); `fallback` when it has nothing or fails.
 */
const speak = z.strictObject({
  verb: z.literal('speak'),
  source: z.string().regex(/^[\p{L}\p{N}:_.-]{1,100}$/u, 'a source key such as "knowledge:社保"'),
  intro: prompts.optional(),
  fallback: prompts,
  bargeIn: z.boolean().default(true),
  next: nodeId,
  onEmpty: nodeId.optional(),
});
const survey = z.strictObject({
  verb: z.literal('survey'),
  survey: z.string().min(1).max(64),
  prompt: prompts,
  /** Key → answer code, e.g. {"1": "satisfied", "2": "neutral", "3": "dissatisfied"}. */
  options: z.record(digit, z.string().min(1).max(64)),
  timeoutMs: ms(1000, 30_000).default(5000),
  retries: retries.default(1),
  invalidPrompt: prompts.optional(),
  thanks: prompts.optional(),
  next: nodeId,
});
const timeRange = z.strictObject({ from: hhmm, to: hhmm });
const schedule = z.strictObject({
  verb: z.literal('schedule'),
  timezone: z.string().min(1).default('Asia/Shanghai'),
  /** Opening hours on working days (Mon-Fri, and weekend make-up workdays 调休上班). */
  workdays: z.array(timeRange),
  /** Opening hours on weekends that are not make-up workdays. */
  restdays: z.array(timeRange).default([]),
  /** Opening hours on public holidays (services.isHoliday). */
  holidays: z.array(timeRange).default([]),
  onOpen: nodeId,
  onClosed: nodeId,
});
const enqueue = z.strictObject({
  verb: z.literal('enqueue'),
  queue: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/),
  priority: ms(0, 9).default(0),
  prompt: prompts.optional(),
  onFailure: nodeId,
});
const transfer = z.strictObject({
  verb: z.literal('transfer'),
  number: z.string().regex(/^\+?[0-9*#]{2,32}$/, 'a dialable number'),
  prompt: prompts.optional(),
  onFailure: nodeId,
});
const hangup = z.strictObject({ verb: z.literal('hangup'), prompt: prompts.optional(), cause: z.string().max(64).optional() });

export const VERB_SCHEMAS = { answer, play, menu, collect, record, voicemail, lookup, speak, survey, schedule, enqueue, transfer, hangup } as const;
export type VerbName = keyof typeof VERB_SCHEMAS;
export const VERB_NAMES = Object.keys(VERB_SCHEMAS) as VerbName[];

export const nodeSchema = z.discriminatedUnion('verb', [answer, play, menu, collect, record, voicemail, lookup, speak, survey, schedule, enqueue, transfer, hangup]);

export const flowSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9-]{0,63}$/, 'a flow id: lower-case letters, digits and "-"'),
  name: z.string().min(1).max(200),
  version: z.number().int().min(1),
  description: z.string().max(2000).optional(),
  start: nodeId,
  /** A step budget per call; a flow that loops without the caller is cut off there. */
  maxSteps: ms(10, 10_000).default(200),
  /** Where a call goes when a verb fails unexpectedly (e.g. to a person); otherwise it hangs up. */
  onError: nodeId.optional(),
  nodes: z.record(nodeId, nodeSchema),
});

export type Prompt = z.infer<typeof prompt>;
export type Prompts = z.infer<typeof prompts>;
export type TimeRange = z.infer<typeof timeRange>;
export type FlowNode = z.infer<typeof nodeSchema>;
export type NodeOf<V extends VerbName> = Extract<FlowNode, { verb: V }>;
export type Flow = z.infer<typeof flowSchema>;
/** What an author writes (defaults still unapplied). */
export type FlowInput = z.input<typeof flowSchema>;

/** Every node id a node can lead to, with the field it is named in (for error messages). */
export function targetsOf(node: FlowNode): Array<[field: string, target: string]> {
  const out: Array<[string, string]> = [];
  for (const field of ['next', 'onFailure', 'onNoInput', 'onInvalid', 'onSuccess', 'onNotFound', 'onOpen', 'onClosed', 'onEmpty'] as const) {
    const v = (node as Partial<Record<typeof field, string>>)[field];
    if (v !== undefined) out.push([field, v]);
  }
  if (node.verb === 'menu') for (const [d, t] of Object.entries(node.onDigit)) out.push([`onDigit.${d}`, t]);
  return out;
}

/** JSON Schema of a flow document as authors write it, for the admin UI's editor and the API docs. */
export function flowJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(flowSchema, { io: 'input' }) as Record<string, unknown>;
}
