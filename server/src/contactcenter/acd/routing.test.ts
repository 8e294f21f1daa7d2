import { describe, expect, it } from 'vitest';
import { kit, oneQueue } from './testKit.ts';

const skilled = (id: string, skills: Record<string, number> = { general: 5 }) => ({ id, skills });

describe('routing strategies', () => {
  it('longestIdle offers a call to the agent free for the longest time', () => {
    const k = kit(oneQueue({ strategy: 'longestIdle' }));
    k.acd.login(skilled('a1'), 'ready');
    k.seconds(5);
    k.acd.login(skilled('a2'), 'ready');
    k.seconds(5);
    // a1 goes not ready and back: it is now the most recently idle.
    k.acd.setAgentState('a1', 'notReady', 'break');
    k.acd.setAgentState('a1', 'ready');
    k.acd.enqueue({ id: 'c1', queueId: 'q' });
    expect(k.offers()).toEqual(['c1→a2']);
  });

  it('fewestCalls offers to the agent with the fewest answered calls since login', () => {
    const k = kit(oneQueue({ strategy: 'fewestCalls' }));
    k.acd.login(skilled('a1'), 'ready');
    k.acd.login(skilled('a2'), 'ready');
    k.acd.enqueue({ id: 'c1', queueId: 'q' });
    k.acd.answered('c1', 'a1');
    k.acd.hangup('c1');
    k.seconds(1);
    // a1 is free again and idle since now; a2 idle longer anyway, so make a2 the more recent one.
    k.acd.setAgentState('a2', 'notReady', 'break');
    k.acd.setAgentState('a2', 'ready');
    k.clear();
    k.acd.enqueue({ id: 'c2', queueId: 'q' });
    expect(k.offers()).toEqual(['c2→a2']);
  });

  it('roundRobin rotates through the team', () => {
    const k = kit(oneQueue({ strategy: 'roundRobin' }));
    for (const id of ['a1', 'a2', 'a3']) k.acd.login(skilled(id), 'ready');
    for (let i = 1; i <= 6; i++) {
      k.acd.enqueue({ id: `c${i}`, queueId: 'q' });
      const agent = k.of('offer').at(-1)!.agentId;
      k.acd.answered(`c${i}`, agent);
      k.acd.hangup(`c${i}`);
    }
    expect(k.of('offer').map((o) => o.agentId)).toEqual(['a1', 'a2', 'a3', 'a1', 'a2', 'a3']);
  });

  it('skillsWeighted prefers the highest level, then the longest idle', () => {
    const k = kit(oneQueue({ strategy: 'skillsWeighted', skills: [{ skill: 'general', minLevel: 1 }] }));
    k.acd.login(skilled('novice', { general: 2 }), 'ready');
    k.acd.login(skilled('expert', { general: 8 }), 'ready');
    k.acd.login(skilled('expert2', { general: 8 }), 'ready');
    k.acd.enqueue({ id: 'c1', queueId: 'q' });
    k.acd.enqueue({ id: 'c2', queueId: 'q' });
    k.acd.enqueue({ id: 'c3', queueId: 'q' });
    expect(k.offers()).toEqual(['c1→expert', 'c2→expert2', 'c3→novice']);
  });

  it('ringAll rings up to ringAllMax agents; the first to answer wins and the others stop ringing', () => {
    const k = kit(oneQueue({ strategy: 'ringAll', ringAllMax: 2 }));
    for (const id of ['a1', 'a2', 'a3']) k.acd.login(skilled(id), 'ready');
    k.acd.enqueue({ id: 'c1', queueId: 'q' });
    expect(k.offers()).toEqual(['c1→a1', 'c1→a2']);
    expect(k.acd.agentSnapshot('a3').state).toBe('ready');
    k.acd.answered('c1', 'a2');
    expect(k.of('offerRevoked')).toEqual([{ interactionId: 'c1', agentId: 'a1', reason: 'answeredElsewhere' }]);
    expect(k.acd.agentSnapshot('a1').state).toBe('ready');
    expect(k.acd.agentSnapshot('a2').state).toBe('talking');
    expect(() => k.acd.answered('c1', 'a1')).toThrow(expect.objectContaining({ code: 'NOT_OFFERED' }));
  });

  it('ring-all keeps ringing the others when one agent rejects, and requeues only when all have', () => {
    const k = kit(oneQueue({ strategy: 'ringAll', ringAllMax: 2 }));
    k.acd.login(skilled('a1'), 'ready');
    k.acd.login(skilled('a2'), 'ready');
    k.acd.enqueue({ id: 'c1', queueId: 'q' });
    k.acd.noAnswer('c1', 'a1');
    expect(k.acd.interaction('c1')!.offeredTo).toEqual(['a2']);
    k.acd.noAnswer('c1', 'a2');
    expect(k.acd.interaction('c1')!.status).toBe('waiting');
    expect(k.acd.agentSnapshot('a1').reason).toBe('noAnswer');
  });
});

