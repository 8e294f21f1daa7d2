import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Channel } from '@hotline/shared';
import { createTestPlatform, type TestPlatform } from '../testing/testPlatform.ts';
import { client } from '../testing/http.ts';
import { conversationServiceFor, type ChannelSender, type ConversationRow, type OutboundMessage } from './index.ts';

let p: TestPlatform;
const sent: { channel: Channel; to: string; text: string }[] = [];
let agent: ReturnType<typeof client>;
let agent2: ReturnType<typeof client>;
let supervisor: ReturnType<typeof client>;

/** A channel's outbound port as other channels implement it; records what it was asked to send. */
const recorder = (channel: Channel): ChannelSender => ({
  async send(c: ConversationRow, m: OutboundMessage) {
    sent.push({ channel, to: c.identityValue, text: m.text });
  },
});

/** A citizen writes; resolves once the bot has handed over and told them so. */
const write = async (channel: Channel, kind: 'phone' | 'email', value: string, text: string) => {
  const r = await conversationServiceFor(p.ctx).receive(channel, { kind, value }, { kind: 'text', text });
  await r.settled;
  return r;
};

beforeAll(async () => {
  p = await createTestPlatform();
  const service = conversationServiceFor(p.ctx);
  service.registerSender('sms', recorder('sms'));
  service.registerSender('email', recorder('email'));
  agent = client(p.app, await p.login('agent04'));
  agent2 = client(p.app, await p.login('agent05'));
  supervisor = client(p.app, await p.login('supervisor'));
});
afterAll(() => p?.close());

