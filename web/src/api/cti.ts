// Typed client of the contact center API (/api/v1/cti, see docs/CTI.md): agent sign-in and states,
// call control, the supervisor's wallboard, the events WebSocket, call recordings; plus the two
// knowledge calls the agent desktop's side panel uses.
import type { Channel, QueueSnapshot, WorkOrderStatus } from '@hotline/shared';
import { API_BASE, ApiError, api, authHeaders, tokenStore } from './client';

const enc = encodeURIComponent;
const CTI = '/cti';

export type AgentState = 'loggedOut' | 'ready' | 'notReady' | 'reserved' | 'talking' | 'wrapUp';
export type Presence = 'loggedOut' | 'ready' | 'notReady';
export const NOT_READY_REASONS = ['break', 'meal', 'training', 'meeting', 'other'] as const;
export type NotReadyReason = (typeof NOT_READY_REASONS)[number];
export type CallState = 'ivr' | 'queued' | 'offered' | 'talking' | 'held' | 'survey' | 'ended';
export type TransferKind = 'queue' | 'agent' | 'number';
export type MonitorMode = 'listen' | 'whisper' | 'barge';
/** Times arrive as ISO strings; tolerate epoch milliseconds too (the ACD counts in those). */
export type Instant = string | number;

export interface IvrStep {
  node: string;
  input?: string;
  note?: string;
}

/**
 * A call as the CTI shows it. The full record comes from GET /calls/:id, the screen pop and the call
 * log; the wallboard's and the agent's live lists carry only some fields, hence the optional ones.
 */
export interface CallView {
  id: string;
  state: CallState;
  direction?: 'inbound' | 'outbound';
  callerNumber?: string | null;
  calledNumber?: string | null;
  ivrPath?: IvrStep[];
  queueId?: string | null;
  enqueuedAt?: Instant | null;
  offeredAt?: Instant | null;
  answeredAt?: Instant | null;
  endedAt?: Instant | null;
  waitSeconds?: number | null;
  talkSeconds?: number | null;
  agentId?: string | null;
  agentName?: string | null;
  hangupCause?: string | null;
  satisfaction?: 'satisfied' | 'neutral' | 'dissatisfied' | null;
  workOrderIds?: string[];
  hasRecording?: boolean;
}

export interface SipCredentials {
  uri: string;
  authorizationUser: string;
  password: string;
  wsUrl: string;
  displayName: string;
}

export interface AgentToday {
  answered: number;
  talkSeconds: number;
  averageHandleSeconds: number;
}

export interface AgentView {
  agentId: string;
  displayName: string;
  extension: string | null;
  state: AgentState;
  presence: Presence;
  reason: string | null;
  /** Null while logged out. */
  since: Instant | null;
  calls: CallView[];
  today: AgentToday;
}

export interface AgentLoginResponse extends AgentView {
  sip: SipCredentials;
}

export interface WorkOrderSummary {
  id: string;
  trackingNumber: string;
  title: string;
  status: WorkOrderStatus;
  createdAt: string;
  channel?: Channel;
}

export interface ScreenPop {
  call: CallView;
  earlierCalls: CallView[];
  workOrders: WorkOrderSummary[];
}

export type { QueueSnapshot } from '@hotline/shared';

export interface AgentInteraction {
  interactionId: string;
  queueId: string;
  channel: string;
  phase: 'offered' | 'connected' | 'wrapUp';
  since: Instant;
}

export interface WallboardAgent {
  agentId: string;
  displayName: string;
  extension: string | null;
  state: AgentState;
  presence: Presence;
  reason: string | null;
  since: Instant;
  skills: Record<string, number>;
  answered: number;
  interactions: AgentInteraction[];
}

export interface Wallboard {
  queues: QueueSnapshot[];
  agents: WallboardAgent[];
  calls: CallView[];
}

export interface CallbackItem {
  callerNumber: string;
  queueId: string;
  interactionId?: string;
  abandonedAt?: Instant;
  waitedSeconds?: number;
  attempts?: number;
}

export interface TransferTarget {
  kind: TransferKind;
  value: string;
}

