// Bulk generation of historical work orders directly in SQL, for list and search latency at scale.
//
// A few hundred appeal texts are made in JS from the demo templates (placed on the city's
// streets) and tokenised with the platform's own documentTokens, then stored in a scratch table
// `bench_docs`. Each generated order picks one of them at random and gets, in one INSERT … SELECT
// over generate_series per batch:
//   - created_at spread evenly (with jitter) over `months` months ending a day ago, so the
//     tracking numbers (local date + i mod 100000) never meet today's API-created ones;
//   - a status drawn by age: orders of the last 20 days are mostly open, older ones mostly
//     closed / followed up, with a few cancelled, merged and long-running ones;
//   - channel, urgency, type, category, district and street of its text, a citizen name and phone;
//   - for every order that was dispatched, a lead department — the housing bureau for `housingShare`
//     of them, else a random bureau or street office — and the matching lead row in
//     work_order_assignments (active or done), so department-scoped lists have data;
//   - deadlines, timestamps, satisfaction and deadline_state consistent with its status;
//   - search_vector = array_to_tsvector(text tokens || tracking number), as the API stores it.
// Events and audit rows are not generated: no list or search query reads them.

import type { Db } from '../../server/src/db/db.ts';
import { documentTokens } from '../../server/src/search/tokenize.ts';
import { appealTexts, type City } from './city.ts';
import { runConcurrently } from './concurrency.ts';

export interface GenerateOptions {
  rows: number;
  batch: number;
  /** Batches in flight at once (PostgreSQL: up to the pool size; PGlite has one connection). */
  parallel: number;
  months: number;
  housingShare: number;
  /** Called after each batch with the rows written so far. */
  progress?: (done: number) => void;
}

const DOCS = 400;

async function createDocs(db: Db, city: City): Promise<void> {
  await db.exec(`DROP TABLE IF EXISTS bench_docs;
    CREATE TABLE bench_docs (k int PRIMARY KEY, type text NOT NULL, urgency text NOT NULL, title text NOT NULL, content text NOT NULL,
      category_id uuid, district_id uuid NOT NULL, street_id uuid NOT NULL, address text NOT NULL, tokens text[] NOT NULL)`);
  const texts = appealTexts(city, DOCS, 20261123);
  for (const [k, t] of texts.entries()) {
    await db.query('INSERT INTO bench_docs VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10::text[])', [
      k, t.type, t.urgency, t.title, t.content, city.categoryIds.get(t.category) ?? null, t.district.id, t.street.id, t.address,
      documentTokens(t.title, t.content, t.address),
    ]);
  }
}

