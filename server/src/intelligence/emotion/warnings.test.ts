import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, type TestPlatform } from '../../testing/testPlatform.ts';
import { client, newOrder } from '../../testing/http.ts';
import { installWarnings } from './installWarnings.ts';
import type { ListenerHandle } from '../routing/listener.ts';

let p: TestPlatform;
let agent: ReturnType<typeof client>;
let supervisor: ReturnType<typeof client>;
let listener: ListenerHandle;

beforeAll(async () => {
  p = await createTestPlatform();
  listener = installWarnings(p.ctx);
  agent = client(p.app, await p.login('agent'));
  supervisor = client(p.app, await p.login('supervisor'));
});
afterAll(async () => {
  listener?.stop();
  await p?.close();
});

async function register(title: string, content: string) {
  const res = await agent.post('/api/v1/work-orders', newOrder({ title, content }));
  expect(res.status).toBe(201);
  await listener.idle();
  return res.body.id as string;
}

describe('warnings for supervisors', () => {
  let selfHarm: string;
  let warningId: string;

  it('a high-risk order raises one warning with its reasons and words; a calm one raises none', async () => {
    selfHarm = await register('讨要工资', '工资拖了半年，我真的活不下去了，再不给钱我就从楼顶跳下去');
    const calm = await register('路灯坏了', '楼下路灯坏了，麻烦修一下，谢谢');
    const res = await supervisor.get('/api/v1/intelligence/warnings');
    expect(res.status).toBe(200);
    const mine = res.body.items.filter((w: { workOrder: { id: string } | null }) => w.workOrder?.id === selfHarm);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ kind: 'emotion', level: 'high', details: { reasons: expect.arrayContaining(['selfHarm']) }, acknowledgedAt: null });
    expect(mine[0].summary).toContain('轻生');
    expect(mine[0].details.terms).toEqual(expect.arrayContaining(['活不下去']));
    expect(res.body.items.some((w: { workOrder: { id: string } | null }) => w.workOrder?.id === calm)).toBe(false);
    warningId = mine[0].id;
  });

  it('an emergency in the text raises an emergency warning; the same order analysed twice does not raise it twice', async () => {
    const id = await register('着火了', '楼下餐馆着火了，冒浓烟，快派人来');
    const { warnForOrder } = await import('./installWarnings.ts');
    expect(await warnForOrder(p.ctx, id)).toBe(0);
    const rows = await p.ctx.db.query<{ kind: string; summary: string }>('SELECT kind, summary FROM intelligence_warnings WHERE work_order_id = $1', [id]);
    expect(rows).toEqual([{ kind: 'emergency', summary: '紧急诉求：火情' }]);
  });

  it('filters by kind and status', async () => {
    const em = await supervisor.get('/api/v1/intelligence/warnings?kind=emergency');
    expect(em.body.items.every((w: { kind: string }) => w.kind === 'emergency')).toBe(true);
    expect(em.body.items.length).toBeGreaterThan(0);
  });

  it('acknowledging records who and when, once; a second time is a conflict', async () => {
    const ack = await supervisor.post(`/api/v1/intelligence/warnings/${warningId}/acknowledge`, { note: '已联系来电人并转心理援助热线' });
    expect(ack.status).toBe(200);
    expect(ack.body).toMatchObject({ acknowledgedByName: '班长 刘敏', acknowledgeNote: '已联系来电人并转心理援助热线', acknowledgedAt: '2026-11-23T01:00:00.000Z' });
    const again = await supervisor.post(`/api/v1/intelligence/warnings/${warningId}/acknowledge`, {});
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('CONFLICT');
    const open = await supervisor.get('/api/v1/intelligence/warnings?status=open');
    expect(open.body.items.some((w: { id: string }) => w.id === warningId)).toBe(false);
    const done = await supervisor.get('/api/v1/intelligence/warnings?status=acknowledged');
    expect(done.body.items.map((w: { id: string }) => w.id)).toContain(warningId);
    const [audit] = await p.ctx.db.query("SELECT actor_name FROM audit_log WHERE action = 'intelligence.warning.acknowledge' AND entity_id = $1", [warningId]);
    expect(audit).toEqual({ actor_name: 'supervisor' });
  });

  it('bad input and unknown warnings', async () => {
    expect((await supervisor.post('/api/v1/intelligence/warnings/not-a-uuid/acknowledge', {})).status).toBe(400);
    const missing = await supervisor.post('/api/v1/intelligence/warnings/00000000-0000-4000-8000-000000000000/acknowledge', {});
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('WARNING_NOT_FOUND');
    expect((await supervisor.post(`/api/v1/intelligence/warnings/${warningId}/acknowledge`, { note: 'x', extra: 1 })).status).toBe(400);
    expect((await supervisor.get('/api/v1/intelligence/warnings?status=closed')).status).toBe(400);
    expect((await supervisor.get('/api/v1/intelligence/warnings?pageSize=1000')).status).toBe(400);
  });

  it('only supervisors, leaders and admins see or acknowledge warnings', async () => {
    for (const u of ['agent', 'dispatcher', 'handler', 'auditor']) {
      const c = client(p.app, await p.login(u));
      expect((await c.get('/api/v1/intelligence/warnings')).status, u).toBe(403);
      expect((await c.post(`/api/v1/intelligence/warnings/${warningId}/acknowledge`, {})).status, u).toBe(403);
    }
    expect((await client(p.app, await p.login('leader')).get('/api/v1/intelligence/warnings')).status).toBe(200);
  });
});
