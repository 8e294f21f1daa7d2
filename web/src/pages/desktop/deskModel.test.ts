import { describe, expect, it } from 'vitest';
import type { AgentView, CallView } from '../../api/cti.ts';
import { applyDeskEvent, callOf, initialDeskState, liveCallId, withCallUpdate, withNewCall, type DeskState } from './deskModel.ts';

const agent: AgentView = {
  agentId: 'me',
  displayName: '话务员 陈晓',
  extension: '8001',
  state: 'ready',
  presence: 'ready',
  reason: null,
  since: '2026-01-05T08:00:00.000Z',
  calls: [],
  today: { answered: 0, talkSeconds: 0, averageHandleSeconds: 0 },
};
const call = (id: string, over: Partial<CallView> = {}): CallView => ({ id, state: 'offered', callerNumber: '13800138000', agentId: 'me', ...over });
const ev = (type: string, data: unknown) => ({ type, at: '2026-01-05T08:00:00.000Z', data });
const signedIn: DeskState = { ...initialDeskState, loading: false, agent };

describe('agent desktop model', () => {
  it('reads a call from a call view, a screen pop or a bare id', () => {
    expect(callOf(call('c1'))).toMatchObject({ id: 'c1', pop: null });
    expect(callOf({ call: call('c1'), earlierCalls: [], workOrders: [] }).pop).toMatchObject({ call: { id: 'c1' }, earlierCalls: [], workOrders: [] });
    expect(callOf({ callId: 'c9', agentId: 'me' })).toEqual({ call: null, id: 'c9', pop: null });
    expect(callOf('nonsense')).toEqual({ call: null, id: null, pop: null });
  });

  it('ignores everything until the agent is known', () => {
    const r = applyDeskEvent(initialDeskState, ev('call.offered', call('c1')));
    expect(r).toEqual({ state: initialDeskState, effects: {} });
  });

  it('an offer with only an id asks for the screen pop; one with the pop shows it at once', () => {
    expect(applyDeskEvent(signedIn, ev('call.offered', { callId: 'c1', agentId: 'me', callerNumber: '13800138000' })).effects).toEqual({ loadPop: 'c1' });
    const r = applyDeskEvent(signedIn, ev('call.offered', { call: call('c1'), earlierCalls: [call('c0', { state: 'ended' })], workOrders: [] }));
    expect(r.state.call?.id).toBe('c1');
    expect(r.state.pop?.earlierCalls).toHaveLength(1);
    expect(r.effects).toEqual({});
  });

  it('events of other agents’ calls are ignored (a supervisor on the desk gets them all)', () => {
    expect(applyDeskEvent(signedIn, ev('call.offered', { callId: 'c2', agentId: 'someone' })).effects).toEqual({});
    const mine = withNewCall(signedIn, call('c1'), null);
    expect(applyDeskEvent(mine, ev('call.answered', { callId: 'c2', agentId: 'someone' })).state).toBe(mine);
  });

  it('an id-only event moves the current call at once and fetches its record', () => {
    const s = withNewCall(signedIn, call('c1'), null);
    const answered = applyDeskEvent(s, ev('call.answered', { callId: 'c1', agentId: 'me' }));
    expect(answered.state.call?.state).toBe('talking');
    expect(answered.effects).toEqual({ loadCall: 'c1' });
    const held = applyDeskEvent(answered.state, ev('call.held', { callId: 'c1' }));
    expect(held.state.call?.state).toBe('held');
    const ended = applyDeskEvent(held.state, ev('call.ended', { callId: 'c1', cause: 'caller' }));
    expect(ended.state.call?.state).toBe('ended');
    expect(ended.effects).toEqual({ loadCall: 'c1', reloadAgent: true });
    expect(liveCallId(ended.state)).toBeNull();
  });

  it('a full view of the current call merges in; the survey and the end release the controls', () => {
    const s = withNewCall(signedIn, call('c1', { state: 'talking' }), null);
    expect(liveCallId(s)).toBe('c1');
    const survey = applyDeskEvent(s, ev('call.survey', call('c1', { state: 'survey', talkSeconds: 42 })));
    expect(survey.state.call).toMatchObject({ state: 'survey', talkSeconds: 42, callerNumber: '13800138000' });
    expect(liveCallId(survey.state)).toBeNull();
  });

  it('a call of ours we were not offered is adopted when the desk is free', () => {
    const r = applyDeskEvent(signedIn, ev('call.answered', { callId: 'c5', agentId: 'me' }));
    expect(r.effects).toEqual({ loadPop: 'c5' });
    const busy = withNewCall(signedIn, call('c1', { state: 'talking' }), null);
    expect(applyDeskEvent(busy, ev('call.answered', { callId: 'c5', agentId: 'me' })).effects).toEqual({});
  });

  it('a new call forgets the previous call’s mute and linked orders; the same call keeps them', () => {
    const s: DeskState = { ...withNewCall(signedIn, call('c1'), null), muted: true, linked: [{ id: 'w1', trackingNumber: '2026010500001' }] };
    expect(withNewCall(s, call('c1', { state: 'talking' }), null)).toMatchObject({ muted: true, linked: [{ id: 'w1' }] });
    expect(withNewCall(s, call('c2'), null)).toMatchObject({ muted: false, linked: [], call: { id: 'c2' } });
    expect(withCallUpdate(s, call('zz', { state: 'ended' }))).toBe(s);
    expect(withCallUpdate(s, call('c1', { state: 'ended' }))).toMatchObject({ muted: false, call: { state: 'ended' } });
  });

  it('the agent’s own state events patch the agent and ask for fresh figures', () => {
    const r = applyDeskEvent(signedIn, ev('agent.state', { agentId: 'me', state: 'wrapUp', reason: null, since: '2026-01-05T08:05:00.000Z' }));
    expect(r.state.agent).toMatchObject({ state: 'wrapUp', since: '2026-01-05T08:05:00.000Z' });
    expect(r.effects).toEqual({ reloadAgent: true });
    expect(applyDeskEvent(signedIn, ev('agent.state', { agentId: 'other', state: 'talking' })).state).toBe(signedIn);
  });

  it('leaving the call (attended transfer done, offer missed) ends it for this desk when the agent state says so', () => {
    const talking = withNewCall({ ...signedIn, agent: { ...agent, state: 'talking' } }, call('c1', { state: 'talking' }), null);
    const stillTalking = applyDeskEvent(talking, ev('agent.state', { agentId: 'me', state: 'talking' }));
    expect(liveCallId(stillTalking.state)).toBe('c1');
    const wrapUp = applyDeskEvent(talking, ev('agent.state', { agentId: 'me', state: 'wrapUp' }));
    expect(wrapUp.state.call?.state).toBe('ended');
    expect(liveCallId(wrapUp.state)).toBeNull();
    const ringing = withNewCall({ ...signedIn, agent: { ...agent, state: 'reserved' } }, call('c2'), null);
    expect(applyDeskEvent(ringing, ev('agent.state', { agentId: 'me', state: 'ready' })).state.call?.state).toBe('ended');
  });
});
