import type { Queryable } from '../db/db.ts';
import type { Scope } from '../auth/actor.ts';
import { SUMMARY_FIELDS, WORK_ORDER_FIELDS, selectList, toSnake } from './columns.ts';
import type { AssignmentRow, EventRow, WorkOrderRow } from './types.ts';
import type { z } from 'zod';
import type { listWorkOrdersQuery } from '@hotline/shared';

export type ListFilter = z.output<typeof listWorkOrdersQuery> & { tsquery?: string | null };
export type SummaryRow = Pick<WorkOrderRow, (typeof SUMMARY_FIELDS)[number]>;

// Exact counts cost more than the page: beyond this the UI shows "1000+".
const COUNT_CAP = 1_000;

export async function lockById(q: Queryable, id: string): Promise<WorkOrderRow | undefined> {
  const [row] = await q.query<WorkOrderRow>(`SELECT ${selectList(WORK_ORDER_FIELDS)} FROM work_orders w WHERE w.id = $1 FOR UPDATE`, [id]);
  return row;
}

export async function findById(q: Queryable, id: string): Promise<WorkOrderRow | undefined> {
  const [row] = await q.query<WorkOrderRow>(`SELECT ${selectList(WORK_ORDER_FIELDS)} FROM work_orders w WHERE w.id = $1`, [id]);
  return row;
}

export async function findByTrackingNumber(q: Queryable, n: string): Promise<WorkOrderRow | undefined> {
  const [row] = await q.query<WorkOrderRow>(`SELECT ${selectList(WORK_ORDER_FIELDS)} FROM work_orders w WHERE w.tracking_number = $1`, [n]);
  return row;
}

export async function insert(q: Queryable, row: Partial<WorkOrderRow>, tokens: string[]): Promise<void> {
  const entries = Object.entries(row).filter(([, v]) => v !== undefined);
  const cols = entries.map(([k]) => toSnake(k));
  const values = entries.map(([k, v]) => (k === 'extensionRequest' && v ? JSON.stringify(v) : v));
  const params = values.map((_, i) => `$${i + 1}`);
  await q.query(
    `INSERT INTO work_orders (${cols.join(', ')}, search_vector) VALUES (${params.join(', ')}, array_to_tsvector($${values.length + 1}::text[]))`,
    [...values, tokens],
  );
}

/** Applies a patch and bumps the version; the caller holds the row lock. */
export async function update(q: Queryable, id: string, patch: Partial<WorkOrderRow>): Promise<void> {
  const entries = Object.entries(patch).filter(([k, v]) => v !== undefined && k !== 'id' && k !== 'version');
  const sets = entries.map(([k], i) => `${toSnake(k)} = $${i + 2}`);
  const values = entries.map(([k, v]) => (k === 'extensionRequest' && v ? JSON.stringify(v) : v));
  await q.query(`UPDATE work_orders SET ${[...sets, 'version = version + 1'].join(', ')} WHERE id = $1`, [id, ...values]);
}

export async function insertEvent(q: Queryable, workOrderId: string, e: Omit<EventRow, 'id'>): Promise<void> {
  await q.query(
    `INSERT INTO work_order_events (work_order_id, at, actor_id, actor_name, actor_role, actor_department_id, action, from_status, to_status, note, data)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)`,
    [workOrderId, e.at, e.actorId, e.actorName, e.actorRole, e.actorDepartmentId, e.action, e.fromStatus, e.toStatus, e.note, e.data == null ? null : JSON.stringify(e.data)],
  );
}

export async function events(q: Queryable, workOrderId: string): Promise<EventRow[]> {
  return q.query<EventRow>(
    `SELECT id, at, actor_id AS "actorId", actor_name AS "actorName", actor_role AS "actorRole", actor_department_id AS "actorDepartmentId",
            action, from_status AS "fromStatus", to_status AS "toStatus", note, data
       FROM work_order_events WHERE work_order_id = $1 ORDER BY id`,
    [workOrderId],
  );
}

export async function assignments(q: Queryable, workOrderId: string): Promise<AssignmentRow[]> {
  return q.query<AssignmentRow>(
    `SELECT id, department_id AS "departmentId", role, dispatched_by_department_id AS "dispatchedByDepartmentId", status,
            created_at AS "createdAt", ended_at AS "endedAt"
       FROM work_order_assignments WHERE work_order_id = $1 ORDER BY created_at, role`,
    [workOrderId],
  );
}

export async function addAssignment(
  q: Queryable,
  workOrderId: string,
  a: { departmentId: string; role: 'lead' | 'assisting'; dispatchedBy: string; at: Date },
): Promise<void> {
  await q.query(
    `INSERT INTO work_order_assignments (work_order_id, department_id, role, dispatched_by_department_id, status, created_at)
     VALUES ($1,$2,$3,$4,'active',$5)`,
    [workOrderId, a.departmentId, a.role, a.dispatchedBy, a.at],
  );
}

/** Ends the active assignments of an order (all, or only the lead's). */
export async function endAssignments(q: Queryable, workOrderId: string, status: AssignmentRow['status'], at: Date, onlyLead = false): Promise<void> {
  await q.query(
    `UPDATE work_order_assignments SET status = $2, ended_at = $3 WHERE work_order_id = $1 AND status = 'active'${onlyLead ? " AND role = 'lead'" : ''}`,
    [workOrderId, status, at],
  );
}

