import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, type TestPlatform } from '../../testing/testPlatform.ts';
import { client } from '../../testing/http.ts';
import { conversationServiceFor, HANDOVER_TEXT, type Responder } from '../../conversations/index.ts';
import { AGENT_JOINED_TEXT } from '../../conversations/inbox.ts';
import { solvedPow } from '../../portal/testing/portalClient.ts';

let p: TestPlatform;

interface ChatItem {
  seq: string;
  author: string;
  text: string;
}

const start = async (name?: string) => {
  const res = await p.app.inject({ method: 'POST', url: '/api/v1/public/chat', payload: { pow: await solvedPow(p.app, 'chat'), ...(name ? { name } : {}) } });
  expect(res.statusCode).toBe(201);
  return res.json().token as string;
};
const say = (token: string, text: string, clientId?: string) =>
  p.app.inject({ method: 'POST', url: '/api/v1/public/chat/messages', headers: { 'x-chat-token': token }, payload: { text, ...(clientId ? { clientId } : {}) } });
const read = async (token: string, after = '0', wait = 0) => {
  const res = await p.app.inject({ url: `/api/v1/public/chat/messages?after=${after}&wait=${wait}`, headers: { 'x-chat-token': token } });
  expect(res.statusCode).toBe(200);
  return res.json() as { state: string | null; items: ChatItem[] };
};
/** Waits until the chat shows `n` messages (the bot answers after the POST returns). */
const until = async (token: string, n: number) => {
  let items: ChatItem[] = [];
  await expect.poll(async () => (items = (await read(token)).items).length).toBe(n);
  return items;
};

beforeAll(async () => {
  p = await createTestPlatform({ env: { POW_DIFFICULTY: '6' } });
});
afterAll(() => p?.close());

describe('starting a chat', () => {
  it('needs a solved proof-of-work of purpose chat', async () => {
    const none = await p.app.inject({ method: 'POST', url: '/api/v1/public/chat', payload: {} });
    expect(none.statusCode).toBe(400);
    const appealPow = await p.app.inject({ method: 'POST', url: '/api/v1/public/chat', payload: { pow: await solvedPow(p.app, 'appeal') } });
    expect([appealPow.statusCode, appealPow.json().error.code, appealPow.json().error.details.reason]).toEqual([403, 'POW_INVALID', 'purpose']);
    const token = await start('小李');
    expect(token).toMatch(/^wc_[A-Za-z0-9_-]{32}$/);
  });

  it('refuses messages without a token, with a malformed one, or with one the platform never issued: 401 CHAT_TOKEN_INVALID', async () => {
    const cases = [{}, { 'x-chat-token': 'abc' }, { 'x-chat-token': `wc_${'A'.repeat(32)}` }];
    for (const headers of cases) {
      const post = await p.app.inject({ method: 'POST', url: '/api/v1/public/chat/messages', headers, payload: { text: '你好' } });
      const get = await p.app.inject({ url: '/api/v1/public/chat/messages', headers });
      expect([post.statusCode, post.json().error.code]).toEqual([401, 'CHAT_TOKEN_INVALID']);
      expect(get.statusCode).toBe(401);
    }
  });
});

describe('a conversation on the web channel', () => {
  it('the configured bot answers first; 人工 hands over; an agent takes it in the inbox and the long poll wakes with the reply', async () => {
    const token = await start();
    const first = await say(token, '查询');
    expect(first.statusCode).toBe(201);
    const afterBot = await until(token, 2);
    expect(afterBot.map((m) => m.author)).toEqual(['citizen', 'bot']);
    expect(afterBot[1]!.text).toContain('暂未查到与您关联的工单');
    expect((await read(token)).state).toBe('bot');

    await say(token, '人工');
    const handed = await until(token, 4);
    expect(handed[3]).toMatchObject({ author: 'system', text: HANDOVER_TEXT });
    expect((await read(token)).state).toBe('waiting');

    const agent = client(p.app, await p.login('agent'));
    const waiting = await agent.get('/api/v1/inbox/conversations?view=waiting');
    const conv = waiting.body.items.find((c: { channel: string }) => c.channel === 'web');
    expect(conv).toBeTruthy();
    expect((await agent.post(`/api/v1/inbox/conversations/${conv.id}/take`)).status).toBe(200);
    const joined = await until(token, 5);
    expect(joined[4]).toMatchObject({ author: 'system', text: AGENT_JOINED_TEXT });

    // A long poll waiting for news is answered when the agent replies.
    const poll = read(token, joined[4]!.seq, 20);
    const sent = await agent.post(`/api/v1/inbox/conversations/${conv.id}/messages`, { text: '您好，请问您要咨询什么？' });
    expect(sent.body.delivery).toBe('sent');
    const news = await poll;
    expect(news.items).toEqual([expect.objectContaining({ author: 'agent', text: '您好，请问您要咨询什么？' })]);
    expect(news.state).toBe('assigned');
    // Agents are not named to the citizen.
    expect(JSON.stringify(news)).not.toMatch(/agentId|陈晓/);
  });

  it('a retried POST with the same clientId is stored once; after= returns only newer messages; visitors see only their own chat', async () => {
    const service = conversationServiceFor(p.ctx);
    const original = service.responder;
    const echo: Responder = { answer: async (_c, text) => ({ kind: 'answer', text: `机器人收到：${text}` }) };
    service.responder = echo;
    try {
      const a = await start();
      const b = await start();
      const one = await say(a, '公积金怎么提取', 'msg-0001-abc');
      const again = await say(a, '公积金怎么提取', 'msg-0001-abc');
      expect([one.statusCode, again.statusCode, again.json().duplicate]).toEqual([201, 200, true]);
      expect(again.json().id).toBe(one.json().id);
      const items = await until(a, 2);
      expect(items[1]).toMatchObject({ author: 'bot', text: '机器人收到：公积金怎么提取' });
      expect((await read(a, items[0]!.seq)).items.map((m) => m.text)).toEqual(['机器人收到：公积金怎么提取']);
      expect((await read(b)).items).toEqual([]);
      expect((await read(b)).state).toBeNull();
    } finally {
      service.responder = original;
    }
  });

  it('bad message bodies are refused: empty text, over 2000 characters, unknown fields', async () => {
    const token = await start();
    expect((await say(token, '   ')).statusCode).toBe(400);
    expect((await say(token, '长'.repeat(2001))).statusCode).toBe(400);
    const extra = await p.app.inject({ method: 'POST', url: '/api/v1/public/chat/messages', headers: { 'x-chat-token': token }, payload: { text: 'hi', x: 1 } });
    expect(extra.statusCode).toBe(400);
    expect((await read(token)).items).toEqual([]);
  });
});
