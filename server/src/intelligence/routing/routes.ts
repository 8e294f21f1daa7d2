import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Ctx } from '../../context.ts';
import { isHotlineStaff } from '../../auth/actor.ts';
import { errors } from '../../errors.ts';
import { actorOf } from '../../http/authHooks.ts';
import { analyzeTranscript } from '../emotion/analyze.ts';
import { analyzeAppeal } from './analyze.ts';

const tags = ['intelligence'];

/** Staff of a hotline center (city or district) with a center role. */
export async function requireHotlineStaff(req: FastifyRequest): Promise<void> {
  if (!isHotlineStaff(actorOf(req))) throw errors.forbidden('only hotline center staff may use this');
}

export const analyzeBody = z
  .object({
    title: z.string().trim().max(120).optional(),
    content: z.string().trim().min(1).max(5000),
    /** A district the agent already chose; otherwise extraction finds one. */
    districtId: z.string().uuid().optional(),
  })
  .strict();

const transcriptBody = z
  .object({ turns: z.array(z.object({ speaker: z.enum(['citizen', 'agent']), text: z.string().max(5000) }).strict()).min(1).max(500) })
  .strict();

export async function routingRoutes(app0: FastifyInstance, ctx: Ctx) {
  const app = app0.withTypeProvider<ZodTypeProvider>();
  app.post(
    '/api/v1/intelligence/analyze',
    {
      schema: { tags, summary: 'Suggestions for an appeal: category, type, urgency, departments, extracted facts, emotion', body: analyzeBody },
      preHandler: requireHotlineStaff,
    },
    async (req) => {
      const dir = await ctx.directory.fresh();
      if (req.body.districtId && dir.region(req.body.districtId)?.level !== 'district') throw errors.validation({ districtId: req.body.districtId }, 'unknown district');
      return analyzeAppeal(ctx, req.body);
    },
  );

  app.post(
    '/api/v1/intelligence/transcripts/emotion',
    { schema: { tags, summary: 'Emotion of the citizen’s side of a chat or call transcript', body: transcriptBody }, preHandler: requireHotlineStaff },
    async (req) => analyzeTranscript(req.body.turns),
  );
}