export const ctiApi = {
  login: (extension: string) => api.post<AgentLoginResponse>(`${CTI}/agent/login`, { extension }),
  logout: () => api.post<AgentView>(`${CTI}/agent/logout`, {}),
  setState: (state: 'ready' | 'notReady', reason?: NotReadyReason) =>
    api.post<AgentView>(`${CTI}/agent/state`, reason && state === 'notReady' ? { state, reason } : { state }),
  wrapUpDone: () => api.post<AgentView>(`${CTI}/agent/wrap-up/done`, {}),
  me: () => api.get<AgentView>(`${CTI}/agent/me`),
  myCalls: (limit = 50) => api.get<{ items: CallView[] }>(`${CTI}/agent/calls`, { limit }),

  call: (id: string) => api.get<CallView>(`${CTI}/calls/${enc(id)}`),
  screenPop: (id: string) => api.get<ScreenPop>(`${CTI}/calls/${enc(id)}/screen-pop`),
  answer: (id: string) => api.post<CallView>(`${CTI}/calls/${enc(id)}/answer`, {}),
  hangup: (id: string) => api.post<CallView>(`${CTI}/calls/${enc(id)}/hangup`, {}),
  hold: (id: string) => api.post<CallView>(`${CTI}/calls/${enc(id)}/hold`, {}),
  resume: (id: string) => api.post<CallView>(`${CTI}/calls/${enc(id)}/resume`, {}),
  mute: (id: string) => api.post<CallView>(`${CTI}/calls/${enc(id)}/mute`, {}),
  unmute: (id: string) => api.post<CallView>(`${CTI}/calls/${enc(id)}/unmute`, {}),
  dtmf: (id: string, digits: string) => api.post<CallView>(`${CTI}/calls/${enc(id)}/dtmf`, { digits }),
  transfer: (id: string, target: TransferTarget) => api.post<CallView>(`${CTI}/calls/${enc(id)}/transfer`, { target }),
  consult: (id: string, target: TransferTarget) => api.post<CallView>(`${CTI}/calls/${enc(id)}/consult`, { target }),
  completeConsult: (id: string) => api.post<CallView>(`${CTI}/calls/${enc(id)}/consult/complete`, {}),
  conference: (id: string) => api.post<CallView>(`${CTI}/calls/${enc(id)}/conference`, {}),
  linkWorkOrder: (id: string, workOrderId: string) => api.post<CallView>(`${CTI}/calls/${enc(id)}/work-orders`, { workOrderId }),
  dial: (number: string) => api.post<CallView>(`${CTI}/calls`, { number }),

  wallboard: () => api.get<Wallboard>(`${CTI}/wallboard`),
  monitor: (id: string, mode: MonitorMode) => api.post<{ callId: string; mode: MonitorMode }>(`${CTI}/calls/${enc(id)}/monitor`, { mode }),
  forceState: (agentId: string, state: 'notReady' | 'loggedOut', reason?: NotReadyReason) =>
    api.post<unknown>(`${CTI}/agents/${enc(agentId)}/state`, reason ? { state, reason } : { state }),
  setSkills: (agentId: string, skills: Record<string, number>) => api.put<unknown>(`${CTI}/agents/${enc(agentId)}/skills`, { skills }),
  pull: (interactionId: string, agentId: string) => api.post<unknown>(`${CTI}/interactions/${enc(interactionId)}/pull`, { agentId }),
  callbacks: () => api.get<{ items: CallbackItem[] }>(`${CTI}/callbacks`),
  callbackDone: (number: string) => api.post<unknown>(`${CTI}/callbacks/${enc(number)}/done`, {}),
};

/**
 * A call's recording as an object URL for an `<audio>` element: the element cannot send the bearer
 * token, so the WAV is fetched here with it. The caller revokes the URL when done.
 */
export async function fetchRecordingUrl(callId: string, signal?: AbortSignal): Promise<string> {
  let res: Response;
  try {
    res = await fetch(`${API_BASE}${CTI}/calls/${enc(callId)}/recording`, { headers: authHeaders(), credentials: 'same-origin', signal });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError('NETWORK', (e as Error).message || 'network error', 0);
  }
  if (!res.ok) {
    let code: ApiError['code'] = 'UNKNOWN';
    let message = `HTTP ${res.status}`;
    try {
      const body = (await res.json()) as { error?: { code?: string; message?: string } };
      if (body.error?.code) code = body.error.code as ApiError['code'];
      if (body.error?.message) message = body.error.message;
    } catch {
      /* not JSON */
    }
    throw new ApiError(code, message, res.status);
  }
  return URL.createObjectURL(await res.blob());
}