// $1..$2 the batch's range of i (1 = newest), $3 the newest instant, $4 milliseconds between
// consecutive orders, $5 the center, $6 the housing bureau, $7 other lead departments,
// $8 the registering agent, $9 the housing bureau's share of dispatched orders.
const BATCH_SQL = `
WITH src AS (
  SELECT i,
         $3::timestamptz - make_interval(secs => (i + random()) * $4::float8 / 1000) AS created_at,
         random() AS r_status, random() AS r_lead, random() AS r_x, random() AS r_y,
         floor(random() * ${DOCS})::int AS k
    FROM generate_series($1::int, $2::int) AS i
), staged AS (
  SELECT s.*, d.type, d.urgency, d.title, d.content, d.category_id, d.district_id, d.street_id, d.address, d.tokens,
         to_char(s.created_at AT TIME ZONE 'Asia/Shanghai', 'YYYYMMDD') || lpad((s.i % 100000)::text, 5, '0') AS tn,
         CASE WHEN s.created_at > $3::timestamptz - interval '20 days' THEN
           CASE WHEN s.r_status < 0.05 THEN 'registered' WHEN s.r_status < 0.20 THEN 'dispatched' WHEN s.r_status < 0.50 THEN 'handling'
                WHEN s.r_status < 0.60 THEN 'reviewing' WHEN s.r_status < 0.70 THEN 'replied' WHEN s.r_status < 0.85 THEN 'closed'
                WHEN s.r_status < 0.94 THEN 'followedUp' WHEN s.r_status < 0.96 THEN 'returned' WHEN s.r_status < 0.99 THEN 'cancelled' ELSE 'merged' END
         ELSE
           CASE WHEN s.r_status < 0.70 THEN 'followedUp' WHEN s.r_status < 0.88 THEN 'closed' WHEN s.r_status < 0.93 THEN 'cancelled'
                WHEN s.r_status < 0.95 THEN 'merged' WHEN s.r_status < 0.98 THEN 'handling' ELSE 'replied' END
         END AS status
    FROM src s JOIN bench_docs d ON d.k = s.k
), led AS (
  SELECT t.*,
         CASE WHEN t.status IN ('registered', 'returned', 'cancelled', 'merged') THEN NULL
              WHEN t.r_lead < $9::float8 THEN $6::uuid
              ELSE ($7::uuid[])[1 + floor((t.r_lead - $9::float8) / (1 - $9::float8) * cardinality($7::uuid[]))::int] END AS lead,
         t.created_at + interval '40 minutes' AS dispatched
    FROM staged t
), ins AS (
  INSERT INTO work_orders (tracking_number, query_code, channel, type, urgency, title, content, category_id, district_id, street_id, address,
      citizen_name, citizen_phone, anonymous, confidential, status, version, holder_department_id, lead_department_id, dispatcher_department_id,
      center_department_id, created_by, created_at, updated_at, dispatched_at, accept_deadline, accepted_at, handle_deadline, handle_warn_at,
      deadline_state, replied_at, reply_content, closed_at, satisfaction, followed_up_at, supervised, return_count, search_vector)
  SELECT l.tn, lpad(floor(l.r_x * 1000000)::int::text, 6, '0'),
         (ARRAY['phone','phone','phone','phone','web','wechat','wechat','app','email','sms'])[1 + floor(l.r_y * 10)::int],
         l.type, l.urgency, l.title, l.content, l.category_id, l.district_id, l.street_id, l.address,
         (ARRAY['王','李','张','刘','陈','杨','黄','赵','吴','周'])[1 + l.i % 10] || (ARRAY['伟','芳','娜','敏','静','丽','强','磊','洋','秀英','建华','志强'])[1 + (l.i / 10) % 12],
         '1' || (ARRAY['38','39','50','58','86','88','77'])[1 + l.i % 7] || lpad(((l.i::bigint * 7919) % 100000000)::text, 8, '0'),
         l.r_x < 0.05, l.type = 'report' AND l.r_y < 0.5, l.status,
         CASE l.status WHEN 'registered' THEN 1 WHEN 'dispatched' THEN 2 WHEN 'handling' THEN 3 WHEN 'reviewing' THEN 4 WHEN 'replied' THEN 5
                       WHEN 'closed' THEN 6 WHEN 'followedUp' THEN 7 WHEN 'returned' THEN 3 ELSE 2 END,
         CASE WHEN l.status IN ('dispatched', 'handling', 'reviewing') THEN l.lead ELSE $5::uuid END,
         l.lead, CASE WHEN l.lead IS NOT NULL THEN $5::uuid END, $5::uuid, $8::uuid, l.created_at,
         least($3::timestamptz, l.created_at + CASE WHEN l.status IN ('closed', 'followedUp', 'cancelled', 'merged') THEN interval '5 days' ELSE interval '2 hours' END),
         CASE WHEN l.lead IS NOT NULL THEN l.dispatched END,
         CASE WHEN l.lead IS NOT NULL THEN l.dispatched + interval '1 day' END,
         CASE WHEN l.lead IS NOT NULL AND l.status <> 'dispatched' THEN l.dispatched + interval '3 hours' END,
         CASE WHEN l.lead IS NOT NULL THEN l.dispatched + interval '15 days' END,
         CASE WHEN l.lead IS NOT NULL THEN l.dispatched + interval '14 days' END,
         CASE WHEN l.status IN ('dispatched', 'handling', 'reviewing') AND l.dispatched + interval '15 days' < $3::timestamptz THEN 'overdue'
              WHEN l.status IN ('dispatched', 'handling', 'reviewing') AND l.dispatched + interval '14 days' < $3::timestamptz THEN 'warning'
              ELSE 'ok' END,
         CASE WHEN l.status IN ('replied', 'closed', 'followedUp') THEN least($3::timestamptz, l.created_at + interval '4 days') END,
         CASE WHEN l.status IN ('replied', 'closed', 'followedUp') THEN '已按诉求办理并答复市民。' END,
         CASE WHEN l.status IN ('closed', 'followedUp') THEN least($3::timestamptz, l.created_at + interval '5 days') END,
         CASE WHEN l.status = 'followedUp' THEN CASE WHEN l.r_y < 0.85 THEN 'satisfied' WHEN l.r_y < 0.95 THEN 'neutral' ELSE 'dissatisfied' END END,
         CASE WHEN l.status = 'followedUp' THEN least($3::timestamptz, l.created_at + interval '6 days') END,
         l.r_y > 0.98, CASE WHEN l.status = 'returned' THEN 1 ELSE 0 END,
         array_to_tsvector(l.tokens || l.tn)
    FROM led l
  RETURNING id, lead_department_id, dispatched_at, status, closed_at, replied_at
)
INSERT INTO work_order_assignments (work_order_id, department_id, role, dispatched_by_department_id, status, created_at, ended_at)
SELECT id, lead_department_id, 'lead', $5::uuid, CASE WHEN replied_at IS NULL THEN 'active' ELSE 'done' END, dispatched_at, replied_at
  FROM ins WHERE lead_department_id IS NOT NULL`;

