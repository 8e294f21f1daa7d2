import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { catalogueEntryBody, categoryBody } from '@hotline/shared';
import type { Ctx } from '../context.ts';
import { requireRole } from '../http/authHooks.ts';
import { auditRequest } from '../audit/auditRequest.ts';
import { AppError, errors } from '../errors.ts';
import { suggestDepartments } from './catalogue.ts';

const idParams = z.object({ id: z.string().uuid() });
const CAT_COLS = `id, parent_id AS "parentId", name, level, full_name AS "fullName", active`;
const CATALOGUE_COLS = `id, category_id AS "categoryId", region_id AS "regionId", department_id AS "departmentId", assisting_department_ids AS "assistingDepartmentIds", priority, note`;

export async function taxonomyRoutes(app0: FastifyInstance, ctx: Ctx) {
  const app = app0.withTypeProvider<ZodTypeProvider>();
  const admin = requireRole('admin');

  app.get('/api/v1/categories', { schema: { tags: ['taxonomy'], summary: 'The three-level category tree, flat' } }, async () =>
    ctx.db.query(`SELECT ${CAT_COLS} FROM categories ORDER BY level, sort, name`),
  );
  app.post('/api/v1/categories', { schema: { tags: ['taxonomy'], body: categoryBody }, preHandler: admin }, async (req, reply) => {
    const b = req.body;
    let level = 1;
    let fullName = b.name;
    if (b.parentId) {
      const [p] = await ctx.db.query<{ level: number; full_name: string }>('SELECT level, full_name FROM categories WHERE id = $1', [b.parentId]);
      if (!p) throw new AppError('CATEGORY_NOT_FOUND', 'parent category not found');
      if (p.level >= 3) throw errors.validation({ parentId: b.parentId }, 'categories have at most three levels');
      level = p.level + 1;
      fullName = `${p.full_name}/${b.name}`;
    }
    try {
      const [row] = await ctx.db.query(`INSERT INTO categories (parent_id, name, level, full_name, active) VALUES ($1,$2,$3,$4,$5) RETURNING ${CAT_COLS}`, [b.parentId ?? null, b.name, level, fullName, b.active ?? true]);
      await auditRequest(ctx, req, 'category.create', (row as { id: string }).id, b);
      return reply.status(201).send(row);
    } catch (e) {
      if ((e as { code?: string }).code === '23505') throw new AppError('DUPLICATE', 'a category with this name already exists here');
      throw e;
    }
  });
  app.patch('/api/v1/categories/:id', { schema: { tags: ['taxonomy'], params: idParams, body: categoryBody.pick({ name: true, active: true }).partial() }, preHandler: admin }, async (req) => {
    const [row] = await ctx.db.query(
      `UPDATE categories SET name = coalesce($2, name), active = coalesce($3, active),
              full_name = CASE WHEN $2::text IS NULL THEN full_name ELSE regexp_replace(full_name, '[^/]*$', $2::text) END
        WHERE id = $1 RETURNING ${CAT_COLS}`,
      [req.params.id, req.body.name ?? null, req.body.active ?? null],
    );
    if (!row) throw new AppError('CATEGORY_NOT_FOUND', 'category not found');
    await auditRequest(ctx, req, 'category.update', req.params.id, req.body);
    return row;
  });

  app.get('/api/v1/catalogue', { schema: { tags: ['taxonomy'], summary: 'The dispatch catalogue (派单目录)' } }, async () =>
    ctx.db.query(`SELECT ${CATALOGUE_COLS} FROM dispatch_catalogue ORDER BY priority, id`),
  );
  app.post('/api/v1/catalogue', { schema: { tags: ['taxonomy'], body: catalogueEntryBody }, preHandler: admin }, async (req, reply) => {
    const b = req.body;
    const dir = await ctx.directory.fresh();
    for (const d of [b.departmentId, ...(b.assistingDepartmentIds ?? [])]) if (!dir.department(d)) throw new AppError('DEPARTMENT_NOT_FOUND', `department ${d} not found`);
    if (b.districtId && dir.region(b.districtId)?.level !== 'district') throw errors.validation({ districtId: b.districtId }, 'unknown district');
    const [cat] = await ctx.db.query('SELECT 1 FROM categories WHERE id = $1', [b.categoryId]);
    if (!cat) throw new AppError('CATEGORY_NOT_FOUND', 'category not found');
    const [row] = await ctx.db.query(
      `INSERT INTO dispatch_catalogue (category_id, region_id, department_id, assisting_department_ids, priority, note) VALUES ($1,$2,$3,$4,$5,$6) RETURNING ${CATALOGUE_COLS}`,
      [b.categoryId, b.districtId ?? null, b.departmentId, b.assistingDepartmentIds ?? [], b.priority, b.note ?? null],
    );
    await auditRequest(ctx, req, 'catalogue.create', (row as { id: string }).id, b);
    return reply.status(201).send(row);
  });
  app.delete('/api/v1/catalogue/:id', { schema: { tags: ['taxonomy'], params: idParams }, preHandler: admin }, async (req) => {
    const rows = await ctx.db.query('DELETE FROM dispatch_catalogue WHERE id = $1 RETURNING id', [req.params.id]);
    if (!rows.length) throw errors.notFound('catalogue entry');
    await auditRequest(ctx, req, 'catalogue.delete', req.params.id);
    return { ok: true };
  });
  app.get(
    '/api/v1/catalogue/suggest',
    { schema: { tags: ['taxonomy'], summary: 'Departments the catalogue suggests for a category and district', querystring: z.object({ categoryId: z.string().uuid(), districtId: z.string().uuid().optional() }) } },
    async (req) => suggestDepartments(ctx.db, req.query.categoryId, req.query.districtId ?? null),
  );
}
