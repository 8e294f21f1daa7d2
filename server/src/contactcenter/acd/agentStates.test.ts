import { describe, expect, it } from 'vitest';
import { kit, oneQueue } from './testKit.ts';

const agent = (id: string) => ({ id, skills: { general: 5 } });

describe('agent states', () => {
  it('log in not ready (afterLogin) by default, then ready, reserved, talking, wrap-up, ready', () => {
    const k = kit(oneQueue({ wrapUpSeconds: 20 }));
    k.acd.login(agent('a1'));
    k.acd.setAgentState('a1', 'ready');
    k.acd.enqueue({ id: 'c1', queueId: 'q' });
    k.acd.answered('c1', 'a1');
    k.acd.hangup('c1');
    k.seconds(19);
    expect(k.acd.agentSnapshot('a1').state).toBe('wrapUp');
    k.seconds(1);
    expect(k.of('agentState').map((e) => (e.reason ? `${e.state}(${e.reason})` : e.state))).toEqual([
      'notReady(afterLogin)',
      'ready',
      'reserved',
      'talking',
      'wrapUp',
      'ready',
    ]);
  });

  it('wrapUpDone ends the wrap-up before its time and the agent takes the next call', () => {
    const k = kit(oneQueue({ wrapUpSeconds: 60 }));
    k.acd.login(agent('a1'), 'ready');
    k.acd.enqueue({ id: 'c1', queueId: 'q' });
    k.acd.enqueue({ id: 'c2', queueId: 'q' });
    k.acd.answered('c1', 'a1');
    k.acd.hangup('c1');
    k.seconds(5);
    expect(k.offers()).toEqual(['c1→a1']);
    k.acd.wrapUpDone('a1');
    expect(k.offers()).toEqual(['c1→a1', 'c2→a1']);
    expect(() => k.acd.wrapUpDone('a1')).toThrow(expect.objectContaining({ code: 'INVALID_STATE' }));
  });

  it('going ready ends a wrap-up (示闲 during 话后处理)', () => {
    const k = kit(oneQueue({ wrapUpSeconds: 60 }));
    k.acd.login(agent('a1'), 'ready');
    k.acd.enqueue({ id: 'c1', queueId: 'q' });
    k.acd.answered('c1', 'a1');
    k.acd.hangup('c1');
    k.acd.setAgentState('a1', 'ready');
    expect(k.acd.agentSnapshot('a1').state).toBe('ready');
  });

  it('not ready with a reason code; an unknown code is refused and changes nothing', () => {
    const k = kit(oneQueue());
    k.acd.login(agent('a1'), 'ready');
    for (const reason of ['break', 'meal', 'training', 'meeting']) {
      k.acd.setAgentState('a1', 'notReady', reason);
      expect(k.acd.agentSnapshot('a1')).toMatchObject({ state: 'notReady', reason });
    }
    k.acd.setAgentState('a1', 'ready');
    expect(() => k.acd.setAgentState('a1', 'notReady', 'nap')).toThrow(expect.objectContaining({ code: 'UNKNOWN_REASON' }));
    expect(() => k.acd.setAgentState('a1', 'notReady')).toThrow(expect.objectContaining({ code: 'UNKNOWN_REASON' }));
    expect(k.acd.agentSnapshot('a1').state).toBe('ready');
  });

  it('reason codes come from the configuration', () => {
    const k = kit(oneQueue({}, { notReadyReasons: [{ code: 'outbound', label: '外呼' }] }));
    k.acd.login(agent('a1'), 'ready');
    k.acd.setAgentState('a1', 'notReady', 'outbound');
    expect(k.acd.agentSnapshot('a1').reason).toBe('outbound');
    expect(() => k.acd.setAgentState('a1', 'notReady', 'break')).toThrow(expect.objectContaining({ code: 'UNKNOWN_REASON' }));
  });

  it('not ready asked during a call applies after it: no new call in wrap-up or after', () => {
    const k = kit(oneQueue({ wrapUpSeconds: 10 }));
    k.acd.login(agent('a1'), 'ready');
    k.acd.enqueue({ id: 'c1', queueId: 'q' });
    k.acd.answered('c1', 'a1');
    k.acd.setAgentState('a1', 'notReady', 'meal');
    expect(k.acd.agentSnapshot('a1')).toMatchObject({ state: 'talking', reason: 'meal' });
    k.acd.enqueue({ id: 'c2', queueId: 'q' });
    k.acd.hangup('c1');
    k.seconds(10);
    expect(k.acd.agentSnapshot('a1')).toMatchObject({ state: 'notReady', reason: 'meal' });
    expect(k.offers()).toEqual(['c1→a1']);
  });

  it('no answer in time: offerTimeout, the call goes to the next agent, the agent goes not ready', () => {
    const k = kit(oneQueue({ noAnswerTimeoutSeconds: 15 }));
    k.acd.login(agent('a1'), 'ready');
    k.seconds(1);
    k.acd.login(agent('a2'), 'ready');
    k.acd.enqueue({ id: 'c1', queueId: 'q' });
    expect(k.offers()).toEqual(['c1→a1']);
    k.seconds(15);
    expect(k.of('offerTimeout')).toEqual([{ interactionId: 'c1', agentId: 'a1', queueId: 'q' }]);
    expect(k.offers()).toEqual(['c1→a1', 'c1→a2']);
    expect(k.acd.agentSnapshot('a1')).toMatchObject({ state: 'notReady', reason: 'noAnswer' });
  });

  it('noAnswer from the CTI (rejected, unreachable) has the same effect at once', () => {
    const k = kit(oneQueue());
    k.acd.login(agent('a1'), 'ready');
    k.acd.login(agent('a2'), 'ready');
    k.acd.enqueue({ id: 'c1', queueId: 'q' });
    k.acd.noAnswer('c1', 'a1');
    expect(k.offers()).toEqual(['c1→a1', 'c1→a2']);
    expect(k.acd.agentSnapshot('a1').reason).toBe('noAnswer');
    expect(() => k.acd.noAnswer('c1', 'a1')).toThrow(expect.objectContaining({ code: 'NOT_OFFERED' }));
  });

  it('a queue may keep agents ready after a missed offer', () => {
    const k = kit(oneQueue({ noAnswerSetsNotReady: false }));
    k.acd.login(agent('a1'), 'ready');
    k.acd.enqueue({ id: 'c1', queueId: 'q' });
    k.acd.noAnswer('c1', 'a1');
    expect(k.acd.agentSnapshot('a1').presence).toBe('ready');
  });

  it('a call missed keeps its place in line', () => {
    const k = kit(oneQueue());
    k.acd.login(agent('a1'), 'ready');
    k.acd.enqueue({ id: 'c1', queueId: 'q' });
    k.seconds(1);
    k.acd.enqueue({ id: 'c2', queueId: 'q' });
    k.acd.noAnswer('c1', 'a1');
    k.acd.login(agent('a2'), 'ready');
    expect(k.offers()).toEqual(['c1→a1', 'c1→a2']);
  });

  it('logout is refused while connected; while ringing the call goes on to the next agent', () => {
    const k = kit(oneQueue());
    k.acd.login(agent('a1'), 'ready');
    k.acd.enqueue({ id: 'c1', queueId: 'q' });
    k.acd.login(agent('a2'), 'ready');
    k.acd.logout('a1');
    expect(k.of('offerRevoked')).toEqual([{ interactionId: 'c1', agentId: 'a1', reason: 'loggedOut' }]);
    expect(k.offers()).toEqual(['c1→a1', 'c1→a2']);
    k.acd.answered('c1', 'a2');
    expect(() => k.acd.logout('a2')).toThrow(expect.objectContaining({ code: 'AGENT_BUSY' }));
    expect(k.acd.agentSnapshot('a1').state).toBe('loggedOut');
    expect(() => k.acd.setAgentState('a1', 'ready')).toThrow(expect.objectContaining({ code: 'NOT_LOGGED_IN' }));
  });

  it('logging in twice is refused; logging in again after logout resets the day figures', () => {
    const k = kit(oneQueue());
    k.acd.login(agent('a1'), 'ready');
    expect(() => k.acd.login(agent('a1'))).toThrow(expect.objectContaining({ code: 'ALREADY_LOGGED_IN' }));
    k.acd.enqueue({ id: 'c1', queueId: 'q' });
    k.acd.answered('c1', 'a1');
    k.acd.hangup('c1');
    expect(k.acd.agentSnapshot('a1').answered).toBe(1);
    k.acd.logout('a1');
    k.acd.login(agent('a1'), 'ready');
    expect(k.acd.agentSnapshot('a1').answered).toBe(0);
    expect(k.acd.queueSnapshot('q').agentsLoggedIn).toBe(1);
  });

  it('bad arguments are TypeErrors and change nothing', () => {
    const k = kit(oneQueue());
    expect(() => k.acd.login({ id: '', skills: {} })).toThrow(TypeError);
    expect(() => k.acd.login({ id: 'a1', skills: { general: 11 } })).toThrow(TypeError);
    expect(() => k.acd.login({ id: 'a1', skills: {}, capacity: { voice: -1 } })).toThrow(TypeError);
    expect(() => k.acd.enqueue({ id: 'c1', queueId: 'q', channel: 'fax' as never })).toThrow(TypeError);
    expect(() => k.acd.enqueue({ id: 'c1', queueId: 'q', priority: 1.5 })).toThrow(TypeError);
    expect(() => k.acd.enqueue({ id: 'c1', queueId: 'nowhere' })).toThrow(expect.objectContaining({ code: 'UNKNOWN_QUEUE' }));
    expect(k.acd.interactions()).toEqual([]);
    expect(k.acd.wallboard().agents).toEqual([]);
  });
});
