import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { parseAcdConfig, type AcdConfigInput, type QueueConfigInput } from './config.ts';
import { demoAcdConfig } from './demoConfig.ts';

const q = (over: Partial<QueueConfigInput> = {}): QueueConfigInput => ({ id: 'q', name: 'Q', ...over });

function issues(c: AcdConfigInput): { path: string; message: string }[] {
  try {
    parseAcdConfig(c);
    return [];
  } catch (e) {
    if (!(e instanceof ZodError)) throw e;
    return e.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  }
}

describe('ACD configuration', () => {
  it('fills sensible defaults', () => {
    const c = parseAcdConfig({ queues: [q()] });
    expect(c.queues[0]).toMatchObject({ channels: ['voice'], strategy: 'longestIdle', wrapUpSeconds: 30, noAnswerTimeoutSeconds: 15, serviceLevelSeconds: 15, missedCallback: { enabled: true, minWaitSeconds: 5 } });
    expect(c.defaultCapacity).toEqual({ voice: 1, text: 3 });
    expect(c.voiceExcludesText).toBe(true);
    expect(c.notReadyReasons.map((r) => r.code)).toEqual(expect.arrayContaining(['break', 'meal', 'training', 'meeting']));
  });

  it('the demo configuration is valid', () => {
    const c = parseAcdConfig(demoAcdConfig);
    expect(c.queues.map((x) => x.id)).toEqual(['general', 'safety', 'elderly', 'foreign', 'text']);
  });

  it('refuses a relax step that raises a level or names a skill the queue does not require', () => {
    expect(issues({ queues: [q({ skills: [{ skill: 'general', minLevel: 2 }], relax: [{ afterSeconds: 30, skills: [{ skill: 'general', minLevel: 3 }] }] })] })).toEqual([
      { path: 'queues.0.relax.0.skills.0.minLevel', message: 'a relax step may only lower a level' },
    ]);
    expect(issues({ queues: [q({ relax: [{ afterSeconds: 30, skills: [{ skill: 'english', minLevel: 1 }] }] })] })).toEqual([
      { path: 'queues.0.relax.0.skills.0.skill', message: 'skill english is not required by the queue' },
    ]);
  });

  it('refuses relax steps out of time order', () => {
    const skills = [{ skill: 'general', minLevel: 3 }];
    const relax = [
      { afterSeconds: 60, skills: [{ skill: 'general', minLevel: 2 }] },
      { afterSeconds: 30, skills: [{ skill: 'general', minLevel: 1 }] },
    ];
    expect(issues({ queues: [q({ skills, relax })] })).toEqual([{ path: 'queues.0.relax.1.afterSeconds', message: 'relax steps must be in increasing time order' }]);
  });

  it('refuses a maximum wait without an overflow target and the reverse', () => {
    expect(issues({ queues: [q({ maxWaitSeconds: 60 })] })).toEqual([{ path: 'queues.0.overflow', message: 'maxWaitSeconds and overflow go together' }]);
    expect(issues({ queues: [q({ overflow: { kind: 'voicemail' } })] })).toEqual([{ path: 'queues.0.overflow', message: 'maxWaitSeconds and overflow go together' }]);
  });

  it('refuses overflow into an unknown queue, into itself, into a queue without the channel, and cycles', () => {
    expect(issues({ queues: [q({ maxWaitSeconds: 60, overflow: { kind: 'queue', queueId: 'x' } })] })).toEqual([{ path: 'queues.0.overflow.queueId', message: 'unknown queue x' }]);
    expect(issues({ queues: [q({ maxWaitSeconds: 60, overflow: { kind: 'queue', queueId: 'q' } })] })[0]).toEqual({ path: 'queues.0.overflow.queueId', message: 'a queue cannot overflow into itself' });
    expect(issues({ queues: [q({ channels: ['chat'], maxWaitSeconds: 60, overflow: { kind: 'queue', queueId: 'v' } }), q({ id: 'v' })] })).toEqual([
      { path: 'queues.0.overflow.queueId', message: 'the overflow queue must take every channel of this queue' },
    ]);
    const cycle = issues({
      queues: [q({ id: 'a', maxWaitSeconds: 60, overflow: { kind: 'queue', queueId: 'b' } }), q({ id: 'b', maxWaitSeconds: 60, overflow: { kind: 'queue', queueId: 'a' } })],
    });
    expect(cycle.map((i) => i.message)).toContain('overflow cycle through a');
  });

  it('refuses duplicate queues, unknown number lists and reserved reason codes', () => {
    expect(issues({ queues: [q(), q()] })).toEqual([{ path: 'queues.1.id', message: 'duplicate queue q' }]);
    expect(issues({ queues: [q({ priorityRules: [{ name: 'vip', when: { kind: 'numberList', list: 'vip' }, priority: 10 }] })] })).toEqual([
      { path: 'queues.0.priorityRules.0.when.list', message: 'unknown number list vip' },
    ]);
    expect(issues({ queues: [q()], notReadyReasons: [{ code: 'noAnswer', label: 'x' }] })).toEqual([{ path: 'notReadyReasons.0.code', message: 'duplicate or reserved reason noAnswer' }]);
  });

  it('refuses out-of-range values with the path of the value', () => {
    expect(issues({ queues: [q({ skills: [{ skill: 'general', minLevel: 11 }] })] }).map((i) => i.path)).toEqual(['queues.0.skills.0.minLevel']);
    expect(issues({ queues: [q({ strategy: 'random' as never })] }).map((i) => i.path)).toEqual(['queues.0.strategy']);
    expect(issues({ queues: [] }).map((i) => i.path)).toEqual(['queues']);
  });
});
