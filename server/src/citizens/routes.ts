import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Ctx } from '../context.ts';
import { errors } from '../errors.ts';
import { actorOf } from '../http/authHooks.ts';
import { CitizenService } from './service.ts';
import { seesCitizensInClear } from './presenter.ts';
import * as repo from './repository.ts';

const idParams = z.object({ id: z.string().uuid() });
const identityBody = z.object({ kind: z.string().regex(/^[a-z][a-z0-9_]{1,31}$/), value: z.string().trim().min(1).max(200) }).strict();
const tags = ['citizens'];

export async function citizenRoutes(app0: FastifyInstance, ctx: Ctx) {
  const app = app0.withTypeProvider<ZodTypeProvider>();
  const service = new CitizenService(ctx);

  app.get(
    '/api/v1/citizens',
    { schema: { tags, summary: 'Find the citizen who has an identity (phone, wechat openid, email, …)', querystring: identityBody } },
    async (req) => service.findByIdentity(actorOf(req), req.query, req.ip),
  );

  app.get('/api/v1/citizens/:id', { schema: { tags, summary: 'A citizen and their identities (masked for leaders and auditors)', params: idParams } }, async (req) =>
    service.get(actorOf(req), req.params.id, req.ip),
  );

  app.get(
    '/api/v1/citizens/:id/history',
    { schema: { tags, summary: 'A citizen’s conversations on every channel and work orders in the caller’s scope', params: idParams } },
    async (req) => service.history(actorOf(req), req.params.id),
  );

  app.patch(
    '/api/v1/citizens/:id',
    { schema: { tags, summary: 'Set the citizen’s name', params: idParams, body: z.object({ name: z.string().trim().max(50) }).strict() } },
    async (req) => {
      const actor = actorOf(req);
      if (!seesCitizensInClear(actor)) throw errors.forbidden('only hotline staff edit citizens');
      const c = await repo.findCitizen(ctx.db, req.params.id);
      if (!c) return service.get(actor, req.params.id, req.ip); // answers CITIZEN_NOT_FOUND
      await repo.setName(ctx.db, c.id, req.body.name, ctx.clock.now());
      return service.get(actor, c.id, req.ip);
    },
  );

  app.post(
    '/api/v1/citizens/:id/identities',
    {
      schema: {
        tags,
        summary: 'Link an identity to the citizen; if another citizen has it, the two are merged into this one',
        params: idParams,
        body: identityBody,
      },
    },
    async (req) => service.link(actorOf(req), req.params.id, req.body, req.ip),
  );

  app.post(
    '/api/v1/citizens/:id/merge',
    {
      schema: { tags, summary: 'Merge another citizen into this one (supervisor, admin)', params: idParams, body: z.object({ fromId: z.string().uuid() }).strict() },
    },
    async (req) => service.merge(actorOf(req), req.params.id, req.body.fromId, req.ip),
  );
}
