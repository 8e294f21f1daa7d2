// The types that tie verbs to the interpreter: what a verb sees of the call (VerbContext), what
// it returns (Outcome), and the record of where the caller went (IvrStep).

import type { CallPort } from './callPort.ts';
import type { FlowNode, Prompts, VerbName } from './flowSchema.ts';
import type { EnqueueRequest, IvrServices, MessageKind } from './services.ts';

/** One node visited; the agent desktop shows the list as the caller's IVR path. */
export interface IvrStep {
  node: string;
  verb: VerbName;
  /** Digits that decided the way out of the node (menu choice, tracking number ...). */
  input?: string;
  /** How the node ended when that is not obvious from the input: "noInput", "invalid", "night" ... */
  note?: string;
  /** Milliseconds since the call entered the IVR. */
  at: number;
}

export type EndReason = 'enqueued' | 'transferred' | 'completed' | 'hangup';

export type Outcome =
  | { next: string; input?: string; note?: string }
  | { end: EndReason; input?: string; note?: string };

/** Turns prompts (TTS text with {placeholders}, or recorded files) into 8 kHz PCM. */
export interface PromptSource {
  render(prompts: Prompts, vars: Readonly<Record<string, string>>): Promise<Int16Array>;
}

export interface IvrEvents {
  node: [step: IvrStep];
  enqueue: [request: EnqueueRequest];
  message: [message: { kind: MessageKind; durationMs: number; trackingNumber?: string }];
  hangup: [info: { cause: string; by: 'caller' | 'ivr' }];
  error: [error: Error];
}

export interface VerbContext {
  readonly port: CallPort;
  readonly services: IvrServices;
  readonly prompts: PromptSource;
  /** Call variables: collected digits, lookup results, callerNumber ... */
  readonly vars: Record<string, string>;
  readonly flow: { readonly id: string; readonly version: number };
  readonly now: () => Date;
  /** The path so far (a copy). */
  path(): IvrStep[];
  emit<K extends 'enqueue' | 'message'>(event: K, ...args: IvrEvents[K]): void;
}

export interface Verb {
  readonly id: string;
  readonly node: FlowNode;
  exec(ctx: VerbContext): Promise<Outcome>;
  /** Stops the verb: pending media operations abort, and exec() settles promptly. Idempotent. */
  kill(): void;
}
