import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { Ctx } from '../context.ts';
import { errors } from '../errors.ts';
import * as repo from '../workorders/repository.ts';

// What a citizen sees of their own order with the tracking number and query code: progress and
// the reply, but nothing about who handled it internally or any personal data.
const PUBLIC_STEPS = new Set(['register', 'dispatch', 'reassign', 'accept', 'extension', 'reply', 'review', 'close', 'resolveOnSpot', 'followUp', 'reopen', 'merge', 'cancel']);

export async function publicRoutes(app0: FastifyInstance, ctx: Ctx) {
  const app = app0.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/v1/public/work-orders/:trackingNumber',
    {
      schema: {
        tags: ['public'],
        summary: 'A citizen’s view of their order (tracking number + query code)',
        params: z.object({ trackingNumber: z.string().regex(/^\d{13}$/) }),
        querystring: z.object({ code: z.string().regex(/^\d{6}$/) }),
      },
      config: { public: true },
    },
    async (req) => {
      const o = await repo.findByTrackingNumber(ctx.db, req.params.trackingNumber);
      const codeOk = o && timingSafeEqual(Buffer.from(o.queryCode), Buffer.from(req.query.code));
      // Same answer for "no such number" and "wrong code", so numbers cannot be probed.
      if (!o || !codeOk) throw errors.workOrderNotFound();
      const events = await repo.events(ctx.db, o.id);
      const replyVisible = ['replied', 'closed', 'followedUp'].includes(o.status);
      return {
        trackingNumber: o.trackingNumber,
        status: o.status,
        type: o.type,
        title: o.title,
        createdAt: o.createdAt.toISOString(),
        closedAt: o.closedAt?.toISOString() ?? null,
        reply: replyVisible ? o.replyContent : null,
        satisfaction: o.satisfaction,
        timeline: events
          .filter((e) => PUBLIC_STEPS.has(e.action) && !(e.action === 'review' && !(e.data as { approve?: boolean } | null)?.approve))
          .map((e) => ({ at: new Date(e.at).toISOString(), action: e.action, status: e.toStatus })),
      };
    },
  );
}
