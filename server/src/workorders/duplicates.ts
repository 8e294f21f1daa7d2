import type { Queryable } from '../db/db.ts';
import type { Scope } from '../auth/actor.ts';
import { scopeCondition } from './repository.ts';

/**
 * Orders that are probably the same appeal: within 30 days either way, not closed out, and the
 * same caller or a large share of the same search tokens in the same district. Scored so the
 * dispatcher sees the likeliest first; the intelligence module refines this later.
 */
export async function findDuplicates(q: Queryable, id: string, scope: Scope) {
  const cond = scopeCondition(scope, 2);
  return q.query(
    `WITH me AS (SELECT * FROM work_orders WHERE id = $1)
     SELECT w.id, w.tracking_number AS "trackingNumber", w.title, w.created_at AS "createdAt", w.status,
            round(((CASE WHEN w.citizen_phone = me.citizen_phone AND me.citizen_phone <> '' THEN 0.5 ELSE 0 END)
             + (CASE WHEN w.category_id = me.category_id THEN 0.1 ELSE 0 END)
             + 0.4 * (SELECT count(*) FROM unnest(tsvector_to_array(w.search_vector)) t(x) WHERE x = ANY(tsvector_to_array(me.search_vector)))::numeric
                   / greatest(1, array_length(tsvector_to_array(me.search_vector), 1)))::numeric, 2)::float AS score
       FROM work_orders w, me
      WHERE w.id <> me.id AND w.status NOT IN ('cancelled', 'merged')
        AND w.created_at BETWEEN me.created_at - interval '30 days' AND me.created_at + interval '30 days'
        AND ((w.citizen_phone = me.citizen_phone AND me.citizen_phone <> '') OR (w.district_id IS NOT DISTINCT FROM me.district_id AND w.search_vector @@ to_tsquery('simple', (
              SELECT string_agg(quote_literal(x), ' | ') FROM (SELECT x FROM unnest(tsvector_to_array(me.search_vector)) x LIMIT 60) s))))
        AND ${cond.sql}
      ORDER BY score DESC, w.created_at DESC
      LIMIT 10`,
    [id, ...cond.params],
  ).then((rows) => rows.filter((r) => (r as { score: number }).score >= 0.3));
}
