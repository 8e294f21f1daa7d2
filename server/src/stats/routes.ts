import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../context.ts';
import { actorOf, requireRole } from '../http/authHooks.ts';
import { scopeCondition } from '../workorders/repository.ts';
import { WorkCalendar } from '../calendar/workCalendar.ts';

export async function statsRoutes(app: FastifyInstance, ctx: Ctx) {
  app.get(
    '/api/v1/stats/overview',
    { schema: { tags: ['stats'], summary: 'Counts for dashboards, within the caller’s scope' }, preHandler: requireRole('leader', 'supervisor', 'admin', 'dispatcher', 'dept_leader', 'auditor') },
    async (req) => {
      const scope = scopeCondition(actorOf(req).scope, 1);
      const now = ctx.clock.now();
      const since = new Date(now.getTime() - 30 * 86_400_000);
      const todayStart = new Date(`${WorkCalendar.localDate(now)}T00:00:00+08:00`);
      const q = <T>(sql: string, extra: unknown[] = []) => ctx.db.query<T>(sql, [...scope.params, ...extra]);
      const n = scope.params.length;
      const [byStatus, byType, byDistrict, perDay, flags] = await Promise.all([
        q<{ k: string; n: number }>(`SELECT status AS k, count(*)::int AS n FROM work_orders w WHERE ${scope.sql} GROUP BY 1`),
        q<{ k: string; n: number }>(`SELECT type AS k, count(*)::int AS n FROM work_orders w WHERE ${scope.sql} GROUP BY 1`),
        q<{ name: string; count: number }>(
          `SELECT coalesce(r.name, '未知') AS name, count(*)::int AS count FROM work_orders w LEFT JOIN regions r ON r.id = w.district_id WHERE ${scope.sql} GROUP BY 1 ORDER BY 2 DESC`,
        ),
        q<{ date: string; count: number }>(
          `SELECT to_char(w.created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS date, count(*)::int AS count FROM work_orders w
            WHERE ${scope.sql} AND w.created_at >= $${n + 1} GROUP BY 1 ORDER BY 1`,
          [since],
        ),
        q<{ overdue: number; warning: number; today: number; satisfied: number; rated: number }>(
          `SELECT count(*) FILTER (WHERE deadline_state = 'overdue' AND status IN ('dispatched','handling','reviewing'))::int AS overdue,
                  count(*) FILTER (WHERE deadline_state = 'warning' AND status IN ('dispatched','handling','reviewing'))::int AS warning,
                  count(*) FILTER (WHERE created_at >= $${n + 1})::int AS today,
                  count(*) FILTER (WHERE satisfaction IN ('satisfied','neutral'))::int AS satisfied,
                  count(*) FILTER (WHERE satisfaction IS NOT NULL)::int AS rated
             FROM work_orders w WHERE ${scope.sql}`,
          [todayStart],
        ),
      ]);
      const f = flags[0]!;
      return {
        byStatus: Object.fromEntries(byStatus.map((r) => [r.k, r.n])),
        byType: Object.fromEntries(byType.map((r) => [r.k, r.n])),
        byDistrict,
        perDay,
        overdue: f.overdue,
        warning: f.warning,
        todayNew: f.today,
        satisfactionRate: f.rated ? f.satisfied / f.rated : null,
      };
    },
  );
}
