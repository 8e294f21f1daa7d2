import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, type TestPlatform } from '../../testing/testPlatform.ts';
import { client, newOrder } from '../../testing/http.ts';
import { scanHotspotAlerts } from './workOrderHotspots.ts';

let p: TestPlatform;
let agent: ReturnType<typeof client>;
let leader: ReturnType<typeof client>;
const plant: string[] = [];
let lamp: string;

// Four callers about one mixing plant in a day, after a quiet week; and one unrelated order.
const PLANT = [
  ['枫林苑旁边搅拌站噪音扰民', '枫林苑小区东侧新建了一个混凝土搅拌站，每天晚上机器轰鸣，粉尘很大。'],
  ['枫林苑附近的搅拌站半夜还在施工', '搅拌站的罐车整夜进出，枫林苑业主无法休息，请求关停。'],
  ['投诉枫林苑小区边上搅拌站扬尘噪音', '枫林苑业主再次反映搅拌站噪音和扬尘问题，孩子晚上睡不着。'],
  ['强烈要求搬走枫林苑旁的搅拌站', '枫林苑旁边的搅拌站离住宅太近，噪音粉尘严重超标。'],
];

beforeAll(async () => {
  p = await createTestPlatform();
  agent = client(p.app, await p.login('agent'));
  leader = client(p.app, await p.login('leader'));
  const district = (await p.ctx.db.query<{ id: string }>("SELECT id FROM regions WHERE name = 'A2区'"))[0]!.id;
  p.clock.advance(-5 * 86_400_000);
  lamp = (await agent.post('/api/v1/work-orders', newOrder({ title: '小区路灯坏了', content: '桂花街道的路灯坏了一个月，晚上很黑', citizen: { name: '王五', phone: '13900000009' } }))).body.id;
  p.clock.advance(5 * 86_400_000 - 6 * 3_600_000);
  for (const [i, [title, content]] of PLANT.entries()) {
    p.clock.advance(3_600_000);
    const res = await agent.post('/api/v1/work-orders', newOrder({ title, content, citizen: { name: '业主', phone: `1380000000${i}` }, location: { districtId: district } }));
    expect(res.status).toBe(201);
    plant.push(res.body.id);
  }
});
afterAll(() => p?.close());

describe('GET /api/v1/intelligence/hotspots', () => {
  it('clusters the window’s orders by topic and place and ranks them, with a series and samples', async () => {
    const res = await leader.get('/api/v1/intelligence/hotspots?window=7d');
    expect(res.status).toBe(200);
    expect(res.body.orders).toBe(5);
    const [top] = res.body.hotspots;
    expect(top).toMatchObject({ count: 4, reporters: 4, recent: 4, district: 'A2区', alert: true });
    expect(top.keywords).toContain('搅拌');
    expect(top.samples.map((s: { id: string }) => s.id).sort()).toEqual([...plant].sort());
    expect(top.series.reduce((n: number, b: { count: number }) => n + b.count, 0)).toBe(4);
    expect(res.body.window.bucket).toBe('day');
    expect(res.body.hotspots.some((h: { samples: { id: string }[] }) => h.samples.some((s) => s.id === lamp))).toBe(false);
  });

  it('a window that excludes the orders shows nothing; a 1-hour window only the last one', async () => {
    const res = await leader.get('/api/v1/intelligence/hotspots?window=1h');
    expect(res.status).toBe(200);
    expect(res.body.orders).toBe(1);
    expect(res.body.hotspots).toEqual([]);
    expect(res.body.window.bucket).toBe('hour');
  });

  it('rejects malformed and out-of-range windows', async () => {
    for (const w of ['7', 'abc', '0h', '91d', '7w']) {
      const res = await leader.get(`/api/v1/intelligence/hotspots?window=${w}`);
      expect(res.status, w).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }
    expect((await leader.get('/api/v1/intelligence/hotspots?limit=0')).status).toBe(400);
  });

  it('roles and scope: agents and handlers are refused; a department leader sees only its own orders', async () => {
    for (const u of ['agent', 'handler', 'dispatcher']) expect((await client(p.app, await p.login(u)).get('/api/v1/intelligence/hotspots')).status, u).toBe(403);
    const deptLeader = await client(p.app, await p.login('dept_leader')).get('/api/v1/intelligence/hotspots');
    expect(deptLeader.status).toBe(200);
    expect(deptLeader.body).toMatchObject({ orders: 0, hotspots: [] });
    expect((await client(p.app, await p.login('supervisor')).get('/api/v1/intelligence/hotspots')).status).toBe(200);
  });

  it('the scan raises one warning per fast-growing hotspot per day', async () => {
    expect(await scanHotspotAlerts(p.ctx)).toBe(1);
    expect(await scanHotspotAlerts(p.ctx)).toBe(0);
    const res = await client(p.app, await p.login('supervisor')).get('/api/v1/intelligence/warnings?kind=hotspot');
    expect(res.body.items).toHaveLength(1);
    expect(res.body.items[0]).toMatchObject({ kind: 'hotspot', workOrder: null, details: { count: 4, recent: 4 } });
    expect(res.body.items[0].summary).toContain('热点快速增长');
  });
});

describe('GET /api/v1/intelligence/work-orders/:id/duplicates', () => {
  it('the same issue at the same place is a candidate, with a proposal to merge the newer order into the older', async () => {
    p.clock.advance(3_600_000);
    const again = await agent.post('/api/v1/work-orders', newOrder({ title: PLANT[0]![0], content: `${PLANT[0]![1]}还是没人管！`, citizen: { name: '业主', phone: '13800000000' } }));
    const dispatcher = client(p.app, await p.login('dispatcher'));
    const res = await dispatcher.get(`/api/v1/intelligence/work-orders/${again.body.id}/duplicates`);
    expect(res.status).toBe(200);
    const [first] = res.body.candidates;
    expect(first).toMatchObject({ id: plant[0], samePhone: true, proposal: { action: 'merge', sourceId: again.body.id, targetId: plant[0] } });
    expect(first.textSimilarity).toBeGreaterThan(0.8);
    expect(first.hoursApart).toBeGreaterThan(0);
    expect(res.body.candidates.map((c: { id: string }) => c.id)).not.toContain(lamp);
    // The proposal is one the lifecycle accepts.
    const merged = await dispatcher.act(again.body.id, 'merge', { targetId: first.proposal.targetId });
    expect(merged.status).toBe(200);
    expect(merged.body.status).toBe('merged');
  });

  it('404 for an unknown order, 400 for a bad id or window, 403 for other roles', async () => {
    const dispatcher = client(p.app, await p.login('dispatcher'));
    const missing = await dispatcher.get('/api/v1/intelligence/work-orders/00000000-0000-4000-8000-000000000000/duplicates');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('WORK_ORDER_NOT_FOUND');
    expect((await dispatcher.get('/api/v1/intelligence/work-orders/xyz/duplicates')).status).toBe(400);
    expect((await dispatcher.get(`/api/v1/intelligence/work-orders/${lamp}/duplicates?windowDays=0`)).status).toBe(400);
    expect((await client(p.app, await p.login('handler')).get(`/api/v1/intelligence/work-orders/${lamp}/duplicates`)).status).toBe(403);
  });
});
