// The "网页拨打12345" button's states, as a reducer over what the SIP user agent reports.
export type WebCallPhase = 'idle' | 'connecting' | 'calling' | 'ringing' | 'inCall' | 'ended' | 'failed';

export interface WebCallState {
  phase: WebCallPhase;
  /** Why the last call failed or ended (JsSIP's cause), for the message to the citizen. */
  cause: string | null;
  answeredAt: number | null;
  digits: string;
}

export type WebCallEvent =
  | { type: 'dial' }
  | { type: 'connected' }
  | { type: 'progress' }
  | { type: 'confirmed'; at: number }
  | { type: 'dtmf'; digit: string }
  | { type: 'ended'; cause: string }
  | { type: 'failed'; cause: string }
  | { type: 'reset' };

export const initialWebCall: WebCallState = { phase: 'idle', cause: null, answeredAt: null, digits: '' };

export const isActive = (s: WebCallState) => ['connecting', 'calling', 'ringing', 'inCall'].includes(s.phase);

export function webCallReducer(s: WebCallState, e: WebCallEvent): WebCallState {
  switch (e.type) {
    case 'dial':
      return isActive(s) ? s : { ...initialWebCall, phase: 'connecting' };
    case 'connected':
      return s.phase === 'connecting' ? { ...s, phase: 'calling' } : s;
    case 'progress':
      return s.phase === 'calling' ? { ...s, phase: 'ringing' } : s;
    case 'confirmed':
      return isActive(s) ? { ...s, phase: 'inCall', answeredAt: e.at } : s;
    case 'dtmf':
      return s.phase === 'inCall' ? { ...s, digits: (s.digits + e.digit).slice(-20) } : s;
    case 'ended':
      return isActive(s) ? { ...s, phase: 'ended', cause: e.cause } : s;
    case 'failed':
      return isActive(s) ? { ...s, phase: 'failed', cause: e.cause } : s;
    case 'reset':
      return isActive(s) ? s : initialWebCall;
  }
}
