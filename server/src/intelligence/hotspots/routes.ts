import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Ctx } from '../../context.ts';
import { actorOf, requireRole } from '../../http/authHooks.ts';
import { orderDuplicates } from './orderDuplicates.ts';
import { parseWindow, workOrderHotspots } from './workOrderHotspots.ts';

const tags = ['intelligence'];

export async function hotspotRoutes(app0: FastifyInstance, ctx: Ctx) {
  const app = app0.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/v1/intelligence/hotspots',
    {
      schema: {
        tags,
        summary: 'Hotspots: work orders of a sliding window clustered by topic and place, ranked by people, growth and likes',
        querystring: z.object({
          window: z
            .string()
            .default('7d')
            .refine((s) => parseWindow(s) !== null, 'window must be 1h–90d, written like 24h or 7d'),
          limit: z.coerce.number().int().min(1).max(100).default(20),
        }),
      },
      preHandler: requireRole('leader', 'supervisor', 'admin', 'dept_leader'),
    },
    async (req) => workOrderHotspots(ctx, actorOf(req).scope, { windowMs: parseWindow(req.query.window)!, limit: req.query.limit }),
  );

  app.get(
    '/api/v1/intelligence/work-orders/:id/duplicates',
    {
      schema: {
        tags,
        summary: 'Near-duplicate orders (same issue, same place, within a window) with a merge proposal',
        params: z.object({ id: z.string().uuid() }),
        querystring: z.object({ windowDays: z.coerce.number().int().min(1).max(365).default(30) }),
      },
      preHandler: requireRole('dispatcher', 'supervisor', 'agent'),
    },
    async (req) => orderDuplicates(ctx, actorOf(req), req.params.id, req.query.windowDays),
  );
}
