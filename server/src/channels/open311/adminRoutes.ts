import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Ctx } from '../../context.ts';
import { requireRole } from '../../http/authHooks.ts';
import { auditRequest } from '../../audit/auditRequest.ts';
import { AppError, errors } from '../../errors.ts';
import { DATATYPES, RESERVED_CODES } from './attributes.ts';

const attributeBody = z
  .object({
    /** null: asked by every service; otherwise a second-level category (a service_code). */
    categoryId: z.string().uuid().nullable().default(null),
    code: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'letters, digits, _ and -, at most 40'),
    datatype: z.enum(DATATYPES),
    variable: z.boolean().default(true),
    required: z.boolean().default(false),
    description: z.string().trim().min(1).max(200),
    datatypeDescription: z.string().trim().max(200).nullable().default(null),
    sort: z.number().int().min(0).max(10000).default(100),
    values: z.array(z.object({ key: z.string().trim().min(1).max(60), name: z.string().trim().min(1).max(100) })).max(100).default([]),
  })
  .strict()
  .superRefine((b, c) => {
    const list = b.datatype === 'singlevaluelist' || b.datatype === 'multivaluelist';
    if (list && !b.values.length) c.addIssue({ code: 'custom', path: ['values'], message: 'a list attribute needs values' });
    if (!list && b.values.length) c.addIssue({ code: 'custom', path: ['values'], message: 'only list attributes have values' });
    if (new Set(b.values.map((v) => v.key)).size !== b.values.length) c.addIssue({ code: 'custom', path: ['values'], message: 'value keys must be unique' });
    if (RESERVED_CODES.includes(b.code)) c.addIssue({ code: 'custom', path: ['code'], message: `${b.code} is a built-in attribute` });
    if (b.required && !b.variable) c.addIssue({ code: 'custom', path: ['required'], message: 'an informational attribute cannot be required' });
  });

const COLS = `id, category_id AS "categoryId", code, datatype, variable, required, description, datatype_description AS "datatypeDescription",
  sort, options AS "values", updated_at AS "updatedAt"`;

/** Discovery's changeset: clients refresh cached service definitions when it moves. */
async function touchChangeset(ctx: Ctx) {
  await ctx.db.query(
    `INSERT INTO settings (key, value) VALUES ('open311.changeset', $1) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`,
    [JSON.stringify(ctx.clock.now().toISOString())],
  );
}

/** Administrators' own questions in Open311 service definitions. */
export async function open311AdminRoutes(app0: FastifyInstance, ctx: Ctx) {
  const app = app0.withTypeProvider<ZodTypeProvider>();
  const admin = requireRole('admin');
  const tags = ['open311'];

  app.get('/api/v1/open311/attributes', { schema: { tags, summary: 'Extra attributes of Open311 service definitions' }, preHandler: admin }, async () =>
    ctx.db.query(`SELECT ${COLS} FROM open311_attributes ORDER BY category_id NULLS FIRST, sort, code`),
  );

  app.post('/api/v1/open311/attributes', { schema: { tags, summary: 'Add an attribute to one service or to all', body: attributeBody }, preHandler: admin }, async (req, reply) => {
    const b = req.body;
    if (b.categoryId) {
      const [cat] = await ctx.db.query<{ level: number }>('SELECT level FROM categories WHERE id = $1', [b.categoryId]);
      if (!cat) throw new AppError('CATEGORY_NOT_FOUND', 'category not found');
      if (cat.level !== 2) throw errors.validation({ categoryId: b.categoryId }, 'Open311 services are second-level categories');
    }
    // A code may appear once in any one service's definition: globally or for that service.
    const clash = await ctx.db.query(
      'SELECT 1 FROM open311_attributes WHERE code = $1 AND ($2::uuid IS NULL OR category_id IS NULL OR category_id = $2)',
      [b.code, b.categoryId],
    );
    if (clash.length) throw new AppError('DUPLICATE', `attribute ${b.code} already exists for this service`);
    const [row] = await ctx.db.query<{ id: string }>(
      `INSERT INTO open311_attributes (category_id, code, datatype, variable, required, description, datatype_description, sort, options, updated_at)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10) RETURNING ${COLS}`,
      [b.categoryId, b.code, b.datatype, b.variable, b.required, b.description, b.datatypeDescription, b.sort, JSON.stringify(b.values), ctx.clock.now()],
    );
    await touchChangeset(ctx);
    await auditRequest(ctx, req, 'open311Attribute.create', row!.id, { code: b.code, categoryId: b.categoryId });
    return reply.status(201).send(row);
  });

  app.delete('/api/v1/open311/attributes/:id', { schema: { tags, summary: 'Remove an attribute', params: z.object({ id: z.string().uuid() }) }, preHandler: admin }, async (req) => {
    const rows = await ctx.db.query('DELETE FROM open311_attributes WHERE id = $1 RETURNING id', [req.params.id]);
    if (!rows.length) throw errors.notFound('attribute');
    await touchChangeset(ctx);
    await auditRequest(ctx, req, 'open311Attribute.delete', req.params.id);
    return { ok: true };
  });
}
