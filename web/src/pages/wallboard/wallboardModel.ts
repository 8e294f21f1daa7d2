// The wallboard's data and how live events change it between full reloads. Pure, so the merging
// rules are testable: queue figures replace their row, agent states patch theirs, calls are
// upserted and leave the live list when they end (into the recordings list).
import type { CallView, CtiEvent, QueueSnapshot, Wallboard, WallboardAgent } from '../../api/cti';
import { callOf } from '../desktop/deskModel';

export type QueueRow = QueueSnapshot & {
  /** When this row's figures were taken (epoch ms), so the longest wait can keep ticking. */
  at: number;
};

export interface Board {
  queues: QueueRow[];
  agents: WallboardAgent[];
  /** Calls not yet ended: in the IVR, queued, offered, talking, held, in the survey. */
  calls: CallView[];
}

export interface Applied {
  board: Board;
  /** A call that ended with this event (for the recordings list). */
  ended: CallView | null;
  /** A call that ended, known by its id only: fetch its record for the recordings list. */
  endedId: string | null;
  /** The event referred to something the board does not know: reload it. */
  reload: boolean;
}

export function boardFrom(w: Wallboard, now: number): Board {
  return {
    queues: w.queues.map((q) => ({ ...q, at: now })),
    agents: w.agents,
    calls: w.calls.filter((c) => c.state !== 'ended'),
  };
}

/** The longest wait now: the snapshot's, plus the time since, while anyone is waiting. */
export function longestWaitNow(q: QueueRow, now: number): number {
  return q.waiting > 0 ? q.longestWaitSeconds + Math.max(0, Math.floor((now - q.at) / 1000)) : 0;
}

/** The live call an agent is on (what listen, whisper and barge join). */
export function liveCallOf(board: Board, agentId: string): CallView | undefined {
  return board.calls.find((c) => c.agentId === agentId && (c.state === 'talking' || c.state === 'held'));
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

export function applyWallboardEvent(board: Board, e: CtiEvent, now: number): Applied {
  const same: Applied = { board, ended: null, endedId: null, reload: false };

  if (e.type === 'queue.stats') {
    const q = e.data as QueueSnapshot;
    if (!isObject(q) || typeof q.queueId !== 'string') return same;
    const row: QueueRow = { ...q, at: now };
    const known = board.queues.some((x) => x.queueId === q.queueId);
    return { ...same, board: { ...board, queues: known ? board.queues.map((x) => (x.queueId === q.queueId ? row : x)) : [...board.queues, row] } };
  }

  if (e.type === 'agent.state') {
    const d = isObject(e.data) ? e.data : {};
    if (typeof d.agentId !== 'string') return same;
    if (!board.agents.some((a) => a.agentId === d.agentId)) return { ...same, reload: true };
    const agents = board.agents.map((a) => {
      if (a.agentId !== d.agentId) return a;
      const next = { ...a };
      if (typeof d.state === 'string') next.state = d.state as WallboardAgent['state'];
      if (typeof d.presence === 'string') next.presence = d.presence as WallboardAgent['presence'];
      if ('reason' in d) next.reason = (d.reason as string | null) ?? null;
      if (typeof d.since === 'string' || typeof d.since === 'number') next.since = d.since;
      if (isObject(d.skills)) next.skills = d.skills as Record<string, number>;
      return next;
    });
    return { ...same, board: { ...board, agents } };
  }

  if (!e.type.startsWith('call.')) return same;
  const { call, id } = callOf(e.data);
  if (!call) {
    // Only an id: drop it if it ended, and fetch the rest.
    if (!id) return same;
    if (e.type === 'call.ended') return { board: { ...board, calls: board.calls.filter((c) => c.id !== id) }, ended: null, endedId: id, reload: true };
    return { ...same, reload: true };
  }
  if (call.state === 'ended' || e.type === 'call.ended') {
    const ended = { ...(board.calls.find((c) => c.id === call.id) ?? {}), ...call, state: 'ended' as const };
    return { ...same, board: { ...board, calls: board.calls.filter((c) => c.id !== call.id) }, ended };
  }
  const known = board.calls.some((c) => c.id === call.id);
  const calls = known ? board.calls.map((c) => (c.id === call.id ? { ...c, ...call } : c)) : [...board.calls, call];
  return { ...same, board: { ...board, calls } };
}

/** Newest first, one entry per call, at most `max`. */
export function addEnded(list: readonly CallView[], call: CallView, max = 50): CallView[] {
  return [call, ...list.filter((c) => c.id !== call.id)].slice(0, max);
}