describe('the unified inbox', () => {
  it('is for agents and supervisors of the hotline center', async () => {
    expect((await client(p.app, await p.login('handler')).get('/api/v1/inbox/conversations')).status).toBe(403);
    expect((await client(p.app, await p.login('leader')).get('/api/v1/inbox/conversations?view=waiting')).status).toBe(403);
    expect((await agent.get('/api/v1/inbox/conversations?view=all')).status).toBe(403);
    expect((await supervisor.get('/api/v1/inbox/conversations?view=all')).status).toBe(200);
  });

  it('lists conversations of every channel waiting in arrival order, citizens masked in the list', async () => {
    await write('sms', 'phone', '13811110001', '我家楼下垃圾好几天没人清运');
    p.clock.advance(1000);
    await write('email', 'email', 'Resident.One@example.org', '咨询公租房申请条件');
    const res = await agent.get('/api/v1/inbox/conversations?view=waiting');
    expect(res.status).toBe(200);
    const items = res.body.items as { channel: string; citizen: { identity: string }; preview: string }[];
    expect(items.map((i) => i.channel)).toEqual(['sms', 'email']);
    expect(items[0]!.citizen.identity).toBe('138****0001');
    expect(items[1]!.citizen.identity).toBe('r***@example.org');
    expect(items[1]!.preview).toBe('咨询公租房申请条件');
    expect(res.body.counts).toEqual({ mine: 0, waiting: 2, capacity: 3 });
    // The bot handed both over and told the citizens on their channel.
    expect(sent.map((s) => [s.channel, s.to])).toEqual([
      ['sms', '13811110001'],
      ['email', 'resident.one@example.org'],
    ]);
  });

  it('take gives the one waiting longest; the detail shows the citizen in clear and is audited', async () => {
    const res = await agent.post('/api/v1/inbox/take');
    expect(res.status).toBe(200);
    const c = res.body.conversation;
    expect(c.channel).toBe('sms');
    expect(c.state).toBe('assigned');
    expect(c.mayAct).toBe(true);
    expect(c.citizen.identities).toEqual([expect.objectContaining({ kind: 'phone', value: '13811110001' })]);
    const audits = await p.ctx.db.query(`SELECT 1 FROM audit_log WHERE action = 'personalData.read' AND entity = 'conversation' AND entity_id = $1`, [c.id]);
    expect(audits.length).toBeGreaterThan(0);
    expect(sent.at(-1)).toEqual({ channel: 'sms', to: '13811110001', text: '人工客服已接入，请问有什么可以帮您？' });
    const mine = await agent.get('/api/v1/inbox/conversations?view=mine');
    expect(mine.body.items.map((i: { id: string }) => i.id)).toEqual([c.id]);
  });

  it('a conversation someone holds cannot be taken or answered by another agent', async () => {
    const [held] = (await agent.get('/api/v1/inbox/conversations?view=mine')).body.items;
    const take = await agent2.post(`/api/v1/inbox/conversations/${held.id}/take`);
    expect([take.status, take.body.error.code]).toEqual([409, 'CONVERSATION_TAKEN']);
    const reply = await agent2.post(`/api/v1/inbox/conversations/${held.id}/messages`, { text: '您好' });
    expect([reply.status, reply.body.error.code]).toEqual([403, 'NOT_CONVERSATION_AGENT']);
  });

  it('replies go out on the channel the citizen used; messages read in order and from a position', async () => {
    const [held] = (await agent.get('/api/v1/inbox/conversations?view=mine')).body.items;
    const before = (await agent.get(`/api/v1/inbox/conversations/${held.id}/messages`)).body.items;
    const res = await agent.post(`/api/v1/inbox/conversations/${held.id}/messages`, { text: '请问是哪个小区？' });
    expect([res.status, res.body.delivery]).toEqual([201, 'sent']);
    expect(sent.at(-1)).toEqual({ channel: 'sms', to: '13811110001', text: '请问是哪个小区？' });
    await write('sms', 'phone', '13811110001', '枫林雅苑三期');
    const newer = (await agent.get(`/api/v1/inbox/conversations/${held.id}/messages?after=${before.at(-1).seq}`)).body.items;
    expect(newer.map((m: { author: string; text: string }) => [m.author, m.text])).toEqual([
      ['agent', '请问是哪个小区？'],
      ['citizen', '枫林雅苑三期'],
    ]);
  });

  it('an agent holds at most three conversations at once', async () => {
    for (let i = 0; i < 3; i++) {
      p.clock.advance(1000);
      await write('sms', 'phone', `1390000000${i}`, `第${i}条留言`);
    }
    expect((await agent.post('/api/v1/inbox/take')).body.conversation).not.toBeNull(); // the e-mail
    expect((await agent.post('/api/v1/inbox/take')).body.conversation).not.toBeNull();
    const fourth = await agent.post('/api/v1/inbox/take');
    expect([fourth.status, fourth.body.error.code]).toEqual([409, 'AGENT_AT_CAPACITY']);
    expect((await agent.get('/api/v1/inbox/conversations?view=mine')).body.counts.mine).toBe(3);
  });

  it('requeue puts it back in its old place for another agent; close ends it and the next message opens a new one', async () => {
    const mine = (await agent.get('/api/v1/inbox/conversations?view=mine')).body.items as { id: string; channel: string; waitingSince: string }[];
    const email = mine.find((c) => c.channel === 'email')!;
    const back = await agent.post(`/api/v1/inbox/conversations/${email.id}/requeue`);
    expect([back.status, back.body.state]).toEqual([200, 'waiting']);
    const waiting = (await agent2.get('/api/v1/inbox/conversations?view=waiting')).body.items as { id: string }[];
    expect(waiting[0]!.id).toBe(email.id);
    const taken = await agent2.post('/api/v1/inbox/take');
    expect(taken.body.conversation.id).toBe(email.id);

    const closed = await agent2.post(`/api/v1/inbox/conversations/${email.id}/close`);
    expect([closed.status, closed.body.state]).toEqual([200, 'closed']);
    expect(sent.at(-1)!.text).toContain('本次会话已结束');
    const late = await agent2.post(`/api/v1/inbox/conversations/${email.id}/messages`, { text: '补充一句' });
    expect([late.status, late.body.error.code]).toEqual([409, 'CONVERSATION_CLOSED']);
    const again = await write('email', 'email', 'resident.one@example.org', '还有一个问题');
    expect(again.conversationId).not.toBe(email.id);
  });

  it('a supervisor may close a conversation another agent holds', async () => {
    const [held] = (await agent.get('/api/v1/inbox/conversations?view=mine')).body.items;
    expect((await supervisor.post(`/api/v1/inbox/conversations/${held.id}/close`)).status).toBe(200);
  });

  it('quick replies: every agent reads them, a supervisor replaces them', async () => {
    const list = await agent.get('/api/v1/inbox/quick-replies');
    expect(list.body.items.length).toBeGreaterThan(0);
    expect((await agent.put('/api/v1/inbox/quick-replies', { items: ['x'] })).status).toBe(403);
    const put = await supervisor.put('/api/v1/inbox/quick-replies', { items: ['您好，请讲。', '请稍候。'] });
    expect(put.body.items.map((i: { text: string }) => i.text)).toEqual(['您好，请讲。', '请稍候。']);
  });
});