interface IndexDef {
  name: string;
  sql: string;
}

/** Indexes of `table` that back no constraint (the primary key and UNIQUE stay in place). */
async function secondaryIndexes(db: Db, table: string): Promise<IndexDef[]> {
  return db.query<IndexDef>(
    `SELECT i.relname AS name, pg_get_indexdef(i.oid) AS sql
       FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
      WHERE x.indrelid = $1::regclass AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)`,
    [table],
  );
}

/**
 * Writes `rows` generated orders (and their assignments), then VACUUM ANALYZE.
 *
 * Loading is done the way one restores a dump, to keep the default run within minutes: the
 * secondary indexes of work_orders and work_order_assignments are dropped first and rebuilt
 * from their own definitions (pg_get_indexdef) afterwards, and — when the role may — foreign
 * key triggers are skipped (session_replication_role = replica; every id comes from the
 * directory, so nothing is left unchecked that could be wrong). The rebuilt indexes are the
 * migration's indexes, only more compact than ones grown row by row.
 */
export async function generateOrders(db: Db, city: City, o: GenerateOptions): Promise<{ skippedForeignKeys: boolean; indexSeconds: number }> {
  const dayMs = 86_400_000;
  const newest = new Date(Date.now() - dayMs);
  const spanMs = o.months * 30.4 * dayMs;
  const stepMs = spanMs / o.rows;
  if (o.rows / (o.months * 30.4) >= 90_000) throw new Error('too many rows per day for unique tracking numbers');
  await createDocs(db, city);
  const agent = city.users.get('agent')!.id;
  const [role] = await db.query<{ su: string }>("SELECT current_setting('is_superuser') AS su");
  const skipForeignKeys = role?.su === 'on';
  // The GIN index takes longest to build: start it first, the B-trees follow on the other worker(s).
  const indexes = [...(await secondaryIndexes(db, 'work_orders')), ...(await secondaryIndexes(db, 'work_order_assignments'))].sort(
    (a, b) => Number(/USING gin/i.test(b.sql)) - Number(/USING gin/i.test(a.sql)),
  );
  for (const ix of indexes) await db.exec(`DROP INDEX ${ix.name}`);

  const ranges: [number, number][] = [];
  for (let a = 1; a <= o.rows; a += o.batch) ranges.push([a, Math.min(o.rows, a + o.batch - 1)]);
  let done = 0;
  await runConcurrently(ranges.length, o.parallel, async (i) => {
    const [a, b] = ranges[i]!;
    await db.tx(async (q) => {
      if (skipForeignKeys) await q.query('SET LOCAL session_replication_role = replica');
      await q.query(BATCH_SQL, [a, b, newest, stepMs, city.centerId, city.housingId, city.otherLeads, agent, o.housingShare]);
    });
    done += b - a + 1;
    o.progress?.(done);
  });
  await db.exec('DROP TABLE bench_docs');

  const t0 = performance.now();
  await runConcurrently(indexes.length, o.parallel, (i) =>
    db.tx(async (q) => {
      if (db.kind === 'postgres') await q.query("SET LOCAL maintenance_work_mem = '256MB'");
      await q.query(indexes[i]!.sql);
    }),
  );
  const indexSeconds = (performance.now() - t0) / 1000;
  // What autovacuum would have done by the time a table held a year of orders: statistics for
  // the planner and a visibility map for index-only scans.
  await db.exec('VACUUM ANALYZE work_orders');
  await db.exec('VACUUM ANALYZE work_order_assignments');
  return { skippedForeignKeys: skipForeignKeys, indexSeconds };
}
