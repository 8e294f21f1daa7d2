// Hot swap: a newly loaded flow version applies to new calls; calls in progress keep theirs.
import { describe, expect, it } from 'vitest';
import { builtinFlowText } from './builtinFlows.ts';
import { FlowRegistry } from './registry.ts';
import { runCall } from './testing/harness.ts';

const versioned = (version: number, word: string) => ({
  id: 'hotline',
  name: 'hotline',
  version,
  start: 'answer',
  nodes: {
    answer: { verb: 'answer', next: 'first' },
    first: { verb: 'play', prompt: { tts: `${word}：第一段` }, next: 'second' },
    second: { verb: 'play', prompt: { tts: `${word}：第二段` }, next: 'bye' },
    bye: { verb: 'hangup' },
  },
});

describe('FlowRegistry', () => {
  it('a call in progress keeps the version it started with; calls after the swap get the new one', async () => {
    const registry = new FlowRegistry();
    expect(registry.load(versioned(1, '旧版')).ok).toBe(true);

    const oldCall = await runCall(registry.require('hotline'), [], {
      interpreter: (ivr) =>
        ivr.on('node', (step) => {
          // Mid-call, right as the first prompt starts: an admin publishes version 2.
          if (step.node === 'first') expect(registry.load(versioned(2, '新版')).ok).toBe(true);
        }),
    });
    expect(oldCall.port.heard).toEqual(['旧版：第一段', '旧版：第二段']);
    expect(oldCall.result.flow).toEqual({ id: 'hotline', version: 1 });

    const newCall = await runCall(registry.require('hotline'), []);
    expect(newCall.port.heard).toEqual(['新版：第一段', '新版：第二段']);
    expect(newCall.result.flow).toEqual({ id: 'hotline', version: 2 });
    expect(registry.list().map((f) => [f.id, f.version])).toEqual([['hotline', 2]]);
  });

  it('an invalid document is refused and the active version stays', () => {
    const registry = new FlowRegistry();
    registry.load(versioned(1, '旧版'));
    const bad = versioned(2, '坏版');
    (bad.nodes.first as { next: string }).next = 'nowhere';
    expect(registry.load(bad)).toEqual({ ok: false, errors: ['nodes.first.next: no node "nowhere"'] });
    expect(registry.get('hotline')?.version).toBe(1);
  });

  it('hands out frozen flows, so nothing can change a running call’s flow in place', () => {
    const registry = new FlowRegistry();
    registry.load(builtinFlowText('default'));
    const flow = registry.require('default');
    expect(Object.isFrozen(flow.nodes.welcome)).toBe(true);
    expect(() => {
      (flow.nodes.welcome as { next: string }).next = 'goodbye';
    }).toThrow(TypeError);
  });

  it('refuses the same version number with different content, accepts a reload of the same content or a rollback', () => {
    const registry = new FlowRegistry();
    registry.load(versioned(2, '甲'));
    expect(registry.load(versioned(2, '甲')).ok).toBe(true);
    const clash = registry.load(versioned(2, '乙'));
    expect(clash.ok === false && clash.errors[0]).toMatch(/version 2 is already loaded with different content/);
    expect(registry.load(versioned(1, '回滚')).ok).toBe(true);
    expect(registry.get('hotline')?.version).toBe(1);
    expect(() => registry.require('nope')).toThrow(RangeError);
  });
});
