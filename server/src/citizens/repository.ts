import type { Queryable } from '../db/db.ts';
import type { Identity } from './identity.ts';

export interface CitizenRow {
  id: string;
  name: string;
  mergedInto: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface IdentityRow extends Identity {
  id: string;
  citizenId: string;
  createdAt: Date;
}

const CITIZEN = `id, name, merged_into AS "mergedInto", created_at AS "createdAt", updated_at AS "updatedAt"`;
const IDENTITY = `id, citizen_id AS "citizenId", kind, value, created_at AS "createdAt"`;

/** The citizen, following merges to the surviving record. */
export async function findCitizen(q: Queryable, id: string): Promise<CitizenRow | undefined> {
  let cur = id;
  for (let hops = 0; hops < 20; hops++) {
    const [row] = await q.query<CitizenRow>(`SELECT ${CITIZEN} FROM citizens WHERE id = $1`, [cur]);
    if (!row || !row.mergedInto) return row;
    cur = row.mergedInto;
  }
  return undefined;
}

export async function lockCitizen(q: Queryable, id: string): Promise<CitizenRow | undefined> {
  const [row] = await q.query<CitizenRow>(`SELECT ${CITIZEN} FROM citizens WHERE id = $1 FOR UPDATE`, [id]);
  return row;
}

export async function findIdentity(q: Queryable, i: Identity): Promise<IdentityRow | undefined> {
  const [row] = await q.query<IdentityRow>(`SELECT ${IDENTITY} FROM citizen_identities WHERE kind = $1 AND value = $2`, [i.kind, i.value]);
  return row;
}

export async function identitiesOf(q: Queryable, citizenId: string): Promise<IdentityRow[]> {
  return q.query<IdentityRow>(`SELECT ${IDENTITY} FROM citizen_identities WHERE citizen_id = $1 ORDER BY created_at, kind, value`, [citizenId]);
}

export async function insertCitizen(q: Queryable, name: string, now: Date): Promise<string> {
  const [row] = await q.query<{ id: string }>('INSERT INTO citizens (name, created_at, updated_at) VALUES ($1, $2, $2) RETURNING id', [name, now]);
  return row!.id;
}

/** Adds the identity to the citizen unless some citizen has it already; returns whether it was added. */
export async function insertIdentity(q: Queryable, citizenId: string, i: Identity, now: Date): Promise<boolean> {
  const rows = await q.query(
    'INSERT INTO citizen_identities (citizen_id, kind, value, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (kind, value) DO NOTHING RETURNING id',
    [citizenId, i.kind, i.value, now],
  );
  return rows.length === 1;
}

export async function setName(q: Queryable, citizenId: string, name: string, now: Date): Promise<void> {
  await q.query('UPDATE citizens SET name = $2, updated_at = $3 WHERE id = $1', [citizenId, name, now]);
}

/** Moves everything of `fromId` to `intoId` and marks `fromId` merged. Returns what moved. */
export async function mergeInto(q: Queryable, intoId: string, fromId: string, now: Date) {
  const identities = await q.query('UPDATE citizen_identities SET citizen_id = $1 WHERE citizen_id = $2 RETURNING id', [intoId, fromId]);
  const conversations = await q.query('UPDATE conversations SET citizen_id = $1 WHERE citizen_id = $2 RETURNING id', [intoId, fromId]);
  // Orders both were linked to stay once, under the survivor.
  const orders = await q.query(
    `INSERT INTO citizen_work_orders (citizen_id, work_order_id, source, created_at)
       SELECT $1, work_order_id, source, created_at FROM citizen_work_orders WHERE citizen_id = $2
     ON CONFLICT DO NOTHING RETURNING work_order_id`,
    [intoId, fromId],
  );
  await q.query('DELETE FROM citizen_work_orders WHERE citizen_id = $1', [fromId]);
  await q.query(
    `UPDATE citizens SET name = CASE WHEN name = '' THEN (SELECT name FROM citizens WHERE id = $2) ELSE name END, updated_at = $3 WHERE id = $1`,
    [intoId, fromId, now],
  );
  await q.query('UPDATE citizens SET merged_into = $1, updated_at = $3 WHERE id = $2', [intoId, fromId, now]);
  // Earlier merges into the absorbed record now point at the survivor directly.
  await q.query('UPDATE citizens SET merged_into = $1 WHERE merged_into = $2', [intoId, fromId]);
  return { identities: identities.length, conversations: conversations.length, workOrders: orders.length };
}

export async function linkWorkOrder(q: Queryable, citizenId: string, workOrderId: string, source: 'conversation' | 'bound', now: Date): Promise<void> {
  await q.query(
    'INSERT INTO citizen_work_orders (citizen_id, work_order_id, source, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING',
    [citizenId, workOrderId, source, now],
  );
}

export interface CitizenOrderRow {
  id: string;
  trackingNumber: string;
  title: string;
  status: string;
  channel: string;
  type: string;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * A citizen's orders: linked to them (from their conversations or bound by them), or registered
 * with one of their phone numbers or e-mail addresses. `extraSql` narrows (e.g. the caller's scope).
 */
export async function ordersOf(
  q: Queryable,
  citizenId: string,
  opts: { limit: number; extraSql?: (next: number) => { sql: string; params: unknown[] } },
): Promise<CitizenOrderRow[]> {
  const ids = await identitiesOf(q, citizenId);
  const phones = ids.filter((i) => i.kind === 'phone').flatMap((i) => [i.value, `+86${i.value}`]);
  const emails = ids.filter((i) => i.kind === 'email').map((i) => i.value);
  const params: unknown[] = [citizenId, phones, emails, opts.limit];
  const extra = opts.extraSql?.(params.length + 1);
  if (extra) params.push(...extra.params);
  return q.query<CitizenOrderRow>(
    `SELECT w.id, w.tracking_number AS "trackingNumber", w.title, w.status, w.channel, w.type, w.created_at AS "createdAt", w.updated_at AS "updatedAt"
       FROM work_orders w
      WHERE w.id IN (
              SELECT work_order_id FROM citizen_work_orders WHERE citizen_id = $1
              UNION SELECT cw.work_order_id FROM conversation_work_orders cw JOIN conversations c ON c.id = cw.conversation_id WHERE c.citizen_id = $1
              UNION SELECT id FROM work_orders WHERE citizen_phone = ANY($2::text[])
              UNION SELECT id FROM work_orders WHERE lower(citizen_email) = ANY($3::text[]) AND citizen_email IS NOT NULL)
        ${extra ? `AND ${extra.sql}` : ''}
      ORDER BY w.created_at DESC, w.id
      LIMIT $4`,
    params,
  );
}
