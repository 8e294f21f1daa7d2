import { describe, expect, it } from 'vitest';
import type { CallView, QueueSnapshot, WallboardAgent } from '../../api/cti.ts';
import { addEnded, applyWallboardEvent, boardFrom, liveCallOf, longestWaitNow, type Board } from './wallboardModel.ts';

const queue = (over: Partial<QueueSnapshot> = {}): QueueSnapshot => ({
  queueId: 'general',
  name: '综合咨询',
  waiting: 2,
  callbacksWaiting: 0,
  longestWaitSeconds: 30,
  answered: 10,
  answeredWithinServiceLevel: 8,
  abandoned: 1,
  overflowed: 0,
  callbacksCompleted: 0,
  answerRate: 10 / 11,
  serviceLevelRate: 0.8,
  agentsLoggedIn: 3,
  agentsReady: 1,
  ewtSeconds: 40,
  ...over,
});

const agent = (agentId: string, over: Partial<WallboardAgent> = {}): WallboardAgent => ({
  agentId,
  displayName: `坐席 ${agentId}`,
  extension: '8001',
  state: 'ready',
  presence: 'ready',
  reason: null,
  since: '2026-01-05T08:00:00.000Z',
  skills: { general: 5 },
  answered: 0,
  interactions: [],
  ...over,
});

const call = (id: string, over: Partial<CallView> = {}): CallView => ({
  id,
  direction: 'inbound',
  callerNumber: '13800138000',
  calledNumber: '12345',
  state: 'queued',
  ivrPath: [],
  queueId: 'general',
  enqueuedAt: '2026-01-05T08:00:00.000Z',
  offeredAt: null,
  answeredAt: null,
  endedAt: null,
  waitSeconds: null,
  talkSeconds: null,
  agentId: null,
  agentName: null,
  hangupCause: null,
  satisfaction: null,
  workOrderIds: [],
  hasRecording: false,
  ...over,
});

const ev = (type: string, data: unknown) => ({ type, at: 0, data });

function board(): Board {
  return boardFrom({ queues: [queue()], agents: [agent('a1'), agent('a2')], calls: [call('c1'), call('c0', { state: 'ended' })] }, 1_000);
}

describe('wallboard model', () => {
  it('a loaded board keeps live calls only and stamps queue rows', () => {
    const b = board();
    expect(b.calls.map((c) => c.id)).toEqual(['c1']);
    expect(b.queues[0]!.at).toBe(1_000);
  });

  it('queue figures replace their row, and a new queue is added', () => {
    const r = applyWallboardEvent(board(), ev('queue.stats', queue({ waiting: 5, longestWaitSeconds: 50 })), 9_000);
    expect(r.board.queues).toHaveLength(1);
    expect(r.board.queues[0]).toMatchObject({ waiting: 5, longestWaitSeconds: 50, at: 9_000 });
    const added = applyWallboardEvent(r.board, ev('queue.stats', queue({ queueId: 'elderly', name: '适老专席' })), 9_000);
    expect(added.board.queues.map((q) => q.queueId)).toEqual(['general', 'elderly']);
  });

  it('the longest wait keeps ticking from the snapshot while someone waits', () => {
    const q = { ...queue({ longestWaitSeconds: 30 }), at: 10_000 };
    expect(longestWaitNow(q, 25_000)).toBe(45);
    expect(longestWaitNow({ ...q, waiting: 0 }, 25_000)).toBe(0);
  });

  it('agent states patch their row; an unknown agent asks for a reload', () => {
    const b = board();
    const r = applyWallboardEvent(b, ev('agent.state', { agentId: 'a2', state: 'notReady', reason: 'meal', since: 5_000 }), 9_000);
    expect(r.board.agents[1]).toMatchObject({ state: 'notReady', reason: 'meal', since: 5_000, skills: { general: 5 } });
    expect(r.board.agents[0]).toBe(b.agents[0]);
    expect(applyWallboardEvent(board(), ev('agent.state', { agentId: 'zz', state: 'ready' }), 0).reload).toBe(true);
  });

  it('calls are upserted from a call view or from an offer’s screen pop', () => {
    const b = board();
    const answered = applyWallboardEvent(b, ev('call.answered', call('c1', { state: 'talking', agentId: 'a1', answeredAt: '2026-01-05T08:01:00.000Z' })), 0);
    expect(answered.board.calls).toEqual([expect.objectContaining({ id: 'c1', state: 'talking', agentId: 'a1' })]);
    expect(liveCallOf(answered.board, 'a1')?.id).toBe('c1');
    expect(liveCallOf(answered.board, 'a2')).toBeUndefined();
    const offered = applyWallboardEvent(b, ev('call.offered', { call: call('c2', { state: 'offered', agentId: 'a2' }), earlierCalls: [], workOrders: [] }), 0);
    expect(offered.board.calls.map((c) => c.id)).toEqual(['c1', 'c2']);
  });

  it('an ended call leaves the live list and is reported for the recordings', () => {
    const r = applyWallboardEvent(board(), ev('call.ended', call('c1', { state: 'ended', hasRecording: true })), 0);
    expect(r.board.calls).toEqual([]);
    expect(r.ended).toMatchObject({ id: 'c1', state: 'ended', hasRecording: true });
  });

  it('an event with only a call id drops an ended call and asks for a reload', () => {
    const r = applyWallboardEvent(board(), ev('call.ended', { callId: 'c1', cause: 'caller' }), 0);
    expect(r.board.calls).toEqual([]);
    expect(r).toMatchObject({ reload: true, ended: null, endedId: 'c1' });
    const held = applyWallboardEvent(board(), ev('call.held', { callId: 'c1' }), 0);
    expect(held.board.calls).toHaveLength(1);
    expect(held).toMatchObject({ reload: true, endedId: null });
  });

  it('unrelated or malformed events change nothing', () => {
    const b = board();
    for (const e of [ev('callback.listed', { callerNumber: '1' }), ev('queue.stats', null), ev('agent.state', 'x'), ev('call.answered', 42)]) {
      const r = applyWallboardEvent(b, e, 0);
      expect(r).toEqual({ board: b, ended: null, endedId: null, reload: false });
    }
  });

  it('the ended list is newest first, without duplicates, and bounded', () => {
    let list: CallView[] = [];
    for (const id of ['a', 'b', 'a', 'c']) list = addEnded(list, call(id, { state: 'ended' }), 2);
    expect(list.map((c) => c.id)).toEqual(['c', 'a']);
  });
});
