// Merge candidates for one work order: the same issue at the same place within a window. The
// candidates come from the work-order module's own duplicate query (same caller, shared search
// tokens in the same district) and from a wider text query; each is then scored by the Jaccard
// similarity of character bigrams, place agreement and the caller, and a merge is proposed
// (the newer order into the older one) where the lifecycle allows it.

import type { Ctx } from '../../context.ts';
import type { Actor } from '../../auth/actor.ts';
import { errors } from '../../errors.ts';
import { findDuplicates } from '../../workorders/duplicates.ts';
import { isVisible, scopeCondition } from '../../workorders/repository.ts';
import { FINAL_STATUSES } from '../../workorders/stateMachine.ts';
import { jaccard, placesCompatible, shingles } from './nearDuplicates.ts';
import { hanBigrams } from './text.ts';

interface Row {
  id: string;
  trackingNumber: string;
  title: string;
  content: string;
  status: string;
  createdAt: Date;
  districtId: string | null;
  streetId: string | null;
  citizenPhone: string;
}

const COLUMNS = `w.id, w.tracking_number AS "trackingNumber", w.title, left(w.content, 3000) AS content, w.status, w.created_at AS "createdAt",
  w.district_id AS "districtId", w.street_id AS "streetId", w.citizen_phone AS "citizenPhone"`;
/** Statuses an order may be merged away from (the merge step's own rule). */
const MERGEABLE_SOURCE = ['registered', 'returned'];

export async function orderDuplicates(ctx: Ctx, actor: Actor, id: string, windowDays: number) {
  if (!(await isVisible(ctx.db, id, actor.scope))) throw errors.workOrderNotFound();
  const [me] = await ctx.db.query<Row>(`SELECT ${COLUMNS} FROM work_orders w WHERE w.id = $1`, [id]);
  if (!me) throw errors.workOrderNotFound();
  const dir = await ctx.directory.fresh();
  const known = (await findDuplicates(ctx.db, id, actor.scope)).map((r) => (r as { id: string }).id);
  // Title bigrams are the most specific words an agent wrote; any of them can find a candidate.
  const terms = [...new Set(hanBigrams(me.title))].slice(0, 30);
  const cond = scopeCondition(actor.scope, 5);
  const text = terms.length
    ? await ctx.db.query<Row>(
        `SELECT ${COLUMNS} FROM work_orders w
          WHERE w.id <> $1 AND w.status NOT IN ('cancelled', 'merged')
            AND w.created_at BETWEEN $2::timestamptz - make_interval(days => $3) AND $2::timestamptz + make_interval(days => $3)
            AND w.search_vector @@ to_tsquery('simple', $4) AND ${cond.sql}
          ORDER BY abs(extract(epoch FROM w.created_at - $2::timestamptz)) LIMIT 300`,
        [id, me.createdAt, windowDays, terms.map((t) => `'${t}'`).join(' | '), ...cond.params],
      )
    : [];
  const missing = known.filter((k) => !text.some((r) => r.id === k));
  const extra = missing.length ? await ctx.db.query<Row>(`SELECT ${COLUMNS} FROM work_orders w WHERE w.id = ANY($1::uuid[])`, [missing]) : [];
  const mine = shingles(me.title, me.content);
  const district = (r: Row) => dir.region(r.districtId)?.name ?? null;
  const candidates = [...text, ...extra]
    .map((r) => {
      const sim = jaccard(mine, shingles(r.title, r.content));
      const samePhone = r.citizenPhone === me.citizenPhone;
      const sameStreet = Boolean(me.streetId && r.streetId === me.streetId);
      const placeOk = placesCompatible(
        { id: me.id, at: 0, title: me.title, body: me.content, district: district(me) },
        { id: r.id, at: 0, title: r.title, body: r.content, district: district(r) },
      );
      const duplicate = (placeOk && sim >= 0.5) || (samePhone && sim >= 0.3);
      const score = Math.round((sim + (samePhone ? 0.2 : 0) + (sameStreet ? 0.1 : 0)) * 100) / 100;
      return { r, sim, samePhone, sameStreet, placeOk, duplicate, score };
    })
    .filter((c) => c.duplicate)
    .sort((a, b) => b.score - a.score)
    .slice(0, 10);
  return {
    workOrder: { id: me.id, trackingNumber: me.trackingNumber, status: me.status },
    windowDays,
    candidates: candidates.map((c) => {
      // The newer order is merged into the older one, when the newer is still waiting at a center.
      const [newer, older] = new Date(c.r.createdAt) > new Date(me.createdAt) ? [c.r, me] : [me, c.r];
      const canMerge = MERGEABLE_SOURCE.includes(newer.status) && !FINAL_STATUSES.includes(older.status as never);
      return {
        id: c.r.id,
        trackingNumber: c.r.trackingNumber,
        title: c.r.title,
        status: c.r.status,
        createdAt: new Date(c.r.createdAt).toISOString(),
        score: c.score,
        textSimilarity: Math.round(c.sim * 100) / 100,
        samePhone: c.samePhone,
        sameStreet: c.sameStreet,
        hoursApart: Math.round(Math.abs(new Date(c.r.createdAt).getTime() - new Date(me.createdAt).getTime()) / 36_000) / 100,
        proposal: canMerge ? { action: 'merge' as const, sourceId: newer.id, targetId: older.id } : null,
      };
    }),
  };
}
