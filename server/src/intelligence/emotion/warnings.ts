// Warnings for supervisors (intelligence_warnings): raised once per cause, listed within the
// caller's scope, acknowledged with a note.

import type { Queryable } from '../../db/db.ts';
import type { Ctx } from '../../context.ts';
import type { Actor, Scope } from '../../auth/actor.ts';
import { AppError, errors } from '../../errors.ts';
import { scopeCondition } from '../../workorders/repository.ts';

export type WarningKind = 'emotion' | 'emergency' | 'hotspot';

export interface NewWarning {
  kind: WarningKind;
  level: 'medium' | 'high';
  workOrderId: string | null;
  /** One warning per cause: a second raise with the same key merges its details into the first. */
  dedupeKey: string;
  summary: string;
  details: Record<string, unknown>;
  at: Date;
}

/** Inserts a warning; returns true when it is new. */
export async function raiseWarning(q: Queryable, w: NewWarning): Promise<boolean> {
  const rows = await q.query<{ inserted: boolean }>(
    `INSERT INTO intelligence_warnings (kind, level, work_order_id, dedupe_key, summary, details, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (dedupe_key) DO UPDATE SET details = intelligence_warnings.details || EXCLUDED.details
     RETURNING (xmax = 0) AS inserted`,
    [w.kind, w.level, w.workOrderId, w.dedupeKey, w.summary, JSON.stringify(w.details), w.at],
  );
  return rows[0]?.inserted ?? false;
}

export interface WarningFilter {
  status: 'open' | 'acknowledged' | 'all';
  kind?: WarningKind;
  page: number;
  pageSize: number;
}

const SELECT = `SELECT iw.id, iw.kind, iw.level, iw.summary, iw.details, iw.created_at AS "createdAt",
       iw.acknowledged_at AS "acknowledgedAt", iw.acknowledged_by_name AS "acknowledgedByName", iw.acknowledge_note AS "acknowledgeNote",
       w.id AS "workOrderId", w.tracking_number AS "trackingNumber", w.title AS "workOrderTitle", w.status AS "workOrderStatus"
  FROM intelligence_warnings iw LEFT JOIN work_orders w ON w.id = iw.work_order_id`;

type WarningRow = {
  id: string; kind: WarningKind; level: string; summary: string; details: unknown; createdAt: Date;
  acknowledgedAt: Date | null; acknowledgedByName: string | null; acknowledgeNote: string | null;
  workOrderId: string | null; trackingNumber: string | null; workOrderTitle: string | null; workOrderStatus: string | null;
};

/** Outside the city center only warnings about orders the caller can see; hotspots are city-wide. */
function visible(scope: Scope, start: number) {
  if (scope.all) return { sql: 'true', params: [] as unknown[] };
  const c = scopeCondition(scope, start);
  return { sql: `(iw.work_order_id IS NOT NULL AND ${c.sql})`, params: c.params };
}

export async function listWarnings(q: Queryable, scope: Scope, f: WarningFilter) {
  const v = visible(scope, 1);
  const params: unknown[] = [...v.params];
  const where = [v.sql];
  if (f.status === 'open') where.push('iw.acknowledged_at IS NULL');
  if (f.status === 'acknowledged') where.push('iw.acknowledged_at IS NOT NULL');
  if (f.kind) {
    params.push(f.kind);
    where.push(`iw.kind = $${params.length}`);
  }
  const whereSql = where.join(' AND ');
  const rows = await q.query<WarningRow>(
    `${SELECT} WHERE ${whereSql} ORDER BY iw.created_at DESC, iw.id DESC LIMIT ${f.pageSize} OFFSET ${(f.page - 1) * f.pageSize}`,
    params,
  );
  const [c] = await q.query<{ n: number; open: number }>(
    `SELECT count(*)::int AS n, count(*) FILTER (WHERE iw.acknowledged_at IS NULL)::int AS open FROM intelligence_warnings iw LEFT JOIN work_orders w ON w.id = iw.work_order_id WHERE ${whereSql}`,
    params,
  );
  return { items: rows.map(present), total: c?.n ?? 0, open: c?.open ?? 0, page: f.page, pageSize: f.pageSize };
}

function present(r: WarningRow) {
  return {
    id: r.id,
    kind: r.kind,
    level: r.level,
    summary: r.summary,
    details: r.details,
    createdAt: new Date(r.createdAt).toISOString(),
    acknowledgedAt: r.acknowledgedAt ? new Date(r.acknowledgedAt).toISOString() : null,
    acknowledgedByName: r.acknowledgedByName,
    acknowledgeNote: r.acknowledgeNote,
    workOrder: r.workOrderId ? { id: r.workOrderId, trackingNumber: r.trackingNumber, title: r.workOrderTitle, status: r.workOrderStatus } : null,
  };
}

export async function acknowledgeWarning(ctx: Ctx, actor: Actor, id: string, note: string | undefined, ip?: string) {
  return ctx.db.tx(async (q) => {
    const v = visible(actor.scope, 2);
    const [row] = await q.query<{ acknowledged_at: Date | null }>(
      `SELECT iw.acknowledged_at FROM intelligence_warnings iw LEFT JOIN work_orders w ON w.id = iw.work_order_id WHERE iw.id = $1 AND ${v.sql} FOR UPDATE OF iw`,
      [id, ...v.params],
    );
    if (!row) throw new AppError('WARNING_NOT_FOUND', 'warning not found', { id });
    if (row.acknowledged_at) throw errors.conflict('the warning has already been acknowledged', { acknowledgedAt: new Date(row.acknowledged_at).toISOString() });
    const now = ctx.clock.now();
    await q.query(
      'UPDATE intelligence_warnings SET acknowledged_at = $2, acknowledged_by = $3, acknowledged_by_name = $4, acknowledge_note = $5 WHERE id = $1',
      [id, now, actor.kind === 'user' ? actor.id : null, actor.displayName, note ?? null],
    );
    await ctx.audit.append(q, { actorId: actor.id, actorName: actor.username, action: 'intelligence.warning.acknowledge', entity: 'intelligenceWarning', entityId: id, detail: { note: note ?? null }, ip });
    const [updated] = await q.query<WarningRow>(`${SELECT} WHERE iw.id = $1`, [id]);
    return present(updated!);
  });
}