/**
 * SQL condition (and its params, numbered from `start`) restricting rows to a caller's scope.
 * Only branches that can match are emitted: an OR with an EXISTS that cannot match still makes
 * PostgreSQL hash every assignment of the department on each request.
 */
export function scopeCondition(scope: Scope, start: number): { sql: string; params: unknown[] } {
  if (scope.all) return { sql: 'true', params: [] };
  const parts: string[] = [];
  const params: unknown[] = [];
  const param = (v: unknown) => {
    params.push(v);
    return `$${start + params.length - 1}`;
  };
  if (scope.regionIds.length) parts.push(`w.district_id = ANY(${param(scope.regionIds)}::uuid[])`);
  if (scope.centerIds.length) parts.push(`w.center_department_id = ANY(${param(scope.centerIds)}::uuid[])`);
  if (scope.departmentIds.length) {
    parts.push(`EXISTS (SELECT 1 FROM work_order_assignments a WHERE a.work_order_id = w.id AND a.department_id = ANY(${param(scope.departmentIds)}::uuid[]))`);
  }
  return { sql: parts.length ? `(${parts.join(' OR ')})` : 'false', params };
}

export async function isVisible(q: Queryable, id: string, scope: Scope): Promise<boolean> {
  if (scope.all) return true;
  const cond = scopeCondition(scope, 2);
  const rows = await q.query(`SELECT 1 FROM work_orders w WHERE w.id = $1 AND ${cond.sql}`, [id, ...cond.params]);
  return rows.length > 0;
}

export async function list(q: Queryable, scope: Scope, f: ListFilter): Promise<{ items: SummaryRow[]; total: number; totalCapped: boolean }> {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: (n: number) => string, value: unknown) => {
    params.push(value);
    where.push(sql(params.length));
  };
  const scoped = scopeCondition(scope, 1);
  params.push(...scoped.params);
  where.push(scoped.sql);
  if (f.status?.length) add((n) => `w.status = ANY($${n}::text[])`, f.status);
  if (f.departmentId) add((n) => `(w.lead_department_id = $${n} OR w.holder_department_id = $${n})`, f.departmentId);
  if (f.districtId) add((n) => `w.district_id = $${n}`, f.districtId);
  if (f.categoryId) add((n) => `w.category_id IN (SELECT id FROM categories WHERE id = $${n} OR parent_id = $${n} OR parent_id IN (SELECT id FROM categories WHERE parent_id = $${n}))`, f.categoryId);
  if (f.type) add((n) => `w.type = $${n}`, f.type);
  if (f.channel) add((n) => `w.channel = $${n}`, f.channel);
  if (f.urgency) add((n) => `w.urgency = $${n}`, f.urgency);
  if (f.deadlineState) add((n) => `w.deadline_state = $${n}`, f.deadlineState);
  if (f.supervised !== undefined) add((n) => `w.supervised = $${n}`, f.supervised);
  if (f.phone) add((n) => `w.citizen_phone = $${n}`, f.phone);
  if (f.from) add((n) => `w.created_at >= $${n}`, dateBound(f.from, false));
  if (f.to) add((n) => `w.created_at < $${n}`, dateBound(f.to, true));
  if (f.q && /^\d{13}$/.test(f.q)) add((n) => `w.tracking_number = $${n}`, f.q);
  else if (f.tsquery) add((n) => `w.search_vector @@ $${n}::tsquery`, f.tsquery);
  const whereSql = where.join(' AND ');
  const offset = (f.page - 1) * f.pageSize;
  // One row past the page tells whether more exist without counting them.
  const rows = await q.query<SummaryRow>(
    `SELECT ${selectList(SUMMARY_FIELDS)} FROM work_orders w WHERE ${whereSql}
      ORDER BY w.created_at DESC, w.id DESC LIMIT ${f.pageSize + 1} OFFSET ${offset}`,
    params,
  );
  const items = rows.slice(0, f.pageSize);
  const more = rows.length > f.pageSize;
  if (f.tsquery) {
    // A full-text count has to build the whole GIN bitmap (tens of ms for a common word in a
    // million orders) before it returns anything; searches report "at least" instead.
    return { items, total: offset + items.length + (more ? 1 : 0), totalCapped: more };
  }
  if (!more) return { items, total: offset + items.length, totalCapped: false };
  const [c] = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM (SELECT 1 FROM work_orders w WHERE ${whereSql} LIMIT ${COUNT_CAP + 1}) t`, params);
  const n = c?.n ?? 0;
  return { items, total: Math.min(n, COUNT_CAP), totalCapped: n > COUNT_CAP };
}

/** A date (YYYY-MM-DD, Asia/Shanghai) or an instant; `to` dates are inclusive of the whole day. */
function dateBound(v: string, end: boolean): Date {
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) {
    const d = new Date(`${v}T00:00:00+08:00`);
    return end ? new Date(d.getTime() + 86_400_000) : d;
  }
  return new Date(v);
}
