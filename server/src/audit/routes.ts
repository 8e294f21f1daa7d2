import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Ctx } from '../context.ts';
import { requireRole } from '../http/authHooks.ts';

export async function auditRoutes(app0: FastifyInstance, ctx: Ctx) {
  const app = app0.withTypeProvider<ZodTypeProvider>();
  const auditors = requireRole('auditor', 'admin');
  app.get(
    '/api/v1/audit',
    {
      schema: {
        tags: ['audit'],
        querystring: z.object({
          page: z.coerce.number().int().min(1).max(100000).default(1),
          pageSize: z.coerce.number().int().min(1).max(200).default(50),
          entity: z.string().max(40).optional(),
          entityId: z.string().max(80).optional(),
        }),
      },
      preHandler: auditors,
    },
    async (req) => {
      const { page, pageSize, entity, entityId } = req.query;
      const where = `($1::text IS NULL OR entity = $1) AND ($2::text IS NULL OR entity_id = $2)`;
      const items = await ctx.db.query(
        `SELECT id, at, actor_id AS "actorId", actor_name AS "actorName", action, entity, entity_id AS "entityId", detail, ip, chain_seq AS "chainSeq"
           FROM audit_log WHERE ${where} ORDER BY id DESC LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
        [entity ?? null, entityId ?? null],
      );
      const [c] = await ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE ${where}`, [entity ?? null, entityId ?? null]);
      return { items, total: c?.n ?? 0, page, pageSize };
    },
  );
  app.post('/api/v1/audit/verify', { schema: { tags: ['audit'], summary: 'Seal pending rows and verify the hash chain' }, preHandler: auditors }, async () => ctx.audit.verify());
}
