// The softphone's state as data: a reducer over what the SIP user agent reports. Kept free of JsSIP
// and of the DOM so the rules (one call at a time, stale sessions ignored, timers) are testable.

export type Registration = 'idle' | 'connecting' | 'connected' | 'registered' | 'unregistered' | 'failed';
export type PhoneCallStatus = 'ringing' | 'connecting' | 'active' | 'ended';

export interface PhoneCall {
  /** The user agent's own id of the SIP session. */
  sessionId: string;
  remoteNumber: string;
  remoteName: string | null;
  status: PhoneCallStatus;
  held: boolean;
  muted: boolean;
  /** When it started ringing, was answered and ended, in epoch ms. */
  startedAt: number;
  answeredAt: number | null;
  endedAt: number | null;
  endCause: string | null;
  /** Digits sent during the call, for the pad's display. */
  dtmf: string;
}

export interface SoftphoneState {
  registration: Registration;
  /** Why the last registration or connection failed. */
  registrationError: string | null;
  call: PhoneCall | null;
  /** The last failed action (answer without a microphone, hold refused …). */
  error: string | null;
}

export type SoftphoneAction =
  | { type: 'connecting' }
  | { type: 'connected' }
  | { type: 'disconnected'; error?: string }
  | { type: 'registered' }
  | { type: 'unregistered' }
  | { type: 'registrationFailed'; cause: string }
  | { type: 'incoming'; sessionId: string; remoteNumber: string; remoteName?: string | null; at: number }
  | { type: 'accepted'; sessionId: string }
  | { type: 'confirmed'; sessionId: string; at: number }
  | { type: 'ended'; sessionId: string; cause: string; at: number }
  | { type: 'hold'; sessionId: string; held: boolean }
  | { type: 'mute'; sessionId: string; muted: boolean }
  | { type: 'dtmf'; sessionId: string; tones: string }
  | { type: 'error'; message: string }
  | { type: 'clearError' }
  | { type: 'dismissEnded' }
  | { type: 'stopped' };

export const initialSoftphoneState: SoftphoneState = { registration: 'idle', registrationError: null, call: null, error: null };

/** Whether the phone holds a call that is not over (a new one would be refused as busy). */
export function isBusy(s: SoftphoneState): boolean {
  return s.call !== null && s.call.status !== 'ended';
}

/** Seconds of conversation (0 before the answer), frozen at the end. */
export function talkSeconds(call: PhoneCall | null, now: number): number {
  if (!call?.answeredAt) return 0;
  return Math.max(0, Math.floor(((call.endedAt ?? now) - call.answeredAt) / 1000));
}

/** The DTMF digits RFC 4733 and the CTI accept. */
export const DTMF_DIGITS = /^[0-9*#]{1,20}$/;

const MAX_DTMF_SHOWN = 32;

function onCall(s: SoftphoneState, sessionId: string, f: (c: PhoneCall) => PhoneCall): SoftphoneState {
  if (!s.call || s.call.sessionId !== sessionId || s.call.status === 'ended') return s;
  return { ...s, call: f(s.call) };
}

export function softphoneReducer(s: SoftphoneState, a: SoftphoneAction): SoftphoneState {
  switch (a.type) {
    case 'connecting':
      return { ...s, registration: s.registration === 'registered' ? s.registration : 'connecting' };
    case 'connected':
      return { ...s, registration: s.registration === 'registered' ? s.registration : 'connected', registrationError: null };
    case 'disconnected':
      return { ...s, registration: 'connecting', registrationError: a.error ?? s.registrationError };
    case 'registered':
      return { ...s, registration: 'registered', registrationError: null };
    case 'unregistered':
      return { ...s, registration: 'unregistered' };
    case 'registrationFailed':
      return { ...s, registration: 'failed', registrationError: a.cause };
    case 'incoming': {
      // A second call while one is live is refused by the wrapper; the state keeps the first.
      if (isBusy(s)) return s;
      const call: PhoneCall = {
        sessionId: a.sessionId,
        remoteNumber: a.remoteNumber,
        remoteName: a.remoteName ?? null,
        status: 'ringing',
        held: false,
        muted: false,
        startedAt: a.at,
        answeredAt: null,
        endedAt: null,
        endCause: null,
        dtmf: '',
      };
      return { ...s, call, error: null };
    }
    case 'accepted':
      return onCall(s, a.sessionId, (c) => (c.status === 'active' ? c : { ...c, status: 'connecting' }));
    case 'confirmed':
      return onCall(s, a.sessionId, (c) => ({ ...c, status: 'active', answeredAt: c.answeredAt ?? a.at }));
    case 'ended':
      return onCall(s, a.sessionId, (c) => ({ ...c, status: 'ended', held: false, muted: false, endedAt: a.at, endCause: a.cause }));
    case 'hold':
      return onCall(s, a.sessionId, (c) => ({ ...c, held: a.held }));
    case 'mute':
      return onCall(s, a.sessionId, (c) => ({ ...c, muted: a.muted }));
    case 'dtmf':
      return onCall(s, a.sessionId, (c) => ({ ...c, dtmf: (c.dtmf + a.tones).slice(-MAX_DTMF_SHOWN) }));
    case 'error':
      return { ...s, error: a.message };
    case 'clearError':
      return { ...s, error: null };
    case 'dismissEnded':
      return s.call?.status === 'ended' ? { ...s, call: null } : s;
    case 'stopped':
      return initialSoftphoneState;
  }
}
