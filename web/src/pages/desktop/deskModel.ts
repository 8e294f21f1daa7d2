// The agent desktop's state as data, and how CTI events change it. Pure, so the rules (whose events
// count, which call is current, when to reload) are testable without a browser.
import type { AgentView, CallView, CtiEvent, EventsStatus, ScreenPop } from '../../api/cti';

export interface LinkedOrder {
  id: string;
  trackingNumber: string;
}

export interface DeskState {
  /** The first GET /agent/me has not answered yet. */
  loading: boolean;
  agent: AgentView | null;
  /** The last failed call to the server, shown as a banner until the next success or dismissal. */
  error: Error | null;
  events: EventsStatus;
  /** The call being offered, talked or wrapped up (kept after it ends until the next one). */
  call: CallView | null;
  pop: ScreenPop | null;
  /** Whether the agent muted the current call through the CTI (the call view does not carry it). */
  muted: boolean;
  /** Work orders registered or linked during the current call. */
  linked: LinkedOrder[];
}

export const initialDeskState: DeskState = { loading: true, agent: null, error: null, events: 'closed', call: null, pop: null, muted: false, linked: [] };

/** What the store should do after an event besides taking the new state. */
export interface DeskEffects {
  /** Reload the agent (state, today's figures, the call log). */
  reloadAgent?: boolean;
  /** Load the screen pop of this call (the event did not carry it). */
  loadPop?: string;
  /** Load the current call's record (the event carried only its id). */
  loadCall?: string;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

function asCall(v: unknown): CallView | null {
  return isObject(v) && typeof v.id === 'string' && typeof v.state === 'string' ? (v as unknown as CallView) : null;
}

/** A call event's payload: a call view, `{ call }` (the offer's screen pop), or at least `{ callId }`. */
export function callOf(data: unknown): { call: CallView | null; id: string | null; pop: ScreenPop | null } {
  if (!isObject(data)) return { call: null, id: null, pop: null };
  const nested = asCall(data.call);
  if (nested) {
    const pop = Array.isArray(data.earlierCalls) || Array.isArray(data.workOrders)
      ? { call: nested, earlierCalls: (data.earlierCalls as CallView[] | undefined) ?? [], workOrders: (data.workOrders as ScreenPop['workOrders'] | undefined) ?? [] }
      : null;
    return { call: nested, id: nested.id, pop };
  }
  const flat = asCall(data);
  if (flat) return { call: flat, id: flat.id, pop: null };
  const id = typeof data.callId === 'string' ? data.callId : typeof data.id === 'string' ? data.id : null;
  return { call: null, id, pop: null };
}

/** Starts a new current call: the previous call's mute flag and linked orders do not carry over. */
export function withNewCall(s: DeskState, call: CallView, pop: ScreenPop | null): DeskState {
  if (s.call?.id === call.id) return { ...s, call: { ...s.call, ...call }, pop: pop ?? s.pop };
  return { ...s, call, pop, muted: false, linked: [] };
}

/** Takes a fresher view of the current call (a REST answer or an event); other calls are ignored. */
export function withCallUpdate(s: DeskState, call: CallView | null | undefined): DeskState {
  if (!call || !s.call || s.call.id !== call.id) return s;
  const merged = { ...s.call, ...call };
  return { ...s, call: merged, muted: merged.state === 'ended' ? false : s.muted, pop: s.pop && s.pop.call.id === call.id ? { ...s.pop, call: merged } : s.pop };
}

/**
 * An agent who is neither ringing nor talking has no live call, whatever the last call event said:
 * after an attended transfer or a missed offer the call goes on without them, and its later events
 * name another agent.
 */
export function reconcileWithAgent(s: DeskState): DeskState {
  const state = s.agent?.state;
  if (!s.call || !liveCallId(s) || state === 'reserved' || state === 'talking' || state === undefined) return s;
  return { ...s, call: { ...s.call, state: 'ended' }, muted: false };
}

/** What a call event says about the call's state when it carries no call view. */
const STATE_AFTER: Partial<Record<string, CallView['state']>> = {
  'call.answered': 'talking',
  'call.held': 'held',
  'call.resumed': 'talking',
  'call.survey': 'survey',
  'call.ended': 'ended',
};

export function applyDeskEvent(s: DeskState, e: CtiEvent): { state: DeskState; effects: DeskEffects } {
  const me = s.agent?.agentId;
  const none = { state: s, effects: {} };
  if (!me) return none;
  const d = isObject(e.data) ? e.data : {};

  if (e.type === 'agent.state') {
    if (d.agentId !== me || !s.agent) return none;
    const agent = { ...s.agent };
    if (typeof d.state === 'string') agent.state = d.state as AgentView['state'];
    if (typeof d.presence === 'string') agent.presence = d.presence as AgentView['presence'];
    if ('reason' in d) agent.reason = (d.reason as string | null) ?? null;
    if (typeof d.since === 'string' || typeof d.since === 'number') agent.since = d.since;
    return { state: reconcileWithAgent({ ...s, agent }), effects: { reloadAgent: true } };
  }

  if (!e.type.startsWith('call.')) return none;
  const { call, id, pop } = callOf(e.data);
  const agentId = call?.agentId ?? (typeof d.agentId === 'string' ? d.agentId : null);
  // Supervisors receive every call's events; the desk follows only its own.
  if (agentId && agentId !== me) return none;
  const ended = e.type === 'call.ended';

  if (e.type === 'call.offered') {
    if (!call) return { state: s, effects: id ? { loadPop: id } : {} };
    return { state: withNewCall(s, call, pop), effects: pop ? {} : { loadPop: call.id } };
  }

  if (id && s.call?.id === id) {
    if (call) return { state: withCallUpdate(s, call), effects: ended ? { reloadAgent: true } : {} };
    // Only the id: show the new state at once, then fetch the whole record.
    const after = STATE_AFTER[e.type];
    const state = after ? withCallUpdate(s, { ...s.call, state: after }) : s;
    return { state, effects: { loadCall: id, ...(ended ? { reloadAgent: true } : {}) } };
  }
  if (id && agentId === me && !ended && (!s.call || s.call.state === 'ended')) {
    // A call of ours we were not offered (an outbound call, or the offer was missed while reconnecting).
    return { state: call ? withNewCall(s, call, null) : s, effects: { loadPop: id } };
  }
  return { state: s, effects: ended && agentId === me ? { reloadAgent: true } : {} };
}

/** The CTI call id the desk's call controls act on: the current call unless the agent is done with it. */
export function liveCallId(s: DeskState): string | null {
  return s.call && s.call.state !== 'ended' && s.call.state !== 'survey' ? s.call.id : null;
}
