import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, type TestPlatform } from '../testing/testPlatform.ts';
import { client, newOrder } from '../testing/http.ts';

let p: TestPlatform;
let agent: ReturnType<typeof client>;
let dispatcher: ReturnType<typeof client>;
let housing: string;

beforeAll(async () => {
  p = await createTestPlatform();
  agent = client(p.app, await p.login('agent'));
  dispatcher = client(p.app, await p.login('dispatcher'));
  housing = p.ids.departments.get('A市住房和城乡建设局')!;
});
afterAll(() => p?.close());

const citizen = { name: '张小明', phone: '13812345678', idCard: '110101199003077777' };

describe('data scope and personal data', () => {
  it('hotline staff see the citizen in full; the handling department name and phone; leaders masked values', async () => {
    const o = (await agent.post('/api/v1/work-orders', newOrder({ citizen }))).body;
    expect(o.citizen).toMatchObject({ name: '张小明', phone: '13812345678', idCard: '110101199003077777', masked: false });
    await dispatcher.act(o.id, 'dispatch', { leadDepartmentId: housing });
    const h = (await client(p.app, await p.login('handler')).get(`/api/v1/work-orders/${o.id}`)).body;
    expect(h.citizen).toMatchObject({ name: '张小明', phone: '13812345678', idCard: '1101**********7777' });
    expect(h.queryCode).toBeUndefined();
    const l = (await client(p.app, await p.login('leader')).get(`/api/v1/work-orders/${o.id}`)).body;
    expect(l.citizen).toMatchObject({ name: '张**', phone: '138****5678' });
  });

  it('a confidential reporter is hidden from everyone outside the hotline center', async () => {
    const o = (await agent.post('/api/v1/work-orders', newOrder({ type: 'report', citizen: { ...citizen, confidential: true } }))).body;
    expect(o.citizen.phone).toBe('13812345678');
    await dispatcher.act(o.id, 'dispatch', { leadDepartmentId: housing });
    for (const user of ['handler', 'dept_leader', 'leader', 'auditor']) {
      const body = (await client(p.app, await p.login(user)).get(`/api/v1/work-orders/${o.id}`)).body;
      expect(JSON.stringify(body)).not.toContain('13812345678');
      expect(JSON.stringify(body)).not.toContain('张小明');
    }
    const list = (await client(p.app, await p.login('handler')).get('/api/v1/work-orders?pageSize=200')).body;
    const row = list.items.find((i: { id: string }) => i.id === o.id);
    expect(row.citizenPhone).toBe('（保密）');
  });

  it('lists never carry phone numbers in clear, even for hotline staff', async () => {
    const list = (await dispatcher.get('/api/v1/work-orders?pageSize=200')).body;
    expect(list.items.length).toBeGreaterThan(0);
    for (const i of list.items) expect(i.citizenPhone).not.toMatch(/^\d{11}$/);
  });

  it('reads of personal data in clear are audited', async () => {
    const o = (await agent.post('/api/v1/work-orders', newOrder({ citizen }))).body;
    await dispatcher.get(`/api/v1/work-orders/${o.id}`);
    const rows = await p.ctx.db.query<{ actor_name: string }>("SELECT actor_name FROM audit_log WHERE action = 'personalData.read' AND entity_id = $1", [o.id]);
    expect(rows.map((r) => r.actor_name)).toEqual(expect.arrayContaining(['agent', 'dispatcher']));
  });

  it('a department lists only its own orders; a district sub-center its district', async () => {
    const districts = (await dispatcher.get('/api/v1/regions')).body.filter((r: { level: string }) => r.level === 'district');
    const a1 = districts.find((d: { name: string }) => d.name === 'A1区');
    const a2 = districts.find((d: { name: string }) => d.name === 'A2区');
    const inA1 = (await agent.post('/api/v1/work-orders', newOrder({ location: { districtId: a1.id } }))).body;
    const inA2 = (await agent.post('/api/v1/work-orders', newOrder({ location: { districtId: a2.id } }))).body;
    const a1Center = p.ids.departments.get('A1区12345热线分中心')!;
    const [u] = await p.ctx.db.query<{ username: string }>('SELECT username FROM users WHERE department_id = $1', [a1Center]);
    const a1Dispatcher = client(p.app, await p.login(u!.username));
    const seen = (await a1Dispatcher.get('/api/v1/work-orders?pageSize=200')).body.items.map((i: { id: string }) => i.id);
    expect(seen).toContain(inA1.id);
    expect(seen).not.toContain(inA2.id);
    expect((await a1Dispatcher.get(`/api/v1/work-orders/${inA2.id}`)).status).toBe(404);

    const edu = p.ids.departments.get('A市教育局')!;
    await dispatcher.act(inA2.id, 'dispatch', { leadDepartmentId: edu });
    const handlerItems = (await client(p.app, await p.login('handler')).get('/api/v1/work-orders?pageSize=200')).body.items;
    expect(handlerItems.map((i: { id: string }) => i.id)).not.toContain(inA2.id);
  });

  it('full-text search finds Chinese words inside longer text, with filters', async () => {
    const o = (await agent.post('/api/v1/work-orders', newOrder({ content: '解放路菜市场门口的共享单车乱停乱放，堵住了人行道。', type: 'suggestion' }))).body;
    const find = async (qs: string) => (await dispatcher.get(`/api/v1/work-orders?${qs}`)).body.items.map((i: { id: string }) => i.id);
    expect(await find(`q=${encodeURIComponent('共享单车')}`)).toContain(o.id);
    expect(await find(`q=${encodeURIComponent('单车 人行道')}`)).toContain(o.id);
    expect(await find(`q=${encodeURIComponent('共享汽车')}`)).not.toContain(o.id);
    expect(await find(`q=${encodeURIComponent('共享单车')}&type=complaint`)).not.toContain(o.id);
    expect(await find(`q=${o.trackingNumber}`)).toEqual([o.id]);
    expect(await find(`from=2026-11-23&to=2026-11-23&q=${encodeURIComponent('共享单车')}`)).toContain(o.id);
    expect(await find(`from=2026-11-24&q=${encodeURIComponent('共享单车')}`)).not.toContain(o.id);
  });

  it('pages report totals: counted for filters, "at least" for full-text searches', async () => {
    for (let i = 0; i < 2; i++) await agent.post('/api/v1/work-orders', newOrder({ content: `湘江大道第${i}号路灯闪烁不亮。` }));
    const q = encodeURIComponent('路灯闪烁');
    const first = (await dispatcher.get(`/api/v1/work-orders?q=${q}&pageSize=1`)).body;
    expect(first).toMatchObject({ total: 2, totalCapped: true });
    expect(first.items).toHaveLength(1);
    const last = (await dispatcher.get(`/api/v1/work-orders?q=${q}&pageSize=1&page=2`)).body;
    expect(last).toMatchObject({ total: 2, totalCapped: false });
    const all = (await dispatcher.get('/api/v1/work-orders?pageSize=1&type=complaint')).body;
    expect(all.totalCapped).toBe(false);
    expect(all.total).toBeGreaterThan(2);
  });
});