describe('skills and relaxation', () => {
  it('offers only to agents at or above the minimum level', () => {
    const k = kit(oneQueue({ skills: [{ skill: 'english', minLevel: 3 }] }));
    k.acd.login(skilled('low', { english: 2 }), 'ready');
    k.acd.login(skilled('none', { general: 9 }), 'ready');
    k.acd.enqueue({ id: 'c1', queueId: 'q' });
    expect(k.offers()).toEqual([]);
    k.acd.login(skilled('fluent', { english: 4 }), 'ready');
    expect(k.offers()).toEqual(['c1→fluent']);
  });

  it('accepts a lower level after the relax time, not before', () => {
    const k = kit(oneQueue({ skills: [{ skill: 'general', minLevel: 3 }], relax: [{ afterSeconds: 30, skills: [{ skill: 'general', minLevel: 1 }] }] }));
    k.acd.login(skilled('junior', { general: 1 }), 'ready');
    k.acd.enqueue({ id: 'c1', queueId: 'q' });
    k.seconds(29.999);
    expect(k.offers()).toEqual([]);
    expect(k.acd.interaction('c1')!.stage).toBe(0);
    k.seconds(0.001);
    expect(k.offers()).toEqual(['c1→junior']);
  });

  it('a relaxed call is still offered to a senior agent first when one is free', () => {
    const k = kit(oneQueue({ strategy: 'skillsWeighted', skills: [{ skill: 'general', minLevel: 3 }], relax: [{ afterSeconds: 30, skills: [{ skill: 'general', minLevel: 1 }] }] }));
    k.acd.enqueue({ id: 'c1', queueId: 'q' });
    k.seconds(31);
    k.acd.login(skilled('junior', { general: 1 }), 'notReady');
    k.acd.login(skilled('senior', { general: 6 }), 'notReady');
    k.acd.setSkills('junior', { general: 1 }); // no change: still waiting
    k.acd.setAgentState('senior', 'ready');
    expect(k.offers()).toEqual(['c1→senior']);
  });

  it('a skill change makes an agent eligible at once', () => {
    const k = kit(oneQueue({ skills: [{ skill: 'english', minLevel: 3 }] }));
    k.acd.login(skilled('a1', { english: 1 }), 'ready');
    k.acd.enqueue({ id: 'c1', queueId: 'q' });
    k.acd.setSkills('a1', { english: 3 });
    expect(k.offers()).toEqual(['c1→a1']);
  });

  it('a skill change that removes the skill takes the agent out of the queue', () => {
    const k = kit(oneQueue({ skills: [{ skill: 'english', minLevel: 3 }] }));
    k.acd.login(skilled('a1', { english: 5 }), 'ready');
    k.acd.setSkills('a1', { general: 5 });
    k.acd.enqueue({ id: 'c1', queueId: 'q' });
    expect(k.offers()).toEqual([]);
    expect(k.acd.queueSnapshot('q').agentsLoggedIn).toBe(0);
  });
});

