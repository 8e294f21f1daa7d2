// The citizen portal's public API (no sign-in; every /api/v1/public/ route is also rate-limited per
// address by app.ts): proof-of-work challenges, photo and video uploads, appeal submission,
// category help, and rating a reply.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Ctx } from '../context.ts';
import { appealBody, submitAppeal } from './appeals.ts';
import { POW_PURPOSES, ProofOfWork } from './pow.ts';
import { CitizenRatings, ratingBody } from './rating.ts';
import { publicCategories, suggestBody, suggestForCitizen } from './suggest.ts';
import { PORTAL_MAX_FILES, PORTAL_UPLOAD_LIMITS, storePortalUpload } from './uploads.ts';

const tags = ['public'];
const config = { public: true };
const trackingParams = z.object({ trackingNumber: z.string().regex(/^\d{13}$/) });

const proofs = new WeakMap<Ctx, ProofOfWork>();
/** The one ProofOfWork of a platform, shared by the portal and the web chat. */
export function proofOfWorkFor(ctx: Ctx): ProofOfWork {
  let p = proofs.get(ctx);
  if (!p) proofs.set(ctx, (p = new ProofOfWork(ctx)));
  return p;
}

export async function portalRoutes(app0: FastifyInstance, ctx: Ctx) {
  const app = app0.withTypeProvider<ZodTypeProvider>();
  const pow = proofOfWorkFor(ctx);
  const ratings = new CitizenRatings(ctx);
  const log = (err: unknown) => app0.log.error({ err }, 'citizen rating');
  const stop = ctx.events.on('workOrder.changed', (e) => {
    if (e.toStatus === 'closed') return ratings.applyPending(e.id).then(() => undefined, log);
  });
  app0.addHook('onClose', async () => stop());

  app.get('/api/v1/public/portal', { schema: { tags, summary: 'What the portal needs to know: hotline number, web calling, mail address, upload limits' }, config }, async () => ({
    hotlineNumber: ctx.env.HOTLINE_NUMBER,
    webCall: { enabled: ctx.telephony !== null, path: '/sip' },
    mailAddress: `${ctx.env.MAIL_APPEAL_LOCAL_PART}@${ctx.env.MAIL_DOMAIN}`,
    uploads: { maxFiles: PORTAL_MAX_FILES, limits: PORTAL_UPLOAD_LIMITS },
  }));

  app.get(
    '/api/v1/public/pow',
    {
      schema: {
        tags,
        summary: 'A proof-of-work challenge: find a nonce (1-32 letters or digits) so that sha256(challenge + nonce) starts with `difficulty` zero bits',
        querystring: z.object({ purpose: z.enum(POW_PURPOSES).default('appeal') }),
      },
      config,
    },
    async (req) => pow.issue(req.query.purpose),
  );

  app.post(
    '/api/v1/public/uploads',
    {
      schema: { tags, summary: `A photo (JPEG/PNG/WebP, 5 MB) or video (MP4, 20 MB) for an appeal (multipart field "file"; at most ${PORTAL_MAX_FILES} per appeal)`, consumes: ['multipart/form-data'] },
      config,
    },
    async (req, reply) => reply.status(201).send(await storePortalUpload(ctx, req)),
  );

  app.post(
    '/api/v1/public/appeals',
    { schema: { tags, summary: 'Submit an appeal (网上诉求) with a solved proof-of-work; returns the tracking number and query code', body: appealBody }, config },
    async (req, reply) => reply.status(201).send(await submitAppeal(ctx, pow, req.body, req.ip)),
  );

  app.post(
    '/api/v1/public/appeals/suggest',
    { schema: { tags, summary: 'Category and appeal-type suggestions for what the citizen has written', body: suggestBody }, config },
    async (req) => suggestForCitizen(ctx, req.body),
  );

  app.get('/api/v1/public/categories', { schema: { tags, summary: 'The active category tree, flat (for the category picker)' }, config }, async () => publicCategories(ctx));

  app.get(
    '/api/v1/public/work-orders/:trackingNumber/rating',
    { schema: { tags, summary: 'Whether the citizen may rate the reply now, and the rating given', params: trackingParams, querystring: z.object({ code: z.string().regex(/^\d{6}$/) }) }, config },
    async (req) => ratings.state(req.params.trackingNumber, req.query.code),
  );

  app.post(
    '/api/v1/public/work-orders/:trackingNumber/rating',
    { schema: { tags, summary: 'Rate the reply (满意/基本满意/不满意) with the query code; becomes the order’s follow-up result', params: trackingParams, body: ratingBody }, config },
    async (req, reply) => reply.status(201).send(await ratings.rate(req.params.trackingNumber, req.body, 'web', req.ip)),
  );
}
