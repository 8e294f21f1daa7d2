import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, type TestPlatform } from '../testing/testPlatform.ts';
import { client, newOrder } from '../testing/http.ts';
import { scanDeadlines } from './deadlineJob.ts';

let p: TestPlatform;
beforeAll(async () => {
  p = await createTestPlatform();
});
afterAll(() => p?.close());

describe('deadline job', () => {
  it('warns before the deadline and marks overdue after it, once each, on the timeline', async () => {
    const agent = client(p.app, await p.login('agent'));
    const dispatcher = client(p.app, await p.login('dispatcher'));
    const handler = client(p.app, await p.login('handler'));
    const o = (await agent.post('/api/v1/work-orders', newOrder({ type: 'consultation' }))).body; // 3 working days
    await dispatcher.act(o.id, 'dispatch', { leadDepartmentId: p.ids.departments.get('A市住房和城乡建设局')! });
    await handler.act(o.id, 'accept');
    expect((await scanDeadlines(p.ctx)).warning).toBe(0);
    p.clock.set('2026-11-25T19:00:00+08:00'); // 80% of Mon 09:00 → Thu 09:00 is Wed 18:36
    expect(await scanDeadlines(p.ctx)).toEqual({ warning: 1, overdue: 0 });
    expect(await scanDeadlines(p.ctx)).toEqual({ warning: 0, overdue: 0 });
    p.clock.set('2026-11-26T09:01:00+08:00');
    expect(await scanDeadlines(p.ctx)).toEqual({ warning: 0, overdue: 1 });
    const d = (await handler.get(`/api/v1/work-orders/${o.id}`)).body;
    expect(d.deadlineState).toBe('overdue');
    expect(d.events.map((e: { action: string }) => e.action)).toEqual(['register', 'dispatch', 'accept', 'deadlineWarning', 'overdue']);
    const overdueList = (await handler.get('/api/v1/work-orders?deadlineState=overdue')).body.items;
    expect(overdueList.map((i: { id: string }) => i.id)).toContain(o.id);
  });

  it('an order not accepted in time is overdue for acceptance', async () => {
    p.clock.set('2026-11-23T09:00:00+08:00');
    const agent = client(p.app, await p.login('agent'));
    const dispatcher = client(p.app, await p.login('dispatcher'));
    const o = (await agent.post('/api/v1/work-orders', newOrder({ urgency: 'emergency', type: 'help' }))).body;
    await dispatcher.act(o.id, 'dispatch', { leadDepartmentId: p.ids.departments.get('A市应急管理局')! });
    p.clock.set('2026-11-23T09:31:00+08:00');
    await scanDeadlines(p.ctx);
    expect((await dispatcher.get(`/api/v1/work-orders/${o.id}`)).body.deadlineState).toBe('overdue');
  });
});
