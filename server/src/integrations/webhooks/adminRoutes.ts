import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Ctx } from '../../context.ts';
import { actorOf, requireRole } from '../../http/authHooks.ts';
import { auditRequest } from '../../audit/auditRequest.ts';
import { AppError } from '../../errors.ts';
import { WEBHOOK_EVENTS } from './outbox.ts';
import { checkWebhookUrl } from './urlGuard.ts';

const events = z.array(z.enum(WEBHOOK_EVENTS)).min(1).max(WEBHOOK_EVENTS.length);
export const webhookBody = z
  .object({
    name: z.string().trim().min(1).max(60),
    url: z.string().trim().min(1).max(2000),
    events,
    /** Whose orders it hears about (data scope); the city center by default, i.e. all. */
    departmentId: z.string().uuid().optional(),
  })
  .strict();
export const webhookPatch = z
  .object({ name: z.string().trim().min(1).max(60), url: z.string().trim().min(1).max(2000), events, active: z.boolean() })
  .partial()
  .strict();

const COLS = `id, name, url, events, department_id AS "departmentId", active, created_at AS "createdAt"`;
const DELIVERY_COLS = `id, webhook_id AS "webhookId", event, work_order_id AS "workOrderId", status, attempts, next_attempt_at AS "nextAttemptAt",
  last_status AS "lastStatus", last_error AS "lastError", created_at AS "createdAt", delivered_at AS "deliveredAt"`;
const idParams = z.object({ id: z.string().uuid() });

/** Administrators register webhook endpoints, read their deliveries and redeliver. */
export async function webhookRoutes(app0: FastifyInstance, ctx: Ctx) {
  const app = app0.withTypeProvider<ZodTypeProvider>();
  const admin = requireRole('admin');
  const tags = ['webhooks'];
  const allowPrivate = () => ctx.env.WEBHOOK_ALLOW_PRIVATE;
  const find = async (id: string) => {
    const [row] = await ctx.db.query<{ id: string }>(`SELECT ${COLS} FROM webhooks WHERE id = $1 AND deleted_at IS NULL`, [id]);
    if (!row) throw new AppError('WEBHOOK_NOT_FOUND', 'webhook not found');
    return row;
  };

  app.get('/api/v1/webhooks', { schema: { tags, summary: 'Webhook endpoints (secrets are never shown again)' }, preHandler: admin }, async () =>
    ctx.db.query(
      `SELECT ${COLS},
              (SELECT count(*)::int FROM webhook_deliveries d WHERE d.webhook_id = w.id AND d.status = 'pending') AS pending,
              (SELECT count(*)::int FROM webhook_deliveries d WHERE d.webhook_id = w.id AND d.status = 'failed') AS failed
         FROM webhooks w WHERE deleted_at IS NULL ORDER BY created_at DESC`,
    ),
  );

  app.post('/api/v1/webhooks', { schema: { tags, summary: 'Register an endpoint; answers with its signing secret, shown once', body: webhookBody }, preHandler: admin }, async (req, reply) => {
    const b = req.body;
    checkWebhookUrl(b.url, allowPrivate());
    const dir = await ctx.directory.fresh();
    const departmentId = b.departmentId ?? dir.cityCenter()?.id;
    if (!departmentId || !dir.department(departmentId)) throw new AppError('DEPARTMENT_NOT_FOUND', 'department not found');
    const secret = `whsec_${randomBytes(32).toString('base64url')}`;
    const [row] = await ctx.db.query<{ id: string }>(
      `INSERT INTO webhooks (name, url, secret, events, department_id, created_by, created_at) VALUES ($1,$2,$3,$4,$5,$6,$7) RETURNING ${COLS}`,
      [b.name, b.url, secret, [...new Set(b.events)], departmentId, actorOf(req).id, ctx.clock.now()],
    );
    await auditRequest(ctx, req, 'webhook.create', row!.id, { name: b.name, url: b.url, events: b.events });
    return reply.status(201).send({ ...row, secret });
  });

  app.patch('/api/v1/webhooks/:id', { schema: { tags, summary: 'Change name, URL, events, or pause/resume', params: idParams, body: webhookPatch }, preHandler: admin }, async (req) => {
    await find(req.params.id);
    const b = req.body;
    if (b.url) checkWebhookUrl(b.url, allowPrivate());
    const [row] = await ctx.db.query(
      `UPDATE webhooks SET name = coalesce($2, name), url = coalesce($3, url), events = coalesce($4, events), active = coalesce($5, active)
        WHERE id = $1 RETURNING ${COLS}`,
      [req.params.id, b.name ?? null, b.url ?? null, b.events ? [...new Set(b.events)] : null, b.active ?? null],
    );
    await auditRequest(ctx, req, 'webhook.update', req.params.id, b);
    return row;
  });

  app.delete('/api/v1/webhooks/:id', { schema: { tags, summary: 'Delete an endpoint; its pending deliveries are marked failed', params: idParams }, preHandler: admin }, async (req) => {
    await find(req.params.id);
    const now = ctx.clock.now();
    await ctx.db.tx(async (q) => {
      await q.query('UPDATE webhooks SET deleted_at = $2, active = false WHERE id = $1', [req.params.id, now]);
      await q.query("UPDATE webhook_deliveries SET status = 'failed', last_error = 'the webhook was deleted' WHERE webhook_id = $1 AND status = 'pending'", [req.params.id]);
    });
    await auditRequest(ctx, req, 'webhook.delete', req.params.id);
    return { ok: true };
  });

  app.get(
    '/api/v1/webhooks/:id/deliveries',
    {
      schema: {
        tags, summary: 'Deliveries of an endpoint, newest first', params: idParams,
        querystring: z.object({ status: z.enum(['pending', 'delivered', 'failed']).optional(), limit: z.coerce.number().int().min(1).max(500).default(100) }),
      },
      preHandler: admin,
    },
    async (req) => {
      await find(req.params.id);
      return ctx.db.query(
        `SELECT ${DELIVERY_COLS} FROM webhook_deliveries WHERE webhook_id = $1 AND ($2::text IS NULL OR status = $2) ORDER BY created_at DESC, id LIMIT $3`,
        [req.params.id, req.query.status ?? null, req.query.limit],
      );
    },
  );

  app.get('/api/v1/webhook-deliveries/:id', { schema: { tags, summary: 'One delivery with the exact body that is signed and sent', params: idParams }, preHandler: admin }, async (req) => {
    const [row] = await ctx.db.query(`SELECT ${DELIVERY_COLS}, payload FROM webhook_deliveries WHERE id = $1`, [req.params.id]);
    if (!row) throw new AppError('WEBHOOK_DELIVERY_NOT_FOUND', 'delivery not found');
    return row;
  });

  app.post(
    '/api/v1/webhook-deliveries/:id/redeliver',
    { schema: { tags, summary: 'Send a delivery again now (same id and body, attempts start over)', params: idParams }, preHandler: admin },
    async (req) => {
      const [row] = await ctx.db.query(
        `UPDATE webhook_deliveries SET status = 'pending', attempts = 0, next_attempt_at = $2, lease_id = NULL, leased_until = NULL, last_error = NULL
          WHERE id = $1 AND webhook_id IN (SELECT id FROM webhooks WHERE deleted_at IS NULL)
          RETURNING ${DELIVERY_COLS}`,
        [req.params.id, ctx.clock.now()],
      );
      if (!row) throw new AppError('WEBHOOK_DELIVERY_NOT_FOUND', 'delivery not found (or its webhook was deleted)');
      await auditRequest(ctx, req, 'webhook.redeliver', req.params.id);
      return row;
    },
  );
}
