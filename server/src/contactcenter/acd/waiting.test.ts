import { describe, expect, it } from 'vitest';
import { kit, oneQueue } from './testKit.ts';

const agent = (id: string) => ({ id, skills: { general: 5 } });

describe('while waiting', () => {
  it('music on hold: queued with the queue’s class on arrival and again after a missed offer', () => {
    const k = kit(oneQueue({ musicOnHold: 'gentle' }));
    k.acd.login(agent('a1'), 'ready');
    k.acd.enqueue({ id: 'c1', queueId: 'q' });
    k.acd.noAnswer('c1', 'a1');
    expect(k.of('queued')).toEqual([
      { interactionId: 'c1', queueId: 'q', musicOnHold: 'gentle' },
      { interactionId: 'c1', queueId: 'q', musicOnHold: 'gentle' },
    ]);
  });

  it('announces position and wait first after firstAnnounceSeconds, then only when they improve', () => {
    const k = kit(oneQueue({ announcePeriodSeconds: 30, firstAnnounceSeconds: 10, expectedHandleSeconds: 120 }));
    k.acd.login(agent('a1'), 'ready');
    for (let i = 1; i <= 4; i++) k.acd.enqueue({ id: `c${i}`, queueId: 'q' });
    k.acd.answered('c1', 'a1'); // a1 is busy: c2, c3, c4 wait
    k.seconds(10);
    // One agent, 120 s per call: position 3 → 360 s.
    expect(k.of('announce').filter((a) => a.interactionId === 'c4')).toEqual([{ interactionId: 'c4', queueId: 'q', position: 3, ewtSeconds: 360 }]);
    k.seconds(30); // nothing moved: no second announcement
    expect(k.of('announce').filter((a) => a.interactionId === 'c4')).toHaveLength(1);
    k.acd.hangup('c2'); // abandoned: c4 moves up
    k.seconds(30);
    expect(k.of('announce').filter((a) => a.interactionId === 'c4').at(-1)).toEqual({ interactionId: 'c4', queueId: 'q', position: 2, ewtSeconds: 240 });
  });

  it('counts a later caller of higher priority as ahead: no announcement for the one pushed back', () => {
    const k = kit(oneQueue({ announcePeriodSeconds: 30, firstAnnounceSeconds: 10, priorityRules: [{ name: 'e', when: { kind: 'tag', tag: 'emergency' }, priority: 100 }] }));
    k.acd.login(agent('a1'), 'ready');
    k.acd.enqueue({ id: 'c0', queueId: 'q' });
    k.acd.answered('c0', 'a1');
    k.acd.enqueue({ id: 'c1', queueId: 'q' });
    k.acd.enqueue({ id: 'c2', queueId: 'q' });
    k.seconds(10);
    k.acd.enqueue({ id: 'urgent', queueId: 'q', tags: ['emergency'] });
    k.seconds(30);
    const said = (id: string) => k.of('announce').filter((a) => a.interactionId === id).map((a) => a.position);
    expect(said('c1')).toEqual([1]);
    expect(said('c2')).toEqual([2]);
    expect(said('urgent')).toEqual([1]);
  });

  it('never announces a longer wait than already said; says the better position alone', () => {
    const k = kit(oneQueue({ announcePeriodSeconds: 30, firstAnnounceSeconds: 10, expectedHandleSeconds: 60 }));
    k.acd.login(agent('a1'), 'ready');
    k.acd.login(agent('a2'), 'ready');
    for (let i = 1; i <= 5; i++) k.acd.enqueue({ id: `c${i}`, queueId: 'q' });
    k.acd.answered('c1', 'a1');
    k.acd.answered('c2', 'a2');
    k.seconds(10); // c5: position 3, two agents, 60 s → 90 s
    expect(k.of('announce').filter((a) => a.interactionId === 'c5').at(-1)).toMatchObject({ position: 3, ewtSeconds: 90 });
    k.acd.hangup('c3'); // c5 moves to 2…
    k.acd.hangup('c1');
    k.acd.logout('a1'); // …but only one agent is left: 2 × 60 = 120 s, worse than 90
    k.seconds(30);
    expect(k.of('announce').filter((a) => a.interactionId === 'c5').at(-1)).toEqual({ interactionId: 'c5', queueId: 'q', position: 2, ewtSeconds: null });
  });

  it('plays comfort prompts in turn at the configured period', () => {
    const k = kit(oneQueue({ comfortPeriodSeconds: 20, comfortPrompts: ['p1', 'p2'] }));
    k.acd.enqueue({ id: 'c1', queueId: 'q' });
    k.seconds(61);
    expect(k.of('comfort').map((c) => c.prompt)).toEqual(['p1', 'p2', 'p1']);
  });

  it('stops announcing and comforting once answered', () => {
    const k = kit(oneQueue({ comfortPeriodSeconds: 20, announcePeriodSeconds: 20 }));
    k.acd.enqueue({ id: 'c1', queueId: 'q' });
    k.acd.login(agent('a1'), 'ready');
    k.acd.answered('c1', 'a1');
    k.seconds(120);
    expect(k.of('comfort')).toEqual([]);
    expect(k.of('announce')).toEqual([]);
    expect(k.clock.pendingCount).toBe(0);
  });
});

