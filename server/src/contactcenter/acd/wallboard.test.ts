import { describe, expect, it } from 'vitest';
import { kit, oneQueue } from './testKit.ts';

const agent = (id: string) => ({ id, skills: { general: 5 } });

describe('wallboard', () => {
  it('counts waiting, longest wait, answered, abandoned, answer rate and the 15-second rate', () => {
    const k = kit(oneQueue({ serviceLevelSeconds: 15 }));
    k.acd.login(agent('a1'), 'notReady');
    for (let i = 1; i <= 4; i++) {
      k.acd.enqueue({ id: `c${i}`, queueId: 'q' });
      k.seconds(5);
    }
    expect(k.acd.queueSnapshot('q')).toMatchObject({ waiting: 4, longestWaitSeconds: 20, answered: 0, answerRate: null, serviceLevelRate: null, agentsLoggedIn: 1, agentsReady: 0 });
    k.acd.setAgentState('a1', 'ready'); // c1 (waited 20 s) rings
    k.acd.answered('c1', 'a1');
    k.acd.hangup('c1');
    k.acd.answered('c2', 'a1'); // c2 waited 15 s: within
    k.acd.hangup('c2');
    k.acd.hangup('c3'); // ringing, abandoned
    k.acd.setAgentState('a1', 'notReady', 'break');
    k.acd.answered('c4', 'a1'); // it was already ringing: still answerable
    const s = k.acd.queueSnapshot('q');
    expect(s).toMatchObject({ waiting: 0, answered: 3, answeredWithinServiceLevel: 2, abandoned: 1, answerRate: 3 / 4, serviceLevelRate: 2 / 3 });
  });

  it('shows each agent’s state, since when, reason and current interactions', () => {
    const k = kit(oneQueue({ wrapUpSeconds: 30 }));
    k.acd.login(agent('a1'), 'ready');
    k.acd.login(agent('a2'), 'notReady');
    k.seconds(2);
    k.acd.enqueue({ id: 'c1', queueId: 'q' });
    const start = k.clock.now();
    k.seconds(3);
    k.acd.answered('c1', 'a1');
    const board = k.acd.wallboard();
    expect(board.agents).toEqual([
      { agentId: 'a1', state: 'talking', presence: 'ready', reason: null, since: start + 3000, skills: { general: 5 }, answered: 1, interactions: [{ interactionId: 'c1', queueId: 'q', channel: 'voice', phase: 'connected', since: start + 3000 }] },
      { agentId: 'a2', state: 'notReady', presence: 'notReady', reason: 'afterLogin', since: start - 2000, skills: { general: 5 }, answered: 0, interactions: [] },
    ]);
    expect(board.queues.map((q) => q.queueId)).toEqual(['q']);
  });

  it('publishes queueStats at most once per interval per queue', () => {
    const k = kit(oneQueue(), { statsIntervalMs: 1000 });
    for (let i = 1; i <= 5; i++) k.acd.enqueue({ id: `c${i}`, queueId: 'q' });
    expect(k.of('queueStats')).toEqual([]);
    k.seconds(1);
    expect(k.of('queueStats')).toEqual([expect.objectContaining({ queueId: 'q', waiting: 5 })]);
    k.seconds(10);
    expect(k.of('queueStats')).toHaveLength(1);
  });

  it('estimates a new caller’s wait from the line and the agents logged in', () => {
    const k = kit(oneQueue({ expectedHandleSeconds: 100 }));
    expect(k.acd.queueSnapshot('q').ewtSeconds).toBeNull();
    k.acd.login(agent('a1'), 'notReady');
    k.acd.login(agent('a2'), 'notReady');
    k.acd.enqueue({ id: 'c1', queueId: 'q' });
    // Second in line, two agents, 100 s each → 100 s, said in half-minute steps: 120.
    expect(k.acd.queueSnapshot('q').ewtSeconds).toBe(120);
  });

  it('learns the handling time from finished calls', () => {
    const k = kit(oneQueue({ expectedHandleSeconds: 100 }));
    k.acd.login(agent('a1'), 'ready');
    k.acd.enqueue({ id: 'c1', queueId: 'q' });
    k.acd.answered('c1', 'a1');
    k.seconds(300);
    k.acd.hangup('c1');
    // One call of 300 s pulls the average from 100 towards 300 (by a tenth): 120 s → with one agent, position 1.
    expect(k.acd.queueSnapshot('q').ewtSeconds).toBe(120);
  });

  it('resetStats zeroes the counters but not the line', () => {
    const k = kit(oneQueue());
    k.acd.enqueue({ id: 'c1', queueId: 'q' });
    k.acd.enqueue({ id: 'c2', queueId: 'q' });
    k.acd.hangup('c1');
    k.acd.resetStats();
    expect(k.acd.queueSnapshot('q')).toMatchObject({ abandoned: 0, waiting: 1 });
  });
});

describe('events', () => {
  it('a listener may issue commands: they run after the current one, in order', () => {
    const k = kit(oneQueue());
    // The CTI finds a1's phone unreachable and rejects every offer to it at once.
    k.acd.on('offer', (o) => {
      if (o.agentId === 'a1') k.acd.noAnswer(o.interactionId, 'a1');
    });
    k.acd.login(agent('a1'), 'ready');
    k.acd.login(agent('a2'), 'ready');
    k.acd.enqueue({ id: 'c1', queueId: 'q' });
    expect(k.offers()).toEqual(['c1→a1', 'c1→a2']);
    expect(k.acd.agentSnapshot('a1').reason).toBe('noAnswer');
    expect(k.acd.checkConsistency()).toEqual([]);
  });

  it('a throwing listener does not break the ACD; its error is reported', async () => {
    const { Acd } = await import('./acd.ts');
    const { ManualScheduler } = await import('./scheduler.ts');
    const errors: unknown[] = [];
    const acd = new Acd(oneQueue(), { scheduler: new ManualScheduler(), onListenerError: (e) => errors.push(e) });
    const offers: string[] = [];
    acd.on('offer', () => {
      throw new Error('listener bug');
    });
    acd.on('offer', (o) => offers.push(o.agentId));
    acd.login(agent('a1'), 'ready');
    acd.enqueue({ id: 'c1', queueId: 'q' });
    expect(offers).toEqual(['a1']);
    expect(errors).toEqual([new Error('listener bug')]);
    expect(acd.interaction('c1')!.status).toBe('offered');
  });

  it('every enqueued interaction ends exactly once', () => {
    const k = kit(oneQueue({ wrapUpSeconds: 5 }));
    k.acd.login(agent('a1'), 'ready');
    k.acd.enqueue({ id: 'c1', queueId: 'q' });
    k.acd.enqueue({ id: 'c2', queueId: 'q' });
    k.acd.answered('c1', 'a1');
    k.acd.hangup('c2');
    k.acd.hangup('c1');
    expect(() => k.acd.hangup('c1')).toThrow(expect.objectContaining({ code: 'UNKNOWN_INTERACTION' }));
    expect(k.of('ended')).toEqual([
      { interactionId: 'c2', queueId: 'q', outcome: 'abandoned' },
      { interactionId: 'c1', queueId: 'q', outcome: 'answered' },
    ]);
  });
});
