import { describe, expect, it } from 'vitest';
import type { AcdConfigInput } from './config.ts';
import { kit } from './testKit.ts';

const mixed = (extra: Partial<AcdConfigInput> = {}): AcdConfigInput => ({
  queues: [
    { id: 'voice', name: 'V', channels: ['voice'], announcePeriodSeconds: null, comfortPeriodSeconds: null, wrapUpSeconds: 0 },
    { id: 'text', name: 'T', channels: ['chat', 'wechat', 'sms'], announcePeriodSeconds: null, comfortPeriodSeconds: null, wrapUpSeconds: 0 },
  ],
  ...extra,
});

function answerAll(k: ReturnType<typeof kit>): void {
  for (const ix of k.acd.interactions()) if (ix.status === 'offered') k.acd.answered(ix.id, ix.offeredTo[0]!);
}

describe('capacity per channel', () => {
  it('an agent takes up to three text conversations by default, one offer at a time', () => {
    const k = kit(mixed());
    k.acd.login({ id: 'a1', skills: {} }, 'ready');
    for (let i = 1; i <= 4; i++) k.acd.enqueue({ id: `t${i}`, queueId: 'text', channel: i % 2 ? 'chat' : 'wechat' });
    expect(k.offers()).toEqual(['t1→a1']);
    answerAll(k);
    answerAll(k);
    answerAll(k);
    expect(k.offers()).toEqual(['t1→a1', 't2→a1', 't3→a1']);
    expect(k.acd.interaction('t4')!.status).toBe('waiting');
    k.acd.hangup('t2');
    expect(k.offers()).toEqual(['t1→a1', 't2→a1', 't3→a1', 't4→a1']);
  });

  it('text goes to the least loaded agent first', () => {
    const k = kit(mixed());
    k.acd.login({ id: 'a1', skills: {} }, 'ready');
    k.acd.login({ id: 'a2', skills: {} }, 'ready');
    for (let i = 1; i <= 4; i++) {
      k.acd.enqueue({ id: `t${i}`, queueId: 'text', channel: 'chat' });
      answerAll(k);
    }
    expect(k.of('offer').map((o) => o.agentId)).toEqual(['a1', 'a2', 'a1', 'a2']);
  });

  it('a per-channel limit applies inside the text total', () => {
    const k = kit(mixed());
    k.acd.login({ id: 'a1', skills: {}, capacity: { sms: 1, text: 3 } }, 'ready');
    k.acd.enqueue({ id: 's1', queueId: 'text', channel: 'sms' });
    answerAll(k);
    k.acd.enqueue({ id: 's2', queueId: 'text', channel: 'sms' });
    k.acd.enqueue({ id: 'c1', queueId: 'text', channel: 'chat' });
    answerAll(k);
    expect(k.offers()).toEqual(['s1→a1', 'c1→a1']);
  });

  it('voice excludes text: no chat during a call, no call while holding chats', () => {
    const k = kit(mixed());
    k.acd.login({ id: 'a1', skills: {} }, 'ready');
    k.acd.enqueue({ id: 'v1', queueId: 'voice' });
    answerAll(k);
    k.acd.enqueue({ id: 't1', queueId: 'text', channel: 'chat' });
    expect(k.offers()).toEqual(['v1→a1']);
    k.acd.hangup('v1');
    expect(k.offers()).toEqual(['v1→a1', 't1→a1']);
    answerAll(k);
    k.acd.enqueue({ id: 'v2', queueId: 'voice' });
    expect(k.acd.interaction('v2')!.status).toBe('waiting');
    k.acd.hangup('t1');
    expect(k.offers()).toEqual(['v1→a1', 't1→a1', 'v2→a1']);
  });

  it('with voiceExcludesText off an agent can hold a call and chats together', () => {
    const k = kit(mixed({ voiceExcludesText: false }));
    k.acd.login({ id: 'a1', skills: {} }, 'ready');
    k.acd.enqueue({ id: 't1', queueId: 'text', channel: 'chat' });
    answerAll(k);
    k.acd.enqueue({ id: 'v1', queueId: 'voice' });
    answerAll(k);
    expect(k.acd.agentSnapshot('a1').interactions.map((i) => `${i.interactionId}:${i.phase}`)).toEqual(['t1:connected', 'v1:connected']);
  });

  it('a wrap-up holds its slot until it ends', () => {
    const k = kit({ queues: [{ id: 'text', name: 'T', channels: ['chat'], wrapUpSeconds: 10, announcePeriodSeconds: null }] });
    k.acd.login({ id: 'a1', skills: {}, capacity: { text: 1 } }, 'ready');
    k.acd.enqueue({ id: 't1', queueId: 'text', channel: 'chat' });
    answerAll(k);
    k.acd.hangup('t1');
    k.acd.enqueue({ id: 't2', queueId: 'text', channel: 'chat' });
    expect(k.offers()).toEqual(['t1→a1']);
    k.seconds(10);
    expect(k.offers()).toEqual(['t1→a1', 't2→a1']);
  });

  it('a queue refuses a channel it does not take', () => {
    const k = kit(mixed());
    expect(() => k.acd.enqueue({ id: 'x', queueId: 'voice', channel: 'chat' })).toThrow(expect.objectContaining({ code: 'CHANNEL_NOT_ACCEPTED' }));
  });

  it('a zero voice capacity makes a text-only agent', () => {
    const k = kit(mixed());
    k.acd.login({ id: 'a1', skills: {}, capacity: { voice: 0 } }, 'ready');
    k.acd.enqueue({ id: 'v1', queueId: 'voice' });
    k.acd.enqueue({ id: 't1', queueId: 'text', channel: 'sms' });
    expect(k.offers()).toEqual(['t1→a1']);
  });
});