describe('a work order from a conversation', () => {
  it('needs a phone when the citizen has none on record, and loses nothing when refused', async () => {
    const r = await write('email', 'email', 'no.phone@example.org', '路口红绿灯时间太短，老人过不去');
    const c = await agent2.post(`/api/v1/inbox/conversations/${r.conversationId}/take`);
    expect(c.status).toBe(200);
    const before = (await p.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM work_orders'))[0]!.n;
    const res = await agent2.post(`/api/v1/inbox/conversations/${r.conversationId}/work-orders`, { type: 'suggestion' });
    expect([res.status, res.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(JSON.stringify(res.body.error.details)).toContain('/citizen/phone');
    expect((await p.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM work_orders'))[0]!.n).toBe(before);
  });

  it('registers what the citizen wrote, links order, conversation and citizen, and merges the citizen known by that phone', async () => {
    // The same person wrote earlier by SMS from the phone they now give.
    const earlier = await write('sms', 'phone', '13522223333', '上次反映的路灯问题');
    const r = await write('email', 'email', 'walker@example.org', '人行横道的红绿灯坏了');
    await write('email', 'email', 'walker@example.org', '位置在东风路和建设路交叉口');
    await agent2.post(`/api/v1/inbox/conversations/${r.conversationId}/take`);
    const res = await agent2.post(`/api/v1/inbox/conversations/${r.conversationId}/work-orders`, {
      type: 'help',
      citizen: { name: '李先生', phone: '135-2222-3333' },
    });
    expect(res.status).toBe(201);
    const order = (await agent2.get(`/api/v1/work-orders/${res.body.id}`)).body;
    expect(order.channel).toBe('email');
    expect(order.content).toBe('人行横道的红绿灯坏了\n位置在东风路和建设路交叉口');
    expect(order.citizen).toMatchObject({ name: '李先生', phone: '13522223333', email: 'walker@example.org' });
    expect(sent.at(-1)).toMatchObject({ channel: 'email', to: 'walker@example.org' });
    expect(sent.at(-1)!.text).toContain(res.body.trackingNumber);

    const detail = (await agent2.get(`/api/v1/inbox/conversations/${r.conversationId}`)).body;
    expect(detail.workOrders.map((w: { id: string }) => w.id)).toEqual([res.body.id]);
    expect(detail.citizen.identities.map((i: { kind: string }) => i.kind).sort()).toEqual(['email', 'phone']);
    expect(detail.history.conversations.map((h: { id: string }) => h.id)).toContain(earlier.conversationId);
    expect(detail.history.workOrders.map((w: { id: string }) => w.id)).toContain(res.body.id);
    const merges = await p.ctx.db.query(`SELECT detail FROM audit_log WHERE action = 'citizen.merge' AND entity_id = $1`, [detail.citizen.id]);
    expect(merges).toHaveLength(1);
  });
});
