// HTTP face of the optional AI providers: a work order's summary by the LLM, call transcription
// by the speech-to-text provider, and the second opinion that analyze gains when an LLM is set.
// Each answers 503 PROVIDER_NOT_CONFIGURED when its provider is off.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Ctx } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { actorOf, requireRole } from '../../http/authHooks.ts';
import { WorkOrderService } from '../../workorders/service.ts';
import { requireHotlineStaff } from '../routing/routes.ts';
import type { Providers } from './index.ts';
import { notConfigured, providerAppError } from './providerError.ts';
import { secondOpinion, type Candidate } from './secondOpinion.ts';
import { summarize } from './summarize.ts';
import { callForTranscript, checkCallAccess, loadTranscript, transcribeCall } from './transcribeCall.ts';

const tags = ['intelligence'];
const LLM_VARS = 'LLM_BASE_URL and LLM_MODEL';
const STT_VARS = 'STT_KIND and STT_BASE_URL';

export const summarizeBody = z.union([
  z.object({ workOrderId: z.string().uuid() }).strict(),
  z.object({ title: z.string().trim().max(120).optional(), content: z.string().trim().min(1).max(5000) }).strict(),
]);

const callParams = z.object({ id: z.string().uuid() });

export async function providerRoutes(app0: FastifyInstance, ctx: Ctx, providers: Providers) {
  const app = app0.withTypeProvider<ZodTypeProvider>();
  const orders = new WorkOrderService(ctx);
  const callStaff = requireRole('agent', 'supervisor', 'admin');

  app.post(
    '/api/v1/intelligence/summarize',
    { schema: { tags, summary: 'A one-sentence summary of an appeal or a work order by the configured language model (503 when none)', body: summarizeBody }, preHandler: requireHotlineStaff },
    async (req) => {
      if (!providers.llm) throw notConfigured('the language model', LLM_VARS);
      const input = 'workOrderId' in req.body ? await orders.get(actorOf(req), req.body.workOrderId) : req.body;
      try {
        return await summarize(providers.llm, { title: input.title, content: input.content }, ctx.clock.now());
      } catch (e) {
        throw providerAppError('the language model', e);
      }
    },
  );

  app.post(
    '/api/v1/intelligence/calls/:id/transcribe',
    {
      schema: { tags, summary: 'Transcribe a call’s recording (both channels), store it, and read it for emotion and quality (503 when no speech-to-text is configured)', params: callParams },
      preHandler: callStaff,
    },
    async (req) => {
      if (!providers.stt) throw notConfigured('speech-to-text', STT_VARS);
      return transcribeCall(ctx, providers.stt, actorOf(req), req.params.id, req.ip);
    },
  );

  app.get(
    '/api/v1/intelligence/calls/:id/transcript',
    { schema: { tags, summary: 'The stored transcript of a call, with its emotion and quality analysis', params: callParams }, preHandler: callStaff },
    async (req) => {
      const actor = actorOf(req);
      checkCallAccess(actor, await callForTranscript(ctx, req.params.id));
      const t = await loadTranscript(ctx, req.params.id);
      if (!t) {
        // None stored, and none can be made while no provider is configured.
        if (!providers.stt) throw notConfigured('speech-to-text', STT_VARS);
        throw new AppError('TRANSCRIPT_NOT_FOUND', 'the call has not been transcribed yet');
      }
      await ctx.audit.append(ctx.db, { actorId: actor.id, actorName: actor.username, action: 'intelligence.transcript.read', entity: 'call', entityId: t.callId, ip: req.ip });
      return t;
    },
  );
}

export const ANALYZE_URL = '/api/v1/intelligence/analyze';

/**
 * A preSerialization hook for analyze: with a language model configured and the classifier unsure,
 * the answer gains `llmSuggestion` (the model's pick among the top three) beside the classifier's
 * ranking, which stays as it is.
 */
export function secondOpinionHook(ctx: Ctx, providers: Providers) {
  return async (req: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> => {
    const llm = providers.llm;
    if (!llm || req.method !== 'POST' || req.routeOptions.url !== ANALYZE_URL || reply.statusCode !== 200) return payload;
    const analysis = payload as { categories?: Candidate[] } | null;
    const body = req.body as { title?: string; content?: string } | undefined;
    if (!analysis?.categories || !body?.content) return payload;
    const text = body.title ? `${body.title} ${body.content}` : body.content;
    const suggestion = await secondOpinion(llm, text, analysis.categories, ctx.clock.now());
    return suggestion ? { ...analysis, llmSuggestion: suggestion } : payload;
  };
}
