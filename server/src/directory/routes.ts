import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { apiKeyBody, departmentBody, userBody } from '@hotline/shared';
import type { Ctx } from '../context.ts';
import type { AuthService } from '../auth/authService.ts';
import { hashPassword, passwordProblem } from '../auth/password.ts';
import { actorOf, requireRole } from '../http/authHooks.ts';
import { auditRequest } from '../audit/auditRequest.ts';
import { AppError, errors } from '../errors.ts';
import { toSnake } from '../workorders/columns.ts';

const idParams = z.object({ id: z.string().uuid() });
const DEPT_COLS = `id, parent_id AS "parentId", name, kind, phone, duty_scope AS "dutyScope", region_id AS "regionId", active`;
const USER_COLS = `id, username, display_name AS "displayName", role, department_id AS "departmentId", phone, extension, active, locked_until AS "lockedUntil"`;

/** Builds `SET a = $2, b = $3` from a validated partial body (keys are schema-checked, not user text). */
function setClause(body: Record<string, unknown>, rename: Record<string, string> = {}) {
  const entries = Object.entries(body).filter(([, v]) => v !== undefined);
  return { sql: entries.map(([k], i) => `${rename[k] ?? toSnake(k)} = $${i + 2}`).join(', '), values: entries.map(([, v]) => v) };
}

