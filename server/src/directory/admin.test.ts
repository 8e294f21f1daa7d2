import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, type TestPlatform } from '../testing/testPlatform.ts';
import { client, newOrder } from '../testing/http.ts';

let p: TestPlatform;
let admin: ReturnType<typeof client>;
beforeAll(async () => {
  p = await createTestPlatform();
  admin = client(p.app, await p.login('admin'));
});
afterAll(() => p?.close());

describe('administration', () => {
  it('me, departments and regions have the public shape', async () => {
    expect((await admin.get('/api/v1/auth/me')).body).toMatchObject({ username: 'admin', role: 'admin', departmentId: expect.any(String) });
    const depts = (await admin.get('/api/v1/departments')).body;
    expect(depts.length).toBeGreaterThanOrEqual(20);
    expect(depts[0]).toEqual(expect.objectContaining({ id: expect.any(String), name: expect.any(String), parentId: expect.anything(), kind: expect.any(String) }));
    expect(new Set(depts.map((d: { kind: string }) => d.kind))).toEqual(new Set(['center', 'district_center', 'bureau', 'street', 'community', 'enterprise']));
    const regions = (await admin.get('/api/v1/regions')).body;
    expect(regions.filter((r: { level: string }) => r.level === 'district').map((r: { name: string }) => r.name).sort()).toEqual(['A1区', 'A2区', 'A3区', 'A4区', 'A5区', 'A6区', 'A7区']);
  });

  it('departments: create, rename, refuse cycles and duplicates', async () => {
    const center = p.ids.departments.get('A市12345政务服务便民热线中心')!;
    const d = await admin.post('/api/v1/departments', { name: 'A市数据资源局', kind: 'bureau', parentId: center, phone: '0731-1' });
    expect(d.status).toBe(201);
    expect((await admin.post('/api/v1/departments', { name: 'A市数据资源局', kind: 'bureau', parentId: center })).body.error.code).toBe('DUPLICATE');
    expect((await admin.patch(`/api/v1/departments/${d.body.id}`, { dutyScope: '政务数据共享' })).body.dutyScope).toBe('政务数据共享');
    expect((await admin.patch(`/api/v1/departments/${center}`, { parentId: d.body.id })).body.error.code).toBe('VALIDATION_FAILED');
    expect((await admin.post('/api/v1/departments', { name: 'x', kind: 'ministry' })).status).toBe(400);
  });

  it('users: create with a strong password, sign in, deactivate revokes sessions', async () => {
    const dept = p.ids.departments.get('A市教育局')!;
    expect((await admin.post('/api/v1/users', { username: 'weak', displayName: '弱', role: 'dept_handler', departmentId: dept, password: 'password' })).status).toBe(400);
    const u = await admin.post('/api/v1/users', { username: 'edu_li', displayName: '李老师', role: 'dept_handler', departmentId: dept, password: 'Teach#2026x' });
    expect(u.status).toBe(201);
    expect(u.body).not.toHaveProperty('passwordHash');
    const [audited] = await p.ctx.db.query<{ entity: string; actor_name: string; ip: string | null }>(
      "SELECT entity, actor_name, ip FROM audit_log WHERE action = 'user.create' AND entity_id = $1",
      [u.body.id],
    );
    expect(audited).toMatchObject({ entity: 'user', actor_name: 'admin', ip: expect.any(String) });
    const login = await p.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'edu_li', password: 'Teach#2026x' } });
    expect(login.statusCode).toBe(200);
    expect(login.headers['set-cookie']).toMatch(/hotline_session=.*HttpOnly/i);
    const token = login.json().token;
    await admin.patch(`/api/v1/users/${u.body.id}`, { active: false });
    expect((await p.app.inject({ url: '/api/v1/auth/me', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(401);
    expect((await admin.post('/api/v1/users', { username: 'edu_li', displayName: 'x', role: 'agent', departmentId: dept, password: 'Teach#2026x' })).body.error.code).toBe('DUPLICATE');
  });

  it('the session cookie authenticates the browser; logout ends it', async () => {
    const login = await p.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'leader', password: 'Hotline@12345' } });
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;
    expect((await p.app.inject({ url: '/api/v1/auth/me', headers: { cookie } })).json().username).toBe('leader');
    await p.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie } });
    expect((await p.app.inject({ url: '/api/v1/auth/me', headers: { cookie } })).statusCode).toBe(401);
  });

  it('sessions expire', async () => {
    const headers = await p.login('auditor');
    p.clock.advance(721 * 3600_000);
    try {
      expect((await p.app.inject({ url: '/api/v1/auth/me', headers })).json().error.code).toBe('SESSION_EXPIRED');
    } finally {
      p.clock.set('2026-11-23T09:00:00+08:00');
    }
  });

  it('API keys authenticate integrations with the key’s role and department, and can be revoked', async () => {
    const center = p.ids.departments.get('A市12345政务服务便民热线中心')!;
    const k = await admin.post('/api/v1/api-keys', { name: '市民APP', role: 'agent', departmentId: center });
    expect(k.body.key).toMatch(/^hk_/);
    const viaKey = client(p.app, { 'x-api-key': k.body.key });
    expect((await viaKey.post('/api/v1/work-orders', newOrder({ channel: 'app' }))).status).toBe(201);
    expect((await admin.get('/api/v1/api-keys')).body.some((x: { prefix: string }) => k.body.key.startsWith(x.prefix))).toBe(true);
    await admin.del(`/api/v1/api-keys/${k.body.id}`);
    expect((await viaKey.get('/api/v1/work-orders')).status).toBe(401);
  });

  it('categories: three levels from the taxonomy, no fourth level', async () => {
    const cats = (await admin.get('/api/v1/categories')).body;
    expect(cats.length).toBeGreaterThan(500);
    expect(cats.filter((c: { level: number }) => c.level === 1).map((c: { name: string }) => c.name)).toContain('城乡建设');
    const leaf = cats.find((c: { level: number }) => c.level === 3);
    expect((await admin.post('/api/v1/categories', { name: '第四级', parentId: leaf.id })).body.error.code).toBe('VALIDATION_FAILED');
    const l2 = cats.find((c: { level: number }) => c.level === 2);
    const added = await admin.post('/api/v1/categories', { name: '新增三级', parentId: l2.id });
    expect(added.body).toMatchObject({ level: 3, fullName: `${l2.fullName}/新增三级` });
    const renamed = await admin.patch(`/api/v1/categories/${added.body.id}`, { name: '改名三级', active: false });
    expect(renamed.body).toMatchObject({ name: '改名三级', fullName: `${l2.fullName}/改名三级`, active: false });
    expect((await admin.patch(`/api/v1/categories/${added.body.id}`, { parentId: l2.id })).status).toBe(400);
  });

  it('the dispatch catalogue suggests the most specific department', async () => {
    const cats = (await admin.get('/api/v1/categories')).body as { id: string; fullName: string }[];
    const gas = cats.find((c) => c.fullName === '城乡建设/城市建设和市政管理/燃气供应')!;
    const s = (await admin.get(`/api/v1/catalogue/suggest?categoryId=${gas.id}`)).body;
    expect(s[0].departmentId).toBe(p.ids.departments.get('A市燃气集团有限公司'));
    const parking = cats.find((c) => c.fullName === '城乡建设/城市建设和市政管理/公园管理')!;
    expect((await admin.get(`/api/v1/catalogue/suggest?categoryId=${parking.id}`)).body[0].departmentId).toBe(p.ids.departments.get('A市城市管理和综合执法局'));
    const entry = await admin.post('/api/v1/catalogue', { categoryId: parking.id, departmentId: p.ids.departments.get('A市文化旅游广电局'), priority: 10 });
    expect(entry.status).toBe(201);
    expect((await admin.get(`/api/v1/catalogue/suggest?categoryId=${parking.id}`)).body[0].departmentId).toBe(p.ids.departments.get('A市文化旅游广电局'));
    expect((await admin.del(`/api/v1/catalogue/${entry.body.id}`)).status).toBe(200);
    expect((await client(p.app, await p.login('dispatcher')).post('/api/v1/catalogue', { categoryId: parking.id, departmentId: entry.body.departmentId })).status).toBe(403);
  });

  it('deadline rules and holidays are configurable and used at once', async () => {
    const rules = (await admin.get('/api/v1/deadline-rules')).body;
    expect(rules).toHaveLength(21);
    expect((await admin.put('/api/v1/deadline-rules', [{ type: 'complaint', urgency: 'normal', acceptHours: 8, handleAmount: 5, handleUnit: 'workdays', warnRatio: 0.8 }])).body.updated).toBe(1);
    expect((await admin.put('/api/v1/holidays/2026-11-25', { kind: 'holiday', name: '测试假日' })).status).toBe(200);
    expect((await admin.get('/api/v1/holidays?year=2026')).body.map((h: { date: string }) => h.date)).toContain('2026-11-25');
    const agent = client(p.app, await p.login('agent'));
    const o = (await agent.post('/api/v1/work-orders', newOrder())).body;
    const d = (await client(p.app, await p.login('dispatcher')).act(o.id, 'dispatch', { leadDepartmentId: p.ids.departments.get('A市住房和城乡建设局')! })).body;
    // 5 working days from Mon 23 Nov, skipping Wed 25 Nov: Tue, Thu, Fri, Mon, Tue → 1 Dec.
    expect(d.handleDeadline).toBe('2026-12-01T01:00:00.000Z');
    expect((await admin.put('/api/v1/deadline-rules', [{ type: 'complaint', urgency: 'normal', acceptHours: 8, handleAmount: 0, handleUnit: 'workdays' }])).status).toBe(400);
    expect((await admin.del('/api/v1/holidays/2026-11-25')).status).toBe(200);
  });
});