describe('overflow', () => {
  const two = (overflow: { kind: 'voicemail' } | { kind: 'callback' } | { kind: 'queue'; queueId: string }) => ({
    queues: [
      { id: 'q', name: 'Q', skills: [{ skill: 'english', minLevel: 3 }], maxWaitSeconds: 60, overflow, announcePeriodSeconds: null, comfortPeriodSeconds: null },
      { id: 'general', name: 'G', announcePeriodSeconds: null, comfortPeriodSeconds: null, priorityRules: [{ name: 'e', when: { kind: 'tag' as const, tag: 'emergency' }, priority: 100 }] },
    ],
  });

  it('to another queue after the maximum wait, keeping its place by arrival and its tags', () => {
    const k = kit(two({ kind: 'queue', queueId: 'general' }));
    k.acd.enqueue({ id: 'x1', queueId: 'q', tags: ['emergency'] });
    k.seconds(30);
    k.acd.enqueue({ id: 'g1', queueId: 'general' });
    k.seconds(30);
    expect(k.of('overflow')).toEqual([{ interactionId: 'x1', fromQueueId: 'q', to: { kind: 'queue', queueId: 'general' } }]);
    expect(k.acd.interaction('x1')).toMatchObject({ queueId: 'general', priority: 100, status: 'waiting' });
    k.acd.login(agent('a1'), 'ready');
    expect(k.offers()).toEqual(['x1→a1']);
    expect(k.acd.queueSnapshot('q').overflowed).toBe(1);
  });

  it('to voicemail: the interaction leaves the ACD as overflowed', () => {
    const k = kit(two({ kind: 'voicemail' }));
    k.acd.enqueue({ id: 'x1', queueId: 'q' });
    k.seconds(60);
    expect(k.of('ended')).toEqual([{ interactionId: 'x1', queueId: 'q', outcome: 'overflowed' }]);
    expect(k.acd.interaction('x1')).toBeNull();
  });

  it('to a callback that keeps the place in line; nobody is announced to any more', () => {
    const k = kit(two({ kind: 'callback' }));
    k.acd.enqueue({ id: 'x1', queueId: 'q' });
    k.seconds(10);
    k.acd.enqueue({ id: 'x2', queueId: 'q' });
    k.seconds(50);
    expect(k.acd.interaction('x1')).toMatchObject({ callback: true, status: 'waiting' });
    expect(k.acd.queueSnapshot('q')).toMatchObject({ waiting: 1, callbacksWaiting: 1 });
    k.acd.login({ id: 'a1', skills: { english: 5 } }, 'ready');
    expect(k.of('offer')[0]).toMatchObject({ interactionId: 'x1', callback: true });
    k.acd.answered('x1', 'a1');
    expect(k.acd.queueSnapshot('q')).toMatchObject({ callbacksCompleted: 1, answered: 0 });
  });

  it('a maximum wait that passes while ringing an agent applies when that offer fails', () => {
    const k = kit(two({ kind: 'voicemail' }));
    k.acd.enqueue({ id: 'x1', queueId: 'q' });
    k.seconds(55);
    k.acd.login({ id: 'a1', skills: { english: 5 } }, 'ready');
    k.seconds(10);
    expect(k.of('overflow')).toEqual([]);
    k.seconds(5); // the 15-s offer runs out
    expect(k.of('offerTimeout')).toHaveLength(1);
    expect(k.of('ended')).toEqual([{ interactionId: 'x1', queueId: 'q', outcome: 'overflowed' }]);
  });

  it('answered while ringing past the maximum wait: no overflow', () => {
    const k = kit(two({ kind: 'voicemail' }));
    k.acd.enqueue({ id: 'x1', queueId: 'q' });
    k.seconds(55);
    k.acd.login({ id: 'a1', skills: { english: 5 } }, 'ready');
    k.seconds(10);
    k.acd.answered('x1', 'a1');
    expect(k.of('overflow')).toEqual([]);
  });
});