export async function directoryRoutes(app0: FastifyInstance, ctx: Ctx, auth: AuthService) {
  const app = app0.withTypeProvider<ZodTypeProvider>();
  const admin = requireRole('admin');
  const uniqueViolation = (e: unknown) => (e as { code?: string }).code === '23505';

  app.get('/api/v1/departments', { schema: { tags: ['directory'], summary: 'All departments (id, name, parentId, kind, ...)' } }, async () =>
    ctx.db.query(`SELECT ${DEPT_COLS} FROM departments ORDER BY kind, name`),
  );
  app.get('/api/v1/regions', { schema: { tags: ['directory'], summary: 'Districts, streets and communities' } }, async () =>
    ctx.db.query(`SELECT id, parent_id AS "parentId", name, level FROM regions ORDER BY level, name`),
  );
  app.post('/api/v1/departments', { schema: { tags: ['directory'], body: departmentBody }, preHandler: admin }, async (req, reply) => {
    const b = req.body;
    if (b.parentId && !(await ctx.directory.fresh()).department(b.parentId)) throw new AppError('DEPARTMENT_NOT_FOUND', 'parent department not found');
    try {
      const [row] = await ctx.db.query(
        `INSERT INTO departments (parent_id, name, kind, phone, duty_scope, region_id, active) VALUES ($1,$2,$3,$4,$5,$6,$7) RETURNING ${DEPT_COLS}`,
        [b.parentId ?? null, b.name, b.kind, b.phone ?? null, b.dutyScope ?? null, b.districtId ?? null, b.active ?? true],
      );
      ctx.directory.invalidate();
      await auditRequest(ctx, req, 'department.create', (row as { id: string }).id, b);
      return reply.status(201).send(row);
    } catch (e) {
      if (uniqueViolation(e)) throw new AppError('DUPLICATE', 'a department with this name already exists under the parent');
      throw e;
    }
  });
  app.patch('/api/v1/departments/:id', { schema: { tags: ['directory'], params: idParams, body: departmentBody.partial() }, preHandler: admin }, async (req) => {
    if (req.body.parentId === req.params.id) throw errors.validation({ parentId: req.body.parentId }, 'a department cannot be its own parent');
    if (req.body.parentId && (await ctx.directory.fresh()).subtree(req.params.id).includes(req.body.parentId)) {
      throw errors.validation({ parentId: req.body.parentId }, 'that would make a cycle in the department tree');
    }
    const set = setClause(req.body, { districtId: 'region_id' });
    if (!set.sql) throw errors.validation({}, 'nothing to change');
    const [row] = await ctx.db.query(`UPDATE departments SET ${set.sql} WHERE id = $1 RETURNING ${DEPT_COLS}`, [req.params.id, ...set.values]);
    if (!row) throw new AppError('DEPARTMENT_NOT_FOUND', 'department not found');
    ctx.directory.invalidate();
    await auditRequest(ctx, req, 'department.update', req.params.id, req.body);
    return row;
  });

  app.get('/api/v1/users', { schema: { tags: ['directory'] }, preHandler: requireRole('admin', 'supervisor', 'auditor') }, async () =>
    ctx.db.query(`SELECT ${USER_COLS} FROM users ORDER BY username`),
  );
  app.post('/api/v1/users', { schema: { tags: ['directory'], body: userBody }, preHandler: admin }, async (req, reply) => {
    const b = req.body;
    if (!b.password) throw errors.validation({ password: 'required' }, 'a new user needs a password');
    const problem = passwordProblem(b.password);
    if (problem) throw errors.validation({ password: problem }, problem);
    if (!(await ctx.directory.fresh()).department(b.departmentId)) throw new AppError('DEPARTMENT_NOT_FOUND', 'department not found');
    try {
      const [row] = await ctx.db.query(
        `INSERT INTO users (username, display_name, role, department_id, password_hash, phone, extension, active) VALUES ($1,$2,$3,$4,$5,$6,$7,$8) RETURNING ${USER_COLS}`,
        [b.username, b.displayName, b.role, b.departmentId, await hashPassword(b.password, ctx.env.PASSWORD_HASH_COST), b.phone ?? null, b.extension ?? null, b.active ?? true],
      );
      await auditRequest(ctx, req, 'user.create', (row as { id: string }).id, { username: b.username, role: b.role });
      return reply.status(201).send(row);
    } catch (e) {
      if (uniqueViolation(e)) throw new AppError('DUPLICATE', 'username or extension already taken');
      throw e;
    }
  });
  app.patch('/api/v1/users/:id', { schema: { tags: ['directory'], params: idParams, body: userBody.partial() }, preHandler: admin }, async (req) => {
    const { password, ...rest } = req.body;
    const changes: Record<string, unknown> = { ...rest };
    if (password) {
      const problem = passwordProblem(password);
      if (problem) throw errors.validation({ password: problem }, problem);
      changes.passwordHash = await hashPassword(password, ctx.env.PASSWORD_HASH_COST);
      changes.failedLogins = 0;
      changes.lockedUntil = null;
    }
    const set = setClause(changes);
    if (!set.sql) throw errors.validation({}, 'nothing to change');
    try {
      const [row] = await ctx.db.query(`UPDATE users SET ${set.sql} WHERE id = $1 RETURNING ${USER_COLS}`, [req.params.id, ...set.values]);
      if (!row) throw new AppError('USER_NOT_FOUND', 'user not found');
      if (password || rest.active === false) await ctx.db.query('UPDATE sessions SET revoked = true WHERE user_id = $1', [req.params.id]);
      await auditRequest(ctx, req, 'user.update', req.params.id, { ...rest, passwordChanged: Boolean(password) });
      return row;
    } catch (e) {
      if (uniqueViolation(e)) throw new AppError('DUPLICATE', 'username or extension already taken');
      throw e;
    }
  });

  app.get('/api/v1/api-keys', { schema: { tags: ['directory'] }, preHandler: admin }, async () =>
    ctx.db.query(`SELECT id, name, prefix, role, department_id AS "departmentId", created_at AS "createdAt", revoked_at AS "revokedAt" FROM api_keys ORDER BY created_at DESC`),
  );
  app.post('/api/v1/api-keys', { schema: { tags: ['directory'], summary: 'Issue an API key; the key is shown once', body: apiKeyBody }, preHandler: admin }, async (req, reply) => {
    if (!(await ctx.directory.fresh()).department(req.body.departmentId)) throw new AppError('DEPARTMENT_NOT_FOUND', 'department not found');
    const created = await auth.createApiKey(req.body, actorOf(req).id);
    await auditRequest(ctx, req, 'apiKey.create', created.id, { name: req.body.name, role: req.body.role });
    return reply.status(201).send(created);
  });
  app.delete('/api/v1/api-keys/:id', { schema: { tags: ['directory'], params: idParams }, preHandler: admin }, async (req) => {
    const rows = await ctx.db.query('UPDATE api_keys SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING id', [req.params.id]);
    if (!rows.length) throw errors.notFound('API key');
    await auditRequest(ctx, req, 'apiKey.revoke', req.params.id);
    return { ok: true };
  });
}
