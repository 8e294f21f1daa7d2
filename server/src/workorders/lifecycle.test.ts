import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, type TestPlatform } from '../testing/testPlatform.ts';
import { client, newOrder } from '../testing/http.ts';

let p: TestPlatform;
let dispatcher: ReturnType<typeof client>;
let handler: ReturnType<typeof client>;
let leader: ReturnType<typeof client>;
let followup: ReturnType<typeof client>;
let agent: ReturnType<typeof client>;
let housing: string;
let urban: string;

beforeAll(async () => {
  p = await createTestPlatform();
  dispatcher = client(p.app, await p.login('dispatcher'));
  handler = client(p.app, await p.login('handler'));
  leader = client(p.app, await p.login('dept_leader'));
  followup = client(p.app, await p.login('followup'));
  agent = client(p.app, await p.login('agent'));
  housing = p.ids.departments.get('A市住房和城乡建设局')!;
  urban = p.ids.departments.get('A市城市管理和综合执法局')!;
});
afterAll(() => p?.close());

describe('work-order lifecycle over HTTP', () => {
  it('register → dispatch → accept → reply → review → close → follow-up, each step on the timeline', async () => {
    const created = await agent.post('/api/v1/work-orders', newOrder());
    expect(created.status).toBe(201);
    const o = created.body;
    expect(o.trackingNumber).toMatch(/^20261123\d{5}$/);
    expect(o.queryCode).toMatch(/^\d{6}$/);
    expect(o.status).toBe('registered');
    expect(o.version).toBe(1);

    const steps: [ReturnType<typeof client>, string, unknown, string][] = [
      [dispatcher, 'dispatch', { leadDepartmentId: housing, assistingDepartmentIds: [urban], note: '请尽快处理' }, 'dispatched'],
      [handler, 'accept', {}, 'handling'],
      [handler, 'reply', { content: '已督促物业更换电梯主板，电梯已恢复运行。' }, 'reviewing'],
      [leader, 'review', { approve: true }, 'replied'],
      [dispatcher, 'close', {}, 'closed'],
      [followup, 'followUp', { satisfaction: 'satisfied' }, 'followedUp'],
    ];
    let version = o.version;
    for (const [who, action, body, status] of steps) {
      const r = await who.act(o.id, action, { ...(body as object), version });
      expect({ action, status: r.status, code: r.body?.error?.code }).toEqual({ action, status: 200, code: undefined });
      expect(r.body.status).toBe(status);
      expect(r.body.version).toBe(version + 1);
      version = r.body.version;
    }
    const final = await dispatcher.get(`/api/v1/work-orders/${o.id}`);
    expect(final.body.events.map((e: { action: string }) => e.action)).toEqual(['register', 'dispatch', 'accept', 'reply', 'review', 'close', 'followUp']);
    expect(final.body.satisfaction).toBe('satisfied');
    expect(final.body.replyContent).toContain('电梯已恢复运行');
    expect(final.body.assistingDepartments).toEqual([]); // assignments end when the reply is approved

    const pub = await p.app.inject({ url: `/api/v1/public/work-orders/${o.trackingNumber}?code=${o.queryCode}` });
    expect(pub.statusCode).toBe(200);
    expect(pub.json()).toMatchObject({ status: 'followedUp', reply: expect.stringContaining('电梯已恢复运行') });
    expect(JSON.stringify(pub.json())).not.toContain('13812345678');
    const wrong = await p.app.inject({ url: `/api/v1/public/work-orders/${o.trackingNumber}?code=000000` });
    expect(wrong.statusCode).toBe(404);
  });

  it('tracking numbers count up per day in Asia/Shanghai', async () => {
    const a = (await agent.post('/api/v1/work-orders', newOrder())).body.trackingNumber;
    const b = (await agent.post('/api/v1/work-orders', newOrder())).body.trackingNumber;
    expect(Number(b) - Number(a)).toBe(1);
    try {
      // 00:01 in Shanghai is still the previous day in UTC: the number follows the local date.
      p.clock.set('2026-11-24T00:01:00+08:00');
      expect((await agent.post('/api/v1/work-orders', newOrder())).body.trackingNumber).toBe('2026112400001');
    } finally {
      p.clock.set('2026-11-23T09:00:00+08:00');
    }
  });

  it('return with a reason goes back to the dispatcher, who reassigns', async () => {
    const o = (await agent.post('/api/v1/work-orders', newOrder())).body;
    await dispatcher.act(o.id, 'dispatch', { leadDepartmentId: housing });
    const returned = await handler.act(o.id, 'return', { reason: '不属于本单位职责' });
    expect(returned.body).toMatchObject({ status: 'returned', returnCount: 1, leadDepartmentId: null });
    expect(returned.body.holderDepartmentName).toBe('A市12345政务服务便民热线中心');
    // The department still sees the order it returned (its history), but can no longer act on it.
    const again = await handler.act(o.id, 'accept', {});
    expect(again.body.error.code).toBe('ILLEGAL_TRANSITION');
    const re = await dispatcher.act(o.id, 'reassign', { leadDepartmentId: urban });
    expect(re.body).toMatchObject({ status: 'dispatched', leadDepartmentName: 'A市城市管理和综合执法局' });
  });

  it('leader sends a reply back; the handler replies again', async () => {
    const o = (await agent.post('/api/v1/work-orders', newOrder())).body;
    await dispatcher.act(o.id, 'dispatch', { leadDepartmentId: housing });
    await handler.act(o.id, 'accept');
    await handler.act(o.id, 'reply', { content: '已处理。' });
    const back = await leader.act(o.id, 'review', { approve: false, note: '答复太简单' });
    expect(back.body.status).toBe('handling');
    expect((await handler.act(o.id, 'reply', { content: '已约谈物业，三日内修复。' })).body.status).toBe('reviewing');
  });

  it('an approved extension moves the deadline by working days', async () => {
    const o = (await agent.post('/api/v1/work-orders', newOrder())).body;
    const d = (await dispatcher.act(o.id, 'dispatch', { leadDepartmentId: housing })).body;
    await handler.act(o.id, 'accept');
    const req = await handler.act(o.id, 'extension', { op: 'request', days: 5, reason: '需联合执法' });
    expect(req.body.extensionRequest).toMatchObject({ days: 5, reason: '需联合执法' });
    const dup = await handler.act(o.id, 'extension', { op: 'request', days: 3, reason: '再申请' });
    expect(dup.status).toBe(409);
    const ok = await dispatcher.act(o.id, 'extension', { op: 'approve' });
    expect(ok.body.extensionRequest).toBeNull();
    expect(ok.body.extensionCount).toBe(1);
    // 10 working days from Mon 23 Nov = Mon 7 Dec; plus 5 = Mon 14 Dec.
    expect(d.handleDeadline).toBe('2026-12-07T01:00:00.000Z');
    expect(ok.body.handleDeadline).toBe('2026-12-14T01:00:00.000Z');
  });

  it('multi-level dispatch: city → district sub-center → street, and the street returns to the district', async () => {
    const districtDispatcher = client(p.app, await p.login([...p.ids.users.keys()].find((u) => /^dc\d+_dispatcher$/.test(u))!));
    const me = (await districtDispatcher.get('/api/v1/auth/me')).body;
    expect(me.departmentId).toBeDefined();
    // Dispatch to that user's district center, whichever it is.
    const o = (await agent.post('/api/v1/work-orders', newOrder())).body;
    const first = await dispatcher.act(o.id, 'dispatch', { leadDepartmentId: me.departmentId });
    expect(first.body.status).toBe('dispatched');
    const streets = (await dispatcher.get('/api/v1/departments')).body.filter((d: { parentId: string; kind: string }) => d.parentId === me.departmentId && d.kind === 'street');
    const down = await districtDispatcher.act(o.id, 'dispatch', { leadDepartmentId: streets[0].id });
    expect(down.body).toMatchObject({ status: 'dispatched', leadDepartmentId: streets[0].id, handleDeadline: first.body.handleDeadline });
    const streetHandlerName = (await p.ctx.db.query<{ username: string }>("SELECT username FROM users WHERE department_id = $1 AND role = 'dept_handler'", [streets[0].id]))[0]!.username;
    const streetHandler = client(p.app, await p.login(streetHandlerName));
    const ret = await streetHandler.act(o.id, 'return', { reason: '地址不在本街道' });
    expect(ret.body.status).toBe('returned');
    expect(ret.body.holderDepartmentId).toBe(me.departmentId);
  });

  it('resolve on the spot closes a consultation at once; dissatisfaction reopens an order', async () => {
    const c = (await agent.post('/api/v1/work-orders', newOrder({ type: 'consultation' }))).body;
    const done = await agent.act(c.id, 'resolveOnSpot', { content: '已告知办理地点和所需材料。' });
    expect(done.body).toMatchObject({ status: 'closed', resolvedOnSpot: true });
    const fu = await followup.act(c.id, 'followUp', { satisfaction: 'dissatisfied' });
    expect(fu.body.status).toBe('followedUp');
    const re = await followup.act(c.id, 'reopen', { reason: '市民不满意' });
    expect(re.body).toMatchObject({ status: 'registered', reopenCount: 1, satisfaction: null });

    const o = (await agent.post('/api/v1/work-orders', newOrder())).body;
    await dispatcher.act(o.id, 'dispatch', { leadDepartmentId: housing });
    await handler.act(o.id, 'accept');
    await handler.act(o.id, 'reply', { content: '已处理' });
    await leader.act(o.id, 'review', { approve: true });
    await dispatcher.act(o.id, 'close');
    await followup.act(o.id, 'followUp', { satisfaction: 'dissatisfied' });
    const reopened = await dispatcher.act(o.id, 'reopen', { reason: '问题未解决' });
    expect(reopened.body).toMatchObject({ status: 'dispatched', leadDepartmentId: housing, reopenCount: 1 });
    expect((await handler.act(o.id, 'accept')).body.status).toBe('handling');
  });

  it('supervise, urge and notes are recorded without changing the state', async () => {
    const o = (await agent.post('/api/v1/work-orders', newOrder())).body;
    await dispatcher.act(o.id, 'dispatch', { leadDepartmentId: housing });
    const sup = client(p.app, await p.login('supervisor'));
    expect((await sup.act(o.id, 'supervise', { note: '列入督办' })).body).toMatchObject({ supervised: true, status: 'dispatched' });
    expect((await agent.act(o.id, 'urge', { note: '市民来电催办' })).body).toMatchObject({ urgeCount: 1, status: 'dispatched' });
    const ev = (await dispatcher.get(`/api/v1/work-orders/${o.id}`)).body.events.map((e: { action: string; note: string }) => `${e.action}:${e.note ?? ''}`);
    expect(ev).toContain('supervise:列入督办');
    expect(ev).toContain('urge:市民来电催办');
  });

  it('merge a duplicate into an open order, and cancel', async () => {
    const caller = { name: '李四', phone: '13900001111' };
    const a = (await agent.post('/api/v1/work-orders', newOrder({ citizen: caller, content: '望月湖路口下水道井盖缺失，晚上很危险。' }))).body;
    const b = (await agent.post('/api/v1/work-orders', newOrder({ citizen: { name: '王五', phone: '13900002222' }, content: '望月湖路口的下水道井盖缺失了，晚上路过很危险。' }))).body;
    const dups = await dispatcher.get(`/api/v1/work-orders/${b.id}/duplicates`);
    expect(dups.body.map((d: { id: string }) => d.id)).toContain(a.id);
    const merged = await dispatcher.act(b.id, 'merge', { targetId: a.id });
    expect(merged.body).toMatchObject({ status: 'merged', mergedInto: a.id });
    const target = (await dispatcher.get(`/api/v1/work-orders/${a.id}`)).body;
    expect(target.events.at(-1)).toMatchObject({ action: 'merge', data: { mergedFrom: b.id } });
    expect((await dispatcher.act(a.id, 'merge', { targetId: a.id })).status).toBe(400);
    expect((await dispatcher.act(a.id, 'cancel', { reason: '重复来电' })).body.status).toBe('cancelled');
    expect((await dispatcher.act(a.id, 'dispatch', { leadDepartmentId: housing })).body.error.code).toBe('ILLEGAL_TRANSITION');
  });

  it('concurrent steps on one version: exactly one wins, the other gets STALE_VERSION', async () => {
    const o = (await agent.post('/api/v1/work-orders', newOrder())).body;
    const [r1, r2] = await Promise.all([
      dispatcher.act(o.id, 'dispatch', { leadDepartmentId: housing, version: 1 }),
      dispatcher.act(o.id, 'dispatch', { leadDepartmentId: urban, version: 1 }),
    ]);
    expect([r1.status, r2.status].sort()).toEqual([200, 409]);
    expect([r1, r2].find((r) => r.status === 409)!.body.error.code).toBe('STALE_VERSION');
    const events = (await dispatcher.get(`/api/v1/work-orders/${o.id}`)).body.events;
    expect(events.filter((e: { action: string }) => e.action === 'dispatch')).toHaveLength(1);
  });
});
