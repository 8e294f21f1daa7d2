import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, type TestPlatform } from '../../testing/testPlatform.ts';
import { client, newOrder } from '../../testing/http.ts';

let p: TestPlatform;
let supervisor: ReturnType<typeof client>;
const GOOD = '您好！您反映的枫林苑小区3栋电梯故障问题已收悉。经核查，物业公司已联系电梯维保单位更换主板，电梯已恢复运行。感谢您对我们工作的理解与支持！';
const RUDE = '这个不归我们管，你自己去找物业。';
let rudeTracking: string;

/** Registers, dispatches to housing, replies, approves and closes an order. */
async function closedWithReply(reply: string): Promise<string> {
  const agent = client(p.app, await p.login('agent'));
  const dispatcher = client(p.app, await p.login('dispatcher'));
  const handler = client(p.app, await p.login('handler'));
  const leader = client(p.app, await p.login('dept_leader'));
  const o = (await agent.post('/api/v1/work-orders', newOrder())).body;
  const housing = p.ids.departments.get('A市住房和城乡建设局')!;
  expect((await dispatcher.act(o.id, 'dispatch', { leadDepartmentId: housing })).status).toBe(200);
  expect((await handler.act(o.id, 'accept')).status).toBe(200);
  expect((await handler.act(o.id, 'reply', { content: reply })).status).toBe(200);
  expect((await leader.act(o.id, 'review', { approve: true })).status).toBe(200);
  expect((await dispatcher.act(o.id, 'close')).status).toBe(200);
  return o.trackingNumber;
}

beforeAll(async () => {
  p = await createTestPlatform();
  supervisor = client(p.app, await p.login('supervisor'));
  await closedWithReply(GOOD);
  rudeTracking = await closedWithReply(RUDE);
  // An agent answering on the spot is scored as a person of the center.
  const agent = client(p.app, await p.login('agent'));
  const o = (await agent.post('/api/v1/work-orders', newOrder({ title: '咨询公积金提取', content: '请问公积金提取需要什么材料？' }))).body;
  expect((await agent.act(o.id, 'resolveOnSpot', { content: '您好，公积金提取需携带身份证和银行卡到公积金中心办理，感谢您的来电。' })).status).toBe(200);
  // An order still being handled is not scored.
  const open = (await agent.post('/api/v1/work-orders', newOrder())).body;
  await client(p.app, await p.login('dispatcher')).act(open.id, 'dispatch', { leadDepartmentId: p.ids.departments.get('A市住房和城乡建设局')! });
});
afterAll(() => p?.close());

describe('GET /api/v1/intelligence/quality', () => {
  it('scores replies of closed orders per department and per person, with the lowest as samples', async () => {
    const res = await supervisor.get('/api/v1/intelligence/quality?days=30');
    expect(res.status).toBe(200);
    expect(res.body.replies).toBe(3);
    const housing = res.body.departments.find((d: { name: string }) => d.name === 'A市住房和城乡建设局');
    expect(housing.replies).toBe(2);
    expect(housing.samples[0]).toMatchObject({ trackingNumber: rudeTracking, failed: expect.arrayContaining(['forbiddenWords']) });
    expect(housing.samples[0].score).toBeLessThan(housing.samples[1].score);
    expect(housing.passRates.forbiddenWords).toBe(0.5);
    const people = res.body.people.map((x: { name: string }) => x.name);
    expect(people).toEqual(expect.arrayContaining(['承办人 李华（A市住房和城乡建设局）', '话务员 陈晓（A市12345政务服务便民热线中心）']));
    expect(res.body.lowest[0].trackingNumber).toBe(rudeTracking);
  });

  it('a period that ends before the replies has none', async () => {
    p.clock.advance(2 * 86_400_000);
    const res = await supervisor.get('/api/v1/intelligence/quality?days=1');
    p.clock.advance(-2 * 86_400_000);
    expect(res.body).toMatchObject({ replies: 0, averageScore: null, departments: [], people: [] });
  });

  it('a department leader sees the replies on orders of their department only', async () => {
    const res = await client(p.app, await p.login('dept_leader')).get('/api/v1/intelligence/quality');
    expect(res.status).toBe(200);
    expect(res.body.replies).toBe(2);
  });

  it('bad input and roles', async () => {
    for (const q of ['days=0', 'days=366', 'days=x', 'samples=50']) expect((await supervisor.get(`/api/v1/intelligence/quality?${q}`)).status, q).toBe(400);
    for (const u of ['agent', 'handler', 'dispatcher']) expect((await client(p.app, await p.login(u)).get('/api/v1/intelligence/quality')).status, u).toBe(403);
    expect((await client(p.app, await p.login('leader')).get('/api/v1/intelligence/quality')).status).toBe(200);
  });
});

describe('POST /api/v1/intelligence/quality/inspect', () => {
  it('inspects one reply, or one transcript', async () => {
    const reply = await supervisor.post('/api/v1/intelligence/quality/inspect', { appeal: '电梯坏了一个月', reply: RUDE });
    expect(reply.status).toBe(200);
    expect(reply.body.failed).toContain('forbiddenWords');
    const chat = await supervisor.post('/api/v1/intelligence/quality/inspect', { turns: [{ speaker: 'citizen', text: '电梯坏了' }, { speaker: 'agent', text: '您好，请提供地址，感谢' }] });
    expect(chat.status).toBe(200);
    expect(chat.body.rules).toHaveLength(6);
  });

  it('rejects a body that is neither, and other roles', async () => {
    expect((await supervisor.post('/api/v1/intelligence/quality/inspect', { reply: 'x' })).status).toBe(400);
    expect((await supervisor.post('/api/v1/intelligence/quality/inspect', { turns: [] })).status).toBe(400);
    expect((await client(p.app, await p.login('agent')).post('/api/v1/intelligence/quality/inspect', { appeal: 'a', reply: 'b' })).status).toBe(403);
  });
});
