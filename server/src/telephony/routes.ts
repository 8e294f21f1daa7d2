import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { serializeNameAddr } from '@hotline/telephony';
import type { Ctx } from '../context.ts';
import { actorOf, requireRole } from '../http/authHooks.ts';
import { errors } from '../errors.ts';
import { FlowStore } from './flowStore.ts';
import { ExtensionStore } from './extensions.ts';

// Telephony administration: IVR flow versions (publish, roll back), agent phones' SIP accounts,
// the engine's live status and the IVR survey results. All of it belongs to the city's hotline
// center: staff of district sub-centers and departments get 403 whatever their role.

const flowId = z.string().regex(/^[a-z][a-zA-Z0-9_-]{0,63}$/);
const extension = z.string().regex(/^[0-9]{3,8}$/);

function centerOnly(req: FastifyRequest) {
  const actor = actorOf(req);
  if (actor.departmentKind !== 'center') throw errors.forbidden('telephony is administered by the city hotline center');
  return actor;
}

export async function telephonyRoutes(app0: FastifyInstance, ctx: Ctx) {
  const app = app0.withTypeProvider<ZodTypeProvider>();
  const flows = new FlowStore(ctx);
  // The running engine's store when there is one, so the digest credentials it checks are already
  // reloaded when an admin's change returns; a plain store otherwise (API-only processes).
  const standalone = new ExtensionStore(ctx);
  const extensionStore = () => ctx.telephony?.extensions ?? standalone;
  const viewers = requireRole('admin', 'supervisor');
  const admins = requireRole('admin');
  const tags = ['telephony'];

  app.get('/api/v1/telephony/flows', { schema: { tags, summary: 'IVR flows and their versions' }, preHandler: viewers }, async (req) => {
    centerOnly(req);
    return { items: await flows.list() };
  });

  app.get(
    '/api/v1/telephony/flows/:flowId',
    { schema: { tags, summary: 'One IVR flow: the active version, or ?version=', params: z.object({ flowId }), querystring: z.object({ version: z.coerce.number().int().min(1).optional() }) }, preHandler: viewers },
    async (req) => {
      centerOnly(req);
      const row = await flows.get(req.params.flowId, req.query.version);
      if (!row) throw errors.notFound(`flow ${req.params.flowId}`);
      return row;
    },
  );

  app.post(
    '/api/v1/telephony/flows',
    { schema: { tags, summary: 'Publish a flow document as a new version (validated; new calls run it at once)', body: z.record(z.string(), z.unknown()) }, preHandler: admins },
    async (req, reply) => reply.status(201).send(await flows.publish(centerOnly(req), req.body, req.ip)),
  );

  app.post(
    '/api/v1/telephony/flows/:flowId/versions/:version/activate',
    { schema: { tags, summary: 'Make a stored version the active one (roll back or forward)', params: z.object({ flowId, version: z.coerce.number().int().min(1) }) }, preHandler: admins },
    async (req) => flows.activate(centerOnly(req), req.params.flowId, req.params.version, req.ip),
  );

  app.get('/api/v1/telephony/extensions', { schema: { tags, summary: 'Agent phones’ SIP accounts with their registrations' }, preHandler: viewers }, async (req) => {
    centerOnly(req);
    const rt = ctx.telephony;
    const rows = await extensionStore().list();
    return {
      items: rows.map((r) => ({
        ...r,
        registrations: rt ? rt.endpoint.registrar.lookup(r.extension).map((b) => ({ contact: serializeNameAddr(b.contact), userAgent: b.userAgent ?? null, expiresAt: new Date(b.expiresAt).toISOString() })) : [],
      })),
    };
  });

  app.put(
    '/api/v1/telephony/extensions/:extension',
    {
      schema: {
        tags, summary: 'Create or update a SIP account (the secret is returned only here, when set or generated)',
        params: z.object({ extension }),
        body: z.object({
          displayName: z.string().trim().min(1).max(50),
          userId: z.string().uuid().nullable().optional(),
          enabled: z.boolean().optional(),
          secret: z.string().min(8).max(64).regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces').optional(),
        }).strict(),
      },
      preHandler: admins,
    },
    async (req) => extensionStore().upsert(centerOnly(req), { extension: req.params.extension, ...req.body }, req.ip),
  );

  app.delete('/api/v1/telephony/extensions/:extension', { schema: { tags, summary: 'Delete a SIP account', params: z.object({ extension }) }, preHandler: admins }, async (req, reply) => {
    await extensionStore().remove(centerOnly(req), req.params.extension, req.ip);
    return reply.status(204).send();
  });

  app.get('/api/v1/telephony/status', { schema: { tags, summary: 'The engine: listening ports, calls in the IVR, active flows' }, preHandler: viewers }, async (req) => {
    centerOnly(req);
    const rt = ctx.telephony;
    if (!rt) return { running: false };
    return {
      running: true,
      sip: { udpPort: rt.ports.udp ?? null, tcpPort: rt.ports.tcp ?? null, webSocketPath: '/sip', hotlineNumber: ctx.env.HOTLINE_NUMBER },
      tts: rt.tts?.engineId ?? null,
      callsInIvr: rt.handler.active.size,
      flows: rt.flows.list().map((f) => ({ id: f.id, version: f.version, loadedAt: f.loadedAt.toISOString() })),
    };
  });

  app.get(
    '/api/v1/telephony/surveys/:survey',
    { schema: { tags, summary: 'Answers to an IVR survey, counted per answer', params: z.object({ survey: z.string().max(64) }), querystring: z.object({ from: z.iso.datetime({ offset: true }).optional(), to: z.iso.datetime({ offset: true }).optional() }) }, preHandler: requireRole('admin', 'supervisor', 'leader') },
    async (req) => {
      const rows = await ctx.db.query<{ answer: string; n: number }>(
        `SELECT answer, count(*)::int AS n FROM ivr_survey_answers WHERE survey = $1 AND ($2::timestamptz IS NULL OR at >= $2) AND ($3::timestamptz IS NULL OR at < $3) GROUP BY answer ORDER BY answer`,
        [req.params.survey, req.query.from ?? null, req.query.to ?? null],
      );
      return { survey: req.params.survey, counts: Object.fromEntries(rows.map((r) => [r.answer, r.n])), total: rows.reduce((a, r) => a + r.n, 0) };
    },
  );
}
