// What the IVR asks of the rest of the platform. The server implements these (work orders,
// calendar, contact center); telephony knows nothing of them beyond this interface. Every
// callback may reject: the verbs route a failure to the flow's onFailure branch.

import type { IvrStep } from './context.ts';

export interface WorkOrderLookup {
  found: boolean;
  /** Spoken to the caller, e.g. "正在办理中，承办单位为A市住建局". */
  statusText?: string;
  /** The reply approved for the citizen, if the work order has one. */
  replyText?: string;
}

export type MessageKind = 'mailbox' | 'complaint' | 'voicemail';

export interface IvrMessage {
  kind: MessageKind;
  callId: string;
  callerNumber: string;
  calledNumber: string;
  /** 8 kHz mono 16-bit PCM. */
  recording: { pcm: Int16Array; durationMs: number };
  flow: { id: string; version: number };
  /** The IVR path up to the message, for the work order's timeline. */
  path: readonly IvrStep[];
}

export interface SurveyAnswer {
  survey: string;
  callId: string;
  callerNumber: string;
  digit: string;
  answer: string;
}

/** Everything the contact-center layer needs to queue the call and pop it on an agent's desktop. */
export interface EnqueueRequest {
  queue: string;
  priority: number;
  callId: string;
  callerNumber: string;
  calledNumber: string;
  flow: { id: string; version: number };
  path: readonly IvrStep[];
  vars: Readonly<Record<string, string>>;
}

export interface IvrServices {
  /**
   * Looks a work order up for the caller. `call` lets the server decide how much to disclose
   * (e.g. the reply only to the citizen's own phone number).
   */
  lookupWorkOrder(trackingNumber: string, call?: { callerNumber: string; callId: string }): Promise<WorkOrderLookup>;
  /** Registers the message as a work order with the recording attached; may return its number. */
  leaveMessage(message: IvrMessage): Promise<{ trackingNumber?: string }>;
  recordSurvey(answer: SurveyAnswer): Promise<void>;
  /**
   * Texts to speak for a `speak` node's source (e.g. "knowledge:social-insurance": the published
   * policy articles on it). Optional: without it, `speak` nodes say their fallback.
   */
  information?(source: string, call: { callerNumber: string; callId: string }): Promise<{ texts: string[] }>;
  /** A public holiday in the flow's time zone; `date` is "YYYY-MM-DD". */
  isHoliday(date: string): Promise<boolean>;
  /** A weekend day worked in exchange for a holiday (调休上班); treated as a workday. */
  isMakeupWorkday?(date: string): Promise<boolean>;
  /** Hands the call to the contact center; `accepted: false` (queue closed or full) takes the flow's onFailure. */
  enqueue(request: EnqueueRequest): Promise<{ accepted: boolean; reason?: string }>;
  /** Blind transfer to an external number (REFER or a bridged outbound leg). */
  transfer(request: { callId: string; number: string }): Promise<{ ok: boolean; reason?: string }>;
}
