import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ROLES } from '@hotline/shared';
import type { Ctx } from '../../context.ts';
import { actorOf, requireRole } from '../../http/authHooks.ts';
import { auditRequest } from '../../audit/auditRequest.ts';
import { AppError } from '../../errors.ts';
import { OAuthClients, SCOPES } from './clients.ts';

// An app is never an administrator: administration stays with people who sign in.
const CLIENT_ROLES = ROLES.filter((r) => r !== 'admin') as [Exclude<(typeof ROLES)[number], 'admin'>, ...Exclude<(typeof ROLES)[number], 'admin'>[]];

export const oauthClientBody = z
  .object({
    name: z.string().trim().min(1).max(60),
    role: z.enum(CLIENT_ROLES),
    departmentId: z.string().uuid(),
    scopes: z.array(z.enum(SCOPES)).min(1).max(SCOPES.length).refine((s) => new Set(s).size === s.length, 'scopes must be unique'),
  })
  .strict();

const COLS = `id, client_id AS "clientId", name, role, department_id AS "departmentId", scopes, created_at AS "createdAt", revoked_at AS "revokedAt"`;

/** Administrators register the App API's OAuth2 clients; the secret is shown once. */
export async function oauthClientRoutes(app0: FastifyInstance, ctx: Ctx, clients: OAuthClients) {
  const app = app0.withTypeProvider<ZodTypeProvider>();
  const admin = requireRole('admin');
  const tags = ['app api'];

  app.get('/api/v1/oauth/clients', { schema: { tags, summary: 'OAuth2 clients of the App API' }, preHandler: admin }, async () =>
    ctx.db.query(`SELECT ${COLS} FROM oauth_clients ORDER BY created_at DESC`),
  );

  app.post('/api/v1/oauth/clients', { schema: { tags, summary: 'Register a client (client credentials grant); the secret is shown once', body: oauthClientBody }, preHandler: admin }, async (req, reply) => {
    if (!(await ctx.directory.fresh()).department(req.body.departmentId)) throw new AppError('DEPARTMENT_NOT_FOUND', 'department not found');
    const created = await clients.create(req.body, actorOf(req).id);
    await auditRequest(ctx, req, 'oauthClient.create', created.id, { name: req.body.name, role: req.body.role, scopes: req.body.scopes });
    return reply.status(201).send(created);
  });

  app.delete('/api/v1/oauth/clients/:id', { schema: { tags, summary: 'Revoke a client and every token it holds', params: z.object({ id: z.string().uuid() }) }, preHandler: admin }, async (req) => {
    const rows = await ctx.db.query('UPDATE oauth_clients SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL RETURNING id', [req.params.id, ctx.clock.now()]);
    if (!rows.length) throw new AppError('OAUTH_CLIENT_NOT_FOUND', 'client not found or already revoked');
    await ctx.db.query('DELETE FROM oauth_tokens WHERE client_id = $1', [req.params.id]);
    await auditRequest(ctx, req, 'oauthClient.revoke', req.params.id);
    return { ok: true };
  });
}
