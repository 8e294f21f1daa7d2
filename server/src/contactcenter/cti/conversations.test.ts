// Text conversations through the same ACD as calls: a conversation handed to a person is pushed
// to a signed-in, ready agent up to their text capacity; closing frees the slot at once; an agent
// who works the list by hand is recorded by the ACD the same way.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Channel } from '@hotline/shared';
import type { TextToSpeech } from '@hotline/telephony';
import { createTestPlatform, type TestPlatform } from '../../testing/testPlatform.ts';
import { client } from '../../testing/http.ts';
import { startTelephony } from '../../telephony/runtime.ts';
import { conversationServiceFor, type ChannelSender } from '../../conversations/index.ts';
import { ContactCenter } from './contactCenter.ts';

const quietTts: TextToSpeech = { engineId: 'quiet@1', synthesize: async () => new Int16Array(800) };
let p: TestPlatform;
let cc: ContactCenter;
const quiet: ChannelSender = { send: async () => undefined };

beforeAll(async () => {
  p = await createTestPlatform({ env: { SIP_PORT: '0', SIP_HOST: '127.0.0.1', RTP_PORT_MIN: '43800', RTP_PORT_MAX: '43899' } });
  p.ctx.telephony = await startTelephony(p.ctx, { tts: quietTts });
  cc = new ContactCenter(p.ctx, p.ctx.telephony);
  p.ctx.contactCenter = cc;
  const conversations = conversationServiceFor(p.ctx);
  for (const ch of ['sms', 'email'] as Channel[]) conversations.registerSender(ch, quiet);
  cc.attachConversations(conversations);
}, 60_000);
afterAll(async () => {
  cc?.close();
  await p?.ctx.telephony?.close();
  await p?.close();
});

const write = async (value: string, text = '人工') => {
  const r = await conversationServiceFor(p.ctx).receive('sms', { kind: 'phone', value }, { kind: 'text', text });
  await r.settled;
  return r.conversationId;
};
const until = async (what: string, fn: () => Promise<boolean>) => {
  for (let i = 0; i < 100; i++) {
    if (await fn()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out: ${what}`);
};

describe('the inbox through the ACD', () => {
  it('pushes conversations to a ready agent up to three, the fourth waits, closing one brings the next', async () => {
    const agent = client(p.app, await p.login('agent06'));
    expect((await agent.post('/api/v1/cti/agent/login', { extension: '8007' })).status).toBe(403); // 8007 is agent07's
    expect((await agent.post('/api/v1/cti/agent/login', { extension: '8006' })).status).toBe(200);
    await agent.post('/api/v1/cti/agent/state', { state: 'ready' });
    const agentId = p.ids.users.get('agent06')!;

    const ids: string[] = [];
    for (let i = 1; i <= 4; i++) ids.push(await write(`1390000000${i}`));
    await until('three assigned', async () => (await agent.get('/api/v1/inbox/conversations?view=mine')).body.items.length === 3);
    const mine = (await agent.get('/api/v1/inbox/conversations?view=mine')).body.items.map((c: { id: string }) => c.id);
    expect(mine.sort()).toEqual(ids.slice(0, 3).sort());
    expect((await agent.get('/api/v1/inbox/conversations?view=waiting')).body.items.map((c: { id: string }) => c.id)).toEqual([ids[3]]);
    const snap = cc.acd.agentSnapshot(agentId);
    expect(snap.interactions.filter((i) => i.channel === 'sms')).toHaveLength(3);

    expect((await agent.post(`/api/v1/inbox/conversations/${ids[0]}/close`)).status).toBe(200);
    await until('the fourth pushed', async () => (await agent.get('/api/v1/inbox/conversations?view=mine')).body.items.some((c: { id: string }) => c.id === ids[3]));
    expect(cc.acd.agentSnapshot(agentId).interactions.filter((i) => i.phase === 'connected')).toHaveLength(3);
    for (const id of ids.slice(1)) await agent.post(`/api/v1/inbox/conversations/${id}/close`);
    expect(cc.acd.agentSnapshot(agentId).interactions).toHaveLength(0);
    await agent.post('/api/v1/cti/agent/logout');
  });

  it('an agent not signed in to the ACD still takes from the list, and the ACD forgets the conversation', async () => {
    const id = await write('13900000009');
    const agent = client(p.app, await p.login('agent07'));
    const taken = await agent.post(`/api/v1/inbox/conversations/${id}/take`);
    expect(taken.status, JSON.stringify(taken.body)).toBe(200);
    expect(cc.acd.interaction(id)).toBeNull();
  });
});
