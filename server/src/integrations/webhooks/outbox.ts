import { randomUUID } from 'node:crypto';
import type { Ctx } from '../../context.ts';
import * as repo from '../../workorders/repository.ts';

export const WEBHOOK_EVENTS = ['workOrder.registered', 'workOrder.changed'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/**
 * Writes one delivery per subscribed webhook to the outbox; the worker sends them. Only what
 * an app needs to act is in the payload (ids, tracking number, statuses, step) — never the
 * citizen's name, phone or text; the app reads the order through the API with its own scope.
 * A webhook with a department sees only orders that department may see.
 */
export async function enqueue(ctx: Ctx, event: WebhookEvent, workOrderId: string, at: Date, data: Record<string, unknown>): Promise<number> {
  const hooks = await ctx.db.query<{ id: string; department_id: string }>(
    'SELECT id, department_id FROM webhooks WHERE active AND deleted_at IS NULL AND $1 = ANY(events)',
    [event],
  );
  if (!hooks.length) return 0;
  const dir = await ctx.directory.fresh();
  const now = ctx.clock.now();
  let n = 0;
  for (const h of hooks) {
    if (!(await repo.isVisible(ctx.db, workOrderId, dir.scopeFor(h.department_id)))) continue;
    const id = randomUUID();
    const payload = JSON.stringify({ id, event, occurredAt: at.toISOString(), data: { workOrderId, ...data } });
    await ctx.db.query(
      `INSERT INTO webhook_deliveries (id, webhook_id, event, work_order_id, payload, status, next_attempt_at, created_at)
       VALUES ($1,$2,$3,$4,$5,'pending',$6,$6)`,
      [id, h.id, event, workOrderId, payload, now],
    );
    n++;
  }
  return n;
}

/** Subscribes the outbox to the domain events; returns the unsubscribe function. */
export function subscribeWebhooks(ctx: Ctx): () => void {
  const offs = [
    ctx.events.on('workOrder.registered', async (e) => {
      await enqueue(ctx, 'workOrder.registered', e.id, e.at, { trackingNumber: e.trackingNumber, channel: e.channel, status: 'registered', sourceRef: e.sourceRef });
    }),
    ctx.events.on('workOrder.changed', async (e) => {
      await enqueue(ctx, 'workOrder.changed', e.id, e.at, { trackingNumber: e.trackingNumber, action: e.action, fromStatus: e.fromStatus, toStatus: e.toStatus });
    }),
  ];
  return () => offs.forEach((off) => off());
}