describe('callbacks', () => {
  it('a callback request keeps the place in line ahead of later callers', () => {
    const k = kit(oneQueue());
    k.acd.enqueue({ id: 'c1', queueId: 'q', callerNumber: '19900000100' });
    k.seconds(5);
    k.acd.enqueue({ id: 'c2', queueId: 'q' });
    k.acd.requestCallback('c1');
    k.acd.login(agent('a1'), 'ready');
    expect(k.of('offer')).toEqual([expect.objectContaining({ interactionId: 'c1', callback: true })]);
  });

  it('only a waiting voice call can ask for a callback', () => {
    const k = kit({ queues: [{ id: 'q', name: 'Q', channels: ['voice', 'chat'] }] });
    k.acd.enqueue({ id: 't1', queueId: 'q', channel: 'chat' });
    expect(() => k.acd.requestCallback('t1')).toThrow(expect.objectContaining({ code: 'INVALID_STATE' }));
    k.acd.enqueue({ id: 'c1', queueId: 'q' });
    k.acd.requestCallback('c1');
    expect(() => k.acd.requestCallback('c1')).toThrow(expect.objectContaining({ code: 'INVALID_STATE' }));
  });

  it('an abandoned call is listed for a missed-call callback, once per number', () => {
    const k = kit(oneQueue({ missedCallback: { enabled: true, minWaitSeconds: 5 } }));
    k.acd.enqueue({ id: 'c1', queueId: 'q', callerNumber: '19900000100' });
    k.seconds(3);
    k.acd.hangup('c1'); // under 5 s: a misdial, not listed
    k.acd.enqueue({ id: 'c2', queueId: 'q', callerNumber: '19900000100' });
    k.seconds(20);
    k.acd.hangup('c2');
    k.acd.enqueue({ id: 'c3', queueId: 'q', callerNumber: '19900000100' });
    k.seconds(40);
    k.acd.hangup('c3');
    expect(k.of('abandoned').map((a) => a.interactionId)).toEqual(['c1', 'c2', 'c3']);
    expect(k.of('callbackListed').map((e) => e.attempts)).toEqual([1, 2]);
    expect(k.acd.callbackList()).toEqual([expect.objectContaining({ callerNumber: '19900000100', interactionId: 'c3', waitedSeconds: 40, attempts: 2 })]);
    expect(k.acd.queueSnapshot('q').abandoned).toBe(3);
  });

  it('a caller who gets through is taken off the callback list', () => {
    const k = kit(oneQueue({ missedCallback: { enabled: true, minWaitSeconds: 0 } }));
    k.acd.enqueue({ id: 'c1', queueId: 'q', callerNumber: '19900000100' });
    k.acd.hangup('c1');
    expect(k.acd.callbackList()).toHaveLength(1);
    k.acd.enqueue({ id: 'c2', queueId: 'q', callerNumber: '19900000100' });
    k.acd.login(agent('a1'), 'ready');
    k.acd.answered('c2', 'a1');
    expect(k.acd.callbackList()).toEqual([]);
  });

  it('hanging up while ringing is an abandon; the agent stops ringing and stays ready', () => {
    const k = kit(oneQueue());
    k.acd.login(agent('a1'), 'ready');
    k.acd.enqueue({ id: 'c1', queueId: 'q' });
    k.acd.hangup('c1');
    expect(k.of('offerRevoked')).toEqual([{ interactionId: 'c1', agentId: 'a1', reason: 'abandoned' }]);
    expect(k.acd.agentSnapshot('a1').state).toBe('ready');
    expect(k.of('ended')).toEqual([{ interactionId: 'c1', queueId: 'q', outcome: 'abandoned' }]);
  });
});
