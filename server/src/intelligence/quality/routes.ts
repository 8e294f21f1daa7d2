import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Ctx } from '../../context.ts';
import { actorOf, requireRole } from '../../http/authHooks.ts';
import { inspectReply, inspectTranscript } from './rules.ts';
import { qualityScores } from './scores.ts';

const tags = ['intelligence'];
const INSPECTORS = ['supervisor', 'leader', 'admin', 'dept_leader'] as const;

const inspectBody = z.union([
  z.object({ appeal: z.string().trim().min(1).max(5000), reply: z.string().max(10_000) }).strict(),
  z.object({ turns: z.array(z.object({ speaker: z.enum(['citizen', 'agent']), text: z.string().max(5000) }).strict()).min(1).max(500) }).strict(),
]);

export async function qualityRoutes(app0: FastifyInstance, ctx: Ctx) {
  const app = app0.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/v1/intelligence/quality',
    {
      schema: {
        tags,
        summary: 'Quality scores of replies to closed orders, per department and per person, with low-scoring samples',
        querystring: z.object({
          days: z.coerce.number().int().min(1).max(365).default(30),
          samples: z.coerce.number().int().min(1).max(20).default(3),
        }),
      },
      preHandler: requireRole(...INSPECTORS),
    },
    async (req) => qualityScores(ctx, actorOf(req).scope, req.query),
  );

  app.post(
    '/api/v1/intelligence/quality/inspect',
    { schema: { tags, summary: 'Inspect one reply to an appeal, or one chat/call transcript', body: inspectBody }, preHandler: requireRole(...INSPECTORS) },
    async (req) => ('turns' in req.body ? inspectTranscript(req.body.turns) : inspectReply(req.body.appeal, req.body.reply)),
  );
}
