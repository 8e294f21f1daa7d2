import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTestPlatform, type TestPlatform } from '../../testing/testPlatform.ts';
import { client, newOrder } from '../../testing/http.ts';
import { retryDelayMs } from './backoff.ts';
import { HEADERS, verifySignature } from './signature.ts';
import { startReceiver } from './testReceiver.ts';
import { startWebhookWorker, type WebhookWorker } from './worker.ts';

// Random is pinned to 0.5 so backoff delays are exact: 0.75 × min(MAX, BASE × 2^(n-1)).
const half = () => 0.5;
let p: TestPlatform;
let admin: ReturnType<typeof client>;
let agent: ReturnType<typeof client>;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let worker: WebhookWorker;

beforeAll(async () => {
  p = await createTestPlatform({
    env: { WEBHOOK_ALLOW_PRIVATE: '1', WEBHOOK_MAX_ATTEMPTS: '3', WEBHOOK_RETRY_BASE_SECONDS: '10', WEBHOOK_RETRY_MAX_SECONDS: '60', WEBHOOK_TIMEOUT_SECONDS: '5' },
  });
  admin = client(p.app, await p.login('admin'));
  agent = client(p.app, await p.login('agent'));
  receiver = await startReceiver();
});
afterAll(async () => {
  await receiver?.close();
  await p?.close();
});
beforeEach(async () => {
  receiver.received.length = 0;
  worker = startWebhookWorker(p.ctx, { poll: false, random: half });
});
afterEach(async () => {
  await worker.stop();
  // Each test starts with no endpoints and an empty outbox.
  const hooks = (await admin.get('/api/v1/webhooks')).body as { id: string }[];
  for (const h of hooks) await admin.del(`/api/v1/webhooks/${h.id}`);
});

async function hook(over: Record<string, unknown> = {}) {
  const res = await admin.post('/api/v1/webhooks', { name: '城市 App', url: receiver.url, events: ['workOrder.registered', 'workOrder.changed'], ...over });
  expect(res.status).toBe(201);
  return res.body as { id: string; secret: string };
}

/** Domain events reach the outbox after commit, asynchronously; wait until it holds `n` rows for the hook. */
async function outboxHas(hookId: string, n: number) {
  await vi.waitFor(async () => {
    const [r] = await p.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM webhook_deliveries WHERE webhook_id = $1', [hookId]);
    expect(r!.n).toBe(n);
  });
}

async function deliveries(hookId: string) {
  return (await admin.get(`/api/v1/webhooks/${hookId}/deliveries`)).body as { id: string; status: string; attempts: number; lastStatus: number | null; lastError: string | null }[];
}

const nowSeconds = () => Math.floor(p.clock.now().getTime() / 1000);

