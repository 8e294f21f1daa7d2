import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, type TestPlatform } from '../../testing/testPlatform.ts';
import { client, newOrder } from '../../testing/http.ts';
import { installWarnings } from '../emotion/installWarnings.ts';
import { autoDispatchOrder, installAutoDispatch, SYSTEM_ACTOR_NAME, type AutoDispatchOutcome } from './autoDispatch.ts';
import type { ListenerHandle } from './listener.ts';

let p: TestPlatform;
let agent: ReturnType<typeof client>;
let dispatcher: ReturnType<typeof client>;
let auto: ListenerHandle;
let warnings: ListenerHandle;
const outcomes: AutoDispatchOutcome[] = [];

beforeAll(async () => {
  p = await createTestPlatform({ env: { AUTO_DISPATCH: '1', AUTO_DISPATCH_CONFIDENCE: '0.8' } });
  auto = installAutoDispatch(p.ctx, (o) => outcomes.push(o));
  warnings = installWarnings(p.ctx);
  agent = client(p.app, await p.login('agent'));
  dispatcher = client(p.app, await p.login('dispatcher'));
});
afterAll(async () => {
  auto?.stop();
  warnings?.stop();
  await p?.close();
});

async function register(over: Record<string, unknown>) {
  const res = await agent.post('/api/v1/work-orders', newOrder(over));
  expect(res.status).toBe(201);
  await auto.idle();
  await warnings.idle();
  return (await agent.get(`/api/v1/work-orders/${res.body.id}`)).body;
}

describe('automatic dispatch after registration', () => {
  it('a clear case goes to the one department the catalogue names, recorded on the timeline as done by the system', async () => {
    const o = await register({ title: '公司拖欠工资', content: '公司已经拖欠我们三个月工资了，老板一直推脱不给，也没有缴纳社保' });
    expect(o.status).toBe('dispatched');
    expect(o.leadDepartmentName).toBe('A市人力资源和社会保障局');
    const step = o.events.find((e: { action: string }) => e.action === 'dispatch');
    expect(step.actorName).toBe(SYSTEM_ACTOR_NAME);
    expect(step.note).toMatch(/^系统自动派单（分类“劳动和社会保障.*置信度 \d+%/);
    const audit = await p.ctx.db.query<{ actor_name: string }>("SELECT actor_name FROM audit_log WHERE action = 'workOrder.dispatch' AND entity_id = $1", [o.id]);
    expect(audit).toEqual([{ actor_name: 'system:auto-dispatch' }]);
  });

  it('an emergency is never dispatched silently: it waits for a person and the supervisor is warned', async () => {
    const o = await register({ title: '燃气泄漏', content: '楼道里燃气泄漏，味道很大，燃气公司电话打不通，我们不敢开灯' });
    expect(o.status).toBe('registered');
    expect(outcomes.find((x) => x.orderId === o.id)).toEqual({ orderId: o.id, dispatched: false, reason: 'emergency' });
    const [w] = await p.ctx.db.query<{ kind: string; details: Record<string, unknown> }>('SELECT kind, details FROM intelligence_warnings WHERE work_order_id = $1', [o.id]);
    expect(w).toMatchObject({ kind: 'emergency', details: { heldFromAutoDispatch: true, kinds: ['gas'] } });
  });

  it('an order the agent marked as an emergency waits too', async () => {
    const o = await register({ urgency: 'emergency', title: '拖欠工资', content: '公司已经拖欠我们三个月工资了，老板一直推脱不给' });
    expect(o.status).toBe('registered');
  });

  it('an unclear text stays with the dispatcher', async () => {
    const o = await register({ title: '反映问题', content: '你好，我想反映一个问题，麻烦你们看一下' });
    expect(o.status).toBe('registered');
    expect(outcomes.find((x) => x.orderId === o.id)).toMatchObject({ dispatched: false });
  });

  it('an order a dispatcher already took is left alone', async () => {
    const res = await agent.post('/api/v1/work-orders', newOrder({ title: '拖欠工资', content: '公司已经拖欠我们三个月工资了' }));
    await auto.idle();
    const hrss = p.ids.departments.get('A市人力资源和社会保障局')!;
    // Already dispatched by the listener; a second run finds nothing to do.
    expect(await autoDispatchOrder(p.ctx, res.body.id)).toEqual({ orderId: res.body.id, dispatched: false, reason: 'notRegistered' });
    const detail = (await dispatcher.get(`/api/v1/work-orders/${res.body.id}`)).body;
    expect(detail.events.filter((e: { action: string }) => e.action === 'dispatch')).toHaveLength(1);
    expect(detail.assignments.map((a: { departmentId: string }) => a.departmentId)).toContain(hrss);
  });

  it('with AUTO_DISPATCH off nothing is installed', async () => {
    const handle = installAutoDispatch({ ...p.ctx, env: { ...p.ctx.env, AUTO_DISPATCH: false } });
    const before = outcomes.length;
    await agent.post('/api/v1/work-orders', newOrder({ title: '路灯坏了', content: '楼下路灯坏了' }));
    await handle.idle();
    await auto.idle();
    expect(outcomes.length).toBe(before + 1); // only the installed listener ran
  });
});
