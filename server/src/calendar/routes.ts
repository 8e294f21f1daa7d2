import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { deadlineRuleBody, holidayBody } from '@hotline/shared';
import type { Ctx } from '../context.ts';
import { requireRole } from '../http/authHooks.ts';
import { auditRequest } from '../audit/auditRequest.ts';
import { errors } from '../errors.ts';
import { DEFAULT_DEADLINE_RULES } from './deadlines.ts';

export async function calendarRoutes(app0: FastifyInstance, ctx: Ctx) {
  const app = app0.withTypeProvider<ZodTypeProvider>();
  const admin = requireRole('admin');

  app.get('/api/v1/deadline-rules', { schema: { tags: ['deadlines'], summary: 'Time limits per appeal type and urgency' } }, async () => {
    const rows = await ctx.db.query<{ type: string; urgency: string }>(
      `SELECT type, urgency, accept_hours AS "acceptHours", handle_amount AS "handleAmount", handle_unit AS "handleUnit", warn_ratio AS "warnRatio" FROM deadline_rules`,
    );
    const set = new Map(rows.map((r) => [`${r.type}/${r.urgency}`, r]));
    return DEFAULT_DEADLINE_RULES.map((d) => set.get(`${d.type}/${d.urgency}`) ?? d);
  });
  app.put('/api/v1/deadline-rules', { schema: { tags: ['deadlines'], body: z.array(deadlineRuleBody).min(1).max(100) }, preHandler: admin }, async (req) => {
    await ctx.db.tx(async (q) => {
      for (const r of req.body) {
        await q.query(
          `INSERT INTO deadline_rules (type, urgency, accept_hours, handle_amount, handle_unit, warn_ratio) VALUES ($1,$2,$3,$4,$5,$6)
             ON CONFLICT (type, urgency) DO UPDATE SET accept_hours = $3, handle_amount = $4, handle_unit = $5, warn_ratio = $6`,
          [r.type, r.urgency, r.acceptHours, r.handleAmount, r.handleUnit, r.warnRatio],
        );
      }
      await auditRequest(ctx, req, 'deadlineRules.update', null, req.body, q);
    });
    ctx.deadlines.invalidate();
    return { ok: true, updated: req.body.length };
  });

  app.get('/api/v1/holidays', { schema: { tags: ['deadlines'], querystring: z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() }) } }, async (req) =>
    ctx.db.query(
      `SELECT to_char(date, 'YYYY-MM-DD') AS date, kind, name FROM holidays WHERE $1::int IS NULL OR extract(year FROM date) = $1 ORDER BY date`,
      [req.query.year ?? null],
    ),
  );
  app.put('/api/v1/holidays/:date', { schema: { tags: ['deadlines'], params: z.object({ date: z.iso.date() }), body: holidayBody.omit({ date: true }) }, preHandler: admin }, async (req) => {
    await ctx.db.query('INSERT INTO holidays (date, kind, name) VALUES ($1,$2,$3) ON CONFLICT (date) DO UPDATE SET kind = $2, name = $3', [req.params.date, req.body.kind, req.body.name]);
    await auditRequest(ctx, req, 'holiday.set', req.params.date, req.body);
    ctx.deadlines.invalidate();
    return { date: req.params.date, ...req.body };
  });
  app.delete('/api/v1/holidays/:date', { schema: { tags: ['deadlines'], params: z.object({ date: z.iso.date() }) }, preHandler: admin }, async (req) => {
    const rows = await ctx.db.query('DELETE FROM holidays WHERE date = $1 RETURNING date', [req.params.date]);
    if (!rows.length) throw errors.notFound('holiday');
    await auditRequest(ctx, req, 'holiday.delete', req.params.date);
    ctx.deadlines.invalidate();
    return { ok: true };
  });
}