describe('webhook deliveries', () => {
  it('signs each delivery over timestamp and body; the receiver verifies it and finds no personal data', async () => {
    const h = await hook();
    const listed = (await admin.get('/api/v1/webhooks')).body;
    expect(JSON.stringify(listed)).not.toContain(h.secret);
    const order = await agent.post('/api/v1/work-orders', newOrder({ channel: 'app', sourceRef: 'app-42' }));
    await outboxHas(h.id, 1);
    expect(await worker.runOnce()).toBe(1);
    expect(receiver.received).toHaveLength(1);
    const got = receiver.received[0]!;
    expect(got.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(verifySignature(h.secret, { timestamp: got.headers[HEADERS.timestamp] as string, signature: got.headers[HEADERS.signature] as string }, got.body, nowSeconds())).toBe(true);
    // A changed body, another timestamp, another secret or a stale timestamp all fail.
    const sig = { timestamp: got.headers[HEADERS.timestamp] as string, signature: got.headers[HEADERS.signature] as string };
    expect(verifySignature(h.secret, sig, got.body.replace('registered', 'closed'), nowSeconds())).toBe(false);
    expect(verifySignature(h.secret, { ...sig, timestamp: String(Number(sig.timestamp) + 1) }, got.body, nowSeconds())).toBe(false);
    expect(verifySignature('whsec_other', sig, got.body, nowSeconds())).toBe(false);
    expect(verifySignature(h.secret, sig, got.body, nowSeconds() + 301)).toBe(false);
    const body = JSON.parse(got.body);
    expect(body).toEqual({
      id: got.headers[HEADERS.delivery],
      event: 'workOrder.registered',
      occurredAt: p.clock.now().toISOString(),
      data: { workOrderId: order.body.id, trackingNumber: order.body.trackingNumber, channel: 'app', status: 'registered', sourceRef: 'app-42' },
    });
    expect(got.headers[HEADERS.event]).toBe('workOrder.registered');
    expect(got.body).not.toContain('13812345678');
    expect(got.body).not.toContain('张三');
    const [d] = await deliveries(h.id);
    expect(d).toMatchObject({ status: 'delivered', attempts: 1, lastStatus: 200, lastError: null });
    expect((await admin.get(`/api/v1/webhook-deliveries/${d!.id}`)).body.payload).toBe(got.body);
  });

  it('retries after 500s with exponential backoff and jitter, same delivery id, then succeeds', async () => {
    const h = await hook({ events: ['workOrder.registered'] });
    receiver.answer(500, 503);
    await agent.post('/api/v1/work-orders', newOrder());
    await outboxHas(h.id, 1);
    expect(await worker.runOnce()).toBe(1);
    const first = (await deliveries(h.id))[0] as unknown as { nextAttemptAt: string };
    expect(first).toMatchObject({ status: 'pending', attempts: 1, lastStatus: 500, lastError: 'HTTP 500' });
    expect(new Date(first.nextAttemptAt).getTime() - p.clock.now().getTime()).toBe(7_500); // 10 s × 0.75
    expect(await worker.runOnce()).toBe(0); // not due yet
    p.clock.advance(retryDelayMs(1, 10, 60, half) - 1000);
    expect(await worker.runOnce()).toBe(0);
    p.clock.advance(1000);
    expect(await worker.runOnce()).toBe(1);
    const second = (await deliveries(h.id))[0] as unknown as { nextAttemptAt: string };
    expect(second).toMatchObject({ status: 'pending', attempts: 2, lastStatus: 503 });
    expect(new Date(second.nextAttemptAt).getTime() - p.clock.now().getTime()).toBe(15_000); // 20 s × 0.75
    p.clock.advance(retryDelayMs(2, 10, 60, half));
    expect(await worker.runOnce()).toBe(1);
    expect((await deliveries(h.id))[0]).toMatchObject({ status: 'delivered', attempts: 3, lastStatus: 200 });
    const ids = receiver.received.map((r) => r.headers[HEADERS.delivery]);
    expect(new Set(ids).size).toBe(1);
    const stamps = receiver.received.map((r) => Number(r.headers[HEADERS.timestamp]));
    expect(stamps[1]! - stamps[0]!).toBe(Math.floor(7.5));
    for (const r of receiver.received.slice(0, 2)) expect(r.headers[HEADERS.signature]).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(verifySignature(h.secret, { timestamp: String(stamps[2]), signature: receiver.received[2]!.headers[HEADERS.signature] as string }, receiver.received[2]!.body, nowSeconds())).toBe(true);
  });

  it('marks a delivery failed after the attempt limit; an administrator redelivers it', async () => {
    const h = await hook({ events: ['workOrder.registered'] });
    receiver.fallback = 500;
    try {
      await agent.post('/api/v1/work-orders', newOrder());
      await outboxHas(h.id, 1);
      for (let i = 1; i <= 3; i++) {
        expect(await worker.runOnce()).toBe(1);
        p.clock.advance(retryDelayMs(i, 10, 60, half));
      }
      p.clock.advance(3600_000);
      expect(await worker.runOnce()).toBe(0);
      const [failed] = (await admin.get(`/api/v1/webhooks/${h.id}/deliveries?status=failed`)).body;
      expect(failed).toMatchObject({ status: 'failed', attempts: 3, lastStatus: 500 });
      expect((await admin.get('/api/v1/webhooks')).body[0]).toMatchObject({ id: h.id, failed: 1, pending: 0 });
      receiver.fallback = 200;
      const redelivered = await admin.post(`/api/v1/webhook-deliveries/${failed.id}/redeliver`);
      expect(redelivered.body).toMatchObject({ id: failed.id, status: 'pending', attempts: 0 });
      expect(await worker.runOnce()).toBe(1);
      expect((await deliveries(h.id))[0]).toMatchObject({ status: 'delivered', attempts: 1 });
      expect(receiver.received).toHaveLength(4);
      expect(new Set(receiver.received.map((r) => r.headers[HEADERS.delivery]))).toEqual(new Set([failed.id]));
      expect((await admin.post('/api/v1/webhook-deliveries/00000000-0000-4000-8000-000000000000/redeliver')).body.error.code).toBe('WEBHOOK_DELIVERY_NOT_FOUND');
    } finally {
      receiver.fallback = 200;
    }
  });

  it('loses nothing across a worker restart or a worker that died holding a lease', async () => {
    const h = await hook({ events: ['workOrder.registered'] });
    await worker.stop();
    for (let i = 0; i < 3; i++) await agent.post('/api/v1/work-orders', newOrder({ title: `停机期间的诉求 ${i}` }));
    await outboxHas(h.id, 3);
    // A worker that leased two rows and died before answering: they wait for the lease to run out.
    await p.ctx.db.query(
      `UPDATE webhook_deliveries SET lease_id = gen_random_uuid(), leased_until = $2
        WHERE id IN (SELECT id FROM webhook_deliveries WHERE webhook_id = $1 ORDER BY created_at LIMIT 2)`,
      [h.id, new Date(p.clock.now().getTime() + 35_000)],
    );
    worker = startWebhookWorker(p.ctx, { poll: false, random: half });
    expect(await worker.runOnce()).toBe(1);
    p.clock.advance(35_001);
    expect(await worker.runOnce()).toBe(2);
    expect((await deliveries(h.id)).map((d) => d.status)).toEqual(['delivered', 'delivered', 'delivered']);
    const bodies = receiver.received.map((r) => JSON.parse(r.body).data.trackingNumber).sort();
    const orders = await p.ctx.db.query<{ tracking_number: string }>("SELECT tracking_number FROM work_orders WHERE title LIKE '停机期间的诉求%' ORDER BY 1");
    expect(bodies).toEqual(orders.map((o) => o.tracking_number));
  });

  it('a late answer to a worker whose lease ran out does not overwrite the newer result', async () => {
    const h = await hook({ events: ['workOrder.registered'] });
    await agent.post('/api/v1/work-orders', newOrder());
    await outboxHas(h.id, 1);
    receiver.hold(1);
    const slow = worker.runOnce();
    await vi.waitFor(() => expect(receiver.received).toHaveLength(1));
    // The slow worker's lease (timeout + 30 s) runs out; another worker sends the delivery again.
    p.clock.advance(35_001);
    const other = startWebhookWorker(p.ctx, { poll: false, random: half });
    expect(await other.runOnce()).toBe(1);
    await other.stop();
    expect((await deliveries(h.id))[0]).toMatchObject({ status: 'delivered', attempts: 1, lastStatus: 200 });
    receiver.release(500);
    expect(await slow).toBe(1);
    expect((await deliveries(h.id))[0]).toMatchObject({ status: 'delivered', attempts: 1, lastStatus: 200 });
    expect(receiver.received.map((r) => r.headers[HEADERS.delivery])).toEqual([receiver.received[0]!.headers[HEADERS.delivery], receiver.received[0]!.headers[HEADERS.delivery]]);
  });

  it('follows the data scope of the webhook’s department, and its event filter', async () => {
    const housing = p.ids.departments.get('A市住房和城乡建设局')!;
    const scoped = await hook({ departmentId: housing, events: ['workOrder.changed'] });
    const registeredOnly = await hook({ events: ['workOrder.registered'] });
    const order = await agent.post('/api/v1/work-orders', newOrder());
    await outboxHas(registeredOnly.id, 1);
    const dispatcher = client(p.app, await p.login('dispatcher'));
    // Not yet visible to the housing bureau: a note is a change it does not hear about.
    await dispatcher.act(order.body.id, 'note', { note: '待核实' });
    await dispatcher.act(order.body.id, 'dispatch', { leadDepartmentId: housing });
    await outboxHas(scoped.id, 1);
    await outboxHas(registeredOnly.id, 1);
    await worker.runOnce();
    const changed = receiver.received.map((r) => JSON.parse(r.body)).find((b) => b.event === 'workOrder.changed');
    expect(changed.data).toEqual({ workOrderId: order.body.id, trackingNumber: order.body.trackingNumber, action: 'dispatch', fromStatus: 'registered', toStatus: 'dispatched' });
  });

  it('a paused webhook gets no new deliveries and its pending ones fail; deleting one fails its pending ones', async () => {
    const h = await hook({ events: ['workOrder.registered'] });
    await agent.post('/api/v1/work-orders', newOrder());
    await outboxHas(h.id, 1);
    expect((await admin.patch(`/api/v1/webhooks/${h.id}`, { active: false })).body.active).toBe(false);
    await agent.post('/api/v1/work-orders', newOrder());
    await new Promise((r) => setTimeout(r, 50));
    await outboxHas(h.id, 1);
    await worker.runOnce();
    expect(receiver.received).toHaveLength(0);
    expect((await deliveries(h.id))[0]).toMatchObject({ status: 'failed', lastError: 'the webhook is disabled or deleted' });

    const g = await hook({ events: ['workOrder.registered'] });
    await agent.post('/api/v1/work-orders', newOrder());
    await outboxHas(g.id, 1);
    expect((await admin.del(`/api/v1/webhooks/${g.id}`)).status).toBe(200);
    const [row] = await p.ctx.db.query<{ status: string; last_error: string }>('SELECT status, last_error FROM webhook_deliveries WHERE webhook_id = $1', [g.id]);
    expect(row).toEqual({ status: 'failed', last_error: 'the webhook was deleted' });
    expect((await admin.get(`/api/v1/webhooks/${g.id}/deliveries`)).body.error.code).toBe('WEBHOOK_NOT_FOUND');
  });

  it('stop() waits for the attempt in flight, and the polling worker sends on its own', async () => {
    await worker.stop();
    const h = await hook({ events: ['workOrder.registered'] });
    p.ctx.env.WEBHOOK_POLL_SECONDS = 0.1;
    const polling = startWebhookWorker(p.ctx, { random: half });
    try {
      await agent.post('/api/v1/work-orders', newOrder());
      await vi.waitFor(() => expect(receiver.received).toHaveLength(1), { timeout: 5000 });
    } finally {
      await polling.stop();
      p.ctx.env.WEBHOOK_POLL_SECONDS = 2;
    }
    expect((await deliveries(h.id))[0]!.status).toBe('delivered');
  });
});

describe('webhook administration', () => {
  it('checks the URL and events, and is for administrators only', async () => {
    const bad = async (body: object) => (await admin.post('/api/v1/webhooks', { name: 'x', events: ['workOrder.changed'], ...body })).body.error.code;
    expect(await bad({ url: 'ftp://example.com/x' })).toBe('WEBHOOK_URL_REJECTED');
    expect(await bad({ url: 'https://user:pw@example.com/x' })).toBe('WEBHOOK_URL_REJECTED');
    expect(await bad({ url: 'http://169.254.169.254/latest/meta-data' })).toBe('WEBHOOK_URL_REJECTED');
    expect(await bad({ url: 'not a url' })).toBe('WEBHOOK_URL_REJECTED');
    expect(await bad({ url: receiver.url, events: ['workOrder.deleted'] })).toBe('VALIDATION_FAILED');
    expect(await bad({ url: receiver.url, events: [] })).toBe('VALIDATION_FAILED');
    expect((await agent.post('/api/v1/webhooks', { name: 'x', url: receiver.url, events: ['workOrder.changed'] })).status).toBe(403);
    expect((await agent.get('/api/v1/webhooks')).status).toBe(403);
  });
});
