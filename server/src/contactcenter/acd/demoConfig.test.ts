import { describe, expect, it } from 'vitest';
import { demoAcdConfig } from './demoConfig.ts';
import { kit } from './testKit.ts';

describe('demo configuration', () => {
  it('a safety hazard rings the trained agents together, and when they are busy overflows to the front of the general line', () => {
    const k = kit(demoAcdConfig);
    k.acd.login({ id: 's1', skills: { safety: 3 } }, 'ready');
    k.acd.login({ id: 's2', skills: { safety: 3 } }, 'ready');
    k.acd.enqueue({ id: 'h1', queueId: 'safety', tags: ['emergency'] });
    expect(k.offers()).toEqual(['h1→s1', 'h1→s2']);
    k.acd.answered('h1', 's2');
    k.acd.enqueue({ id: 'h2', queueId: 'safety', tags: ['emergency'] });
    k.acd.answered('h2', 's1');
    k.acd.enqueue({ id: 'g1', queueId: 'general' });
    k.acd.enqueue({ id: 'h3', queueId: 'safety', tags: ['emergency'] });
    k.seconds(30);
    expect(k.of('overflow')).toEqual([{ interactionId: 'h3', fromQueueId: 'safety', to: { kind: 'queue', queueId: 'general' } }]);
    k.acd.login({ id: 'g', skills: { general: 5 } }, 'ready');
    expect(k.offers().at(-1)).toBe('h3→g');
  });

  it('a registered older citizen calling the general line goes ahead of VIPs and others', () => {
    const k = kit(demoAcdConfig);
    k.acd.enqueue({ id: 'v', queueId: 'general', callerNumber: '19900000001' });
    k.acd.enqueue({ id: 'o', queueId: 'general', callerNumber: '19900006501' });
    expect(k.acd.interaction('o')!.priority).toBeGreaterThan(k.acd.interaction('v')!.priority);
  });

  it('the 适老化 line takes a less experienced colleague after 20 s and hands over to the general line after 90 s', () => {
    const k = kit(demoAcdConfig);
    k.acd.login({ id: 'e1', skills: { elderly: 1 } }, 'ready');
    k.acd.enqueue({ id: 'o1', queueId: 'elderly', tags: ['elderly'] });
    k.seconds(19);
    expect(k.offers()).toEqual([]);
    k.seconds(1);
    expect(k.offers()).toEqual(['o1→e1']);
    k.acd.answered('o1', 'e1');
    k.acd.enqueue({ id: 'o2', queueId: 'elderly', tags: ['elderly'] });
    k.seconds(90);
    expect(k.acd.interaction('o2')).toMatchObject({ queueId: 'general', priority: 40 });
  });

  it('the foreign-language line ends in voicemail after three minutes', () => {
    const k = kit(demoAcdConfig);
    k.acd.enqueue({ id: 'f1', queueId: 'foreign' });
    k.seconds(180);
    expect(k.of('ended')).toEqual([{ interactionId: 'f1', queueId: 'foreign', outcome: 'overflowed' }]);
  });

  it('the text line gives an agent up to three conversations across chat, WeChat and SMS', () => {
    const k = kit(demoAcdConfig);
    k.acd.login({ id: 't1', skills: { general: 2 } }, 'ready');
    for (const [i, channel] of (['chat', 'wechat', 'sms', 'chat'] as const).entries()) {
      k.acd.enqueue({ id: `m${i}`, queueId: 'text', channel });
      const last = k.of('offer').at(-1);
      if (last && last.interactionId === `m${i}`) k.acd.answered(last.interactionId, 't1');
    }
    expect(k.acd.agentSnapshot('t1').interactions.map((x) => x.channel)).toEqual(['chat', 'wechat', 'sms']);
    expect(k.acd.interaction('m3')!.status).toBe('waiting');
  });
});