describe('priorities', () => {
  const rules = {
    priorityRules: [
      { name: 'emergency', when: { kind: 'tag' as const, tag: 'emergency' }, priority: 100 },
      { name: 'elderly', when: { kind: 'tag' as const, tag: 'elderly' }, priority: 40 },
      { name: 'vip', when: { kind: 'numberList' as const, list: 'vip' }, priority: 30 },
      { name: 'repeat', when: { kind: 'repeatCaller' as const, withinSeconds: 3600, minPreviousCalls: 1 }, priority: 20 },
    ],
  };

  it('serves emergency, elderly, VIP, repeat callers, then the rest, first come first served within each', () => {
    const k = kit(oneQueue(rules, { numberLists: { vip: ['19900000001'] } }));
    k.acd.enqueue({ id: 'first', queueId: 'q', callerNumber: '19900000100' });
    k.acd.hangup('first');
    k.acd.enqueue({ id: 'plain1', queueId: 'q', callerNumber: '19900000200' });
    k.seconds(1);
    k.acd.enqueue({ id: 'repeat', queueId: 'q', callerNumber: '19900000100' });
    k.acd.enqueue({ id: 'vip', queueId: 'q', callerNumber: '19900000001' });
    k.acd.enqueue({ id: 'elderly', queueId: 'q', tags: ['elderly'] });
    k.acd.enqueue({ id: 'emergency', queueId: 'q', tags: ['emergency'] });
    k.acd.enqueue({ id: 'plain2', queueId: 'q' });
    k.acd.login(skilled('a1'), 'ready');
    const order: string[] = [];
    for (let i = 0; i < 6; i++) {
      const o = k.of('offer').at(-1)!;
      order.push(o.interactionId);
      k.acd.answered(o.interactionId, 'a1');
      k.acd.hangup(o.interactionId);
    }
    expect(order).toEqual(['emergency', 'elderly', 'vip', 'repeat', 'plain1', 'plain2']);
  });

  it('a repeat caller outside the window is not a repeat caller', () => {
    const k = kit(oneQueue(rules, { numberLists: { vip: [] } }));
    k.acd.enqueue({ id: 'c1', queueId: 'q', callerNumber: '19900000100' });
    k.acd.hangup('c1');
    k.seconds(3601);
    k.acd.enqueue({ id: 'c2', queueId: 'q', callerNumber: '19900000100' });
    expect(k.acd.interaction('c2')!.priority).toBe(0);
    k.acd.enqueue({ id: 'c3', queueId: 'q', callerNumber: '19900000100' });
    expect(k.acd.interaction('c3')!.priority).toBe(20);
  });

  it('an agent serving two queues takes the higher-priority queue first, whatever the arrival order', () => {
    const k = kit({
      queues: [
        { id: 'general', name: 'G', skills: [{ skill: 'general', minLevel: 1 }], announcePeriodSeconds: null, comfortPeriodSeconds: null },
        { id: 'safety', name: 'S', skills: [{ skill: 'safety', minLevel: 1 }], basePriority: 100, announcePeriodSeconds: null, comfortPeriodSeconds: null },
      ],
    });
    k.acd.enqueue({ id: 'g1', queueId: 'general' });
    k.seconds(10);
    k.acd.enqueue({ id: 's1', queueId: 'safety' });
    k.acd.login(skilled('a1', { general: 3, safety: 3 }), 'ready');
    expect(k.offers()).toEqual(['s1→a1']);
  });

  it('an agent takes the eligible call when a higher-priority one needs a skill it lacks', () => {
    const k = kit({
      queues: [
        { id: 'general', name: 'G', skills: [{ skill: 'general', minLevel: 1 }] },
        { id: 'foreign', name: 'F', skills: [{ skill: 'english', minLevel: 3 }], basePriority: 50 },
      ],
    });
    k.acd.enqueue({ id: 'f1', queueId: 'foreign' });
    k.acd.enqueue({ id: 'g1', queueId: 'general' });
    k.acd.login(skilled('a1', { general: 3 }), 'ready');
    expect(k.offers()).toEqual(['g1→a1']);
  });
});

describe('supervisor pull', () => {
  it('gives a waiting call to a chosen agent out of order and regardless of skill or state', () => {
    const k = kit(oneQueue({ skills: [{ skill: 'english', minLevel: 3 }] }));
    k.acd.enqueue({ id: 'c1', queueId: 'q' });
    k.acd.enqueue({ id: 'c2', queueId: 'q' });
    k.acd.login(skilled('a1', { general: 2 }), 'notReady');
    k.acd.pull('c2', 'a1');
    expect(k.of('offer')).toEqual([expect.objectContaining({ interactionId: 'c2', agentId: 'a1', pulled: true })]);
    k.acd.answered('c2', 'a1');
    expect(k.acd.agentSnapshot('a1').state).toBe('talking');
  });

  it('refuses a full agent, a ringing agent, and a call that is not waiting', () => {
    const k = kit(oneQueue());
    k.acd.login(skilled('a1'), 'ready');
    k.acd.login(skilled('a2'), 'notReady');
    k.acd.enqueue({ id: 'c1', queueId: 'q' }); // offered to a1
    k.acd.enqueue({ id: 'c2', queueId: 'q' });
    expect(() => k.acd.pull('c1', 'a2')).toThrow(expect.objectContaining({ code: 'INVALID_STATE' }));
    expect(() => k.acd.pull('c2', 'a1')).toThrow(expect.objectContaining({ code: 'AGENT_BUSY' }));
    k.acd.answered('c1', 'a1');
    expect(() => k.acd.pull('c2', 'a1')).toThrow(expect.objectContaining({ code: 'NO_CAPACITY' }));
    expect(k.acd.interaction('c2')!.status).toBe('waiting');
  });
});