// ---- events -------------------------------------------------------------------------------

export type CtiEventType =
  | 'agent.state'
  | 'call.offered'
  | 'call.answered'
  | 'call.held'
  | 'call.resumed'
  | 'call.ended'
  | 'call.survey'
  | 'queue.stats'
  | 'callback.listed';

export interface CtiEvent {
  type: CtiEventType | string;
  at: Instant;
  data: unknown;
}

/** Parses one WebSocket message; null for anything that is not `{ type, at, data }`. */
export function parseCtiEvent(raw: unknown): CtiEvent | null {
  if (typeof raw !== 'string') return null;
  try {
    const v = JSON.parse(raw) as Partial<CtiEvent> | null;
    if (!v || typeof v !== 'object' || typeof v.type !== 'string') return null;
    return { type: v.type, at: v.at ?? Date.now(), data: v.data ?? null };
  } catch {
    return null;
  }
}

export function ctiEventsUrl(loc: Pick<Location, 'protocol' | 'host'>, token: string | null): string {
  const scheme = loc.protocol === 'https:' ? 'wss:' : 'ws:';
  const q = token ? `?token=${enc(token)}` : '';
  return `${scheme}//${loc.host}${API_BASE}${CTI}/events${q}`;
}

export type EventsStatus = 'connecting' | 'open' | 'closed';

/** Delay before the n-th reconnect attempt (1-based): doubling from 1 s, capped at 30 s. */
export function reconnectDelayMs(attempt: number): number {
  return Math.min(30_000, 1000 * 2 ** Math.max(0, attempt - 1));
}

/**
 * Opens the events WebSocket and keeps it open (reconnecting with back-off) until the returned
 * function is called. The token is the one the app keeps (the cookie also works on same origin).
 */
export function connectCtiEvents(handlers: { onEvent: (e: CtiEvent) => void; onStatus?: (s: EventsStatus) => void }): () => void {
  let socket: WebSocket | null = null;
  let stopped = false;
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const open = () => {
    if (stopped) return;
    handlers.onStatus?.('connecting');
    try {
      socket = new WebSocket(ctiEventsUrl(window.location, tokenStore.get()));
    } catch {
      schedule();
      return;
    }
    socket.onopen = () => {
      attempt = 0;
      handlers.onStatus?.('open');
    };
    socket.onmessage = (m) => {
      const e = parseCtiEvent(m.data);
      if (e) handlers.onEvent(e);
    };
    socket.onclose = () => {
      socket = null;
      if (stopped) return;
      handlers.onStatus?.('closed');
      schedule();
    };
  };
  const schedule = () => {
    attempt++;
    timer = setTimeout(open, reconnectDelayMs(attempt));
  };
  open();
  return () => {
    stopped = true;
    clearTimeout(timer);
    if (socket) {
      socket.onclose = null;
      socket.close();
    }
  };
}

/** Normalises an instant (ISO string or epoch ms) to epoch ms; NaN when absent. */
export function instantMs(v: Instant | null | undefined): number {
  if (v === null || v === undefined || v === '') return Number.NaN;
  return typeof v === 'number' ? v : Date.parse(v);
}

// ---- knowledge assist (the desktop's side panel) ---------------------------------------------

export interface KnowledgeHit {
  id: string;
  kind: 'article' | 'template';
  title: string;
  titleHtml?: string;
  snippetHtml?: string;
  summary?: string | null;
  categoryName?: string | null;
  tags?: string[];
  score?: number;
  /** Reply templates carry their text, to copy into the work order. */
  body?: string;
}

export const knowledgeAssistApi = {
  suggest: (text: string, categoryId?: string) =>
    api.post<{ articles: KnowledgeHit[]; templates: KnowledgeHit[] }>('/knowledge/suggest', categoryId ? { text, categoryId, limit: 5 } : { text, limit: 5 }),
  search: (q: string) => api.get<{ items: KnowledgeHit[]; total: number }>('/knowledge/search', { q, pageSize: 10 }),
};
