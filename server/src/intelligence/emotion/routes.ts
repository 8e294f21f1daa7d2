import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Ctx } from '../../context.ts';
import { actorOf, requireRole } from '../../http/authHooks.ts';
import { acknowledgeWarning, listWarnings } from './warnings.ts';

const tags = ['intelligence'];
const SUPERVISORS = ['supervisor', 'leader', 'admin'] as const;

export async function warningRoutes(app0: FastifyInstance, ctx: Ctx) {
  const app = app0.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/v1/intelligence/warnings',
    {
      schema: {
        tags,
        summary: 'Warnings for supervisors: high-risk emotion, emergencies, fast-growing hotspots',
        querystring: z.object({
          status: z.enum(['open', 'acknowledged', 'all']).default('open'),
          kind: z.enum(['emotion', 'emergency', 'hotspot']).optional(),
          page: z.coerce.number().int().min(1).max(10_000).default(1),
          pageSize: z.coerce.number().int().min(1).max(100).default(20),
        }),
      },
      preHandler: requireRole(...SUPERVISORS),
    },
    async (req) => listWarnings(ctx.db, actorOf(req).scope, req.query),
  );

  app.post(
    '/api/v1/intelligence/warnings/:id/acknowledge',
    {
      schema: {
        tags,
        summary: 'Acknowledge a warning (once), with a note',
        params: z.object({ id: z.string().uuid() }),
        body: z.object({ note: z.string().trim().max(1000).optional() }).strict(),
      },
      preHandler: requireRole(...SUPERVISORS),
    },
    async (req) => acknowledgeWarning(ctx, actorOf(req), req.params.id, req.body.note, req.ip),
  );
}
