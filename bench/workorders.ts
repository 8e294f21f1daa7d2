// Work-order throughput and list/search latency, over real loopback HTTP against the real server.
//
//   npx tsx bench/workorders.ts [--orders N] [--concurrency C] [--rows M] [--requests R] [--list-seconds S] [--pool P] [--quick] [--explain]
//   BENCH_DATABASE_URL=postgres://… npx tsx bench/workorders.ts      (a fresh schema, dropped at the end)
//
// 1. Throughput: N orders registered (POST /api/v1/work-orders, as `agent`) and each then dispatched
//    to the housing bureau (POST …/actions/dispatch, as `dispatcher`) by C concurrent clients;
//    orders/s counts create+dispatch pairs. The baseline is the same row writes as plain SQL over
//    the same Db at the same concurrency (see lib/raw.ts for exactly what it does);
//    ratio = API rate / raw rate. Goal: ratio ≥ 0.5 on PostgreSQL.
// 2. Latency at scale: M historical orders generated in SQL (lib/generate.ts), then ~200 sequential
//    GET /api/v1/work-orders per query shape as the dispatcher (whole city) and as the housing
//    bureau's handler (scoped through assignments), fewer if a shape exceeds its time budget
//    (--list-seconds, default 30). Goal: p99 < 50 ms with 1,000,000 orders.
//    Query shapes over the goal get their EXPLAIN ANALYZE printed (all of them with --explain).
//
// --quick: 300 orders, 20,000 rows (a smoke run). --rows 0 skips the generation. On PostgreSQL the
// pool connections are also sampled in pg_stat_activity during the throughput runs, to show what
// they wait for.
//
// Server, client and benchmark share one Node process (and, on PostgreSQL, the machine with the
// database), as a single-node installation would. The last line printed is one JSON object.

import { availableParallelism, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import type { AddressInfo } from 'node:net';
import type { CreateWorkOrderBody } from '@hotline/shared';
import { loadEnv } from '../server/src/env.ts';
import { createPlatform, type Platform } from '../server/src/bootstrap.ts';
import { seedDemo } from '../server/src/demo/seed.ts';
import { DEMO_PASSWORD } from '../server/src/demo/directory.ts';
import { openBenchDatabase, type BenchDatabase } from './lib/database.ts';
import { ApiClient, qs } from './lib/http.ts';
import { runConcurrently } from './lib/concurrency.ts';
import { createBodies, HOUSING_BUREAU, loadCity, type City } from './lib/city.ts';
import { rawCreateAndDispatch } from './lib/raw.ts';
import { generateOrders } from './lib/generate.ts';
import { explainList } from './lib/explain.ts';
import { sampleWaits } from './lib/waits.ts';
import { describe, fmtInt, fmtMs, round, summarize, type LatencySummary } from './lib/stats.ts';

const GOAL_RATIO = 0.5;
const GOAL_P99_MS = 50;
const WARMUP_ORDERS = 50;
const WARMUP_REQUESTS = 10;

const { values: args } = parseArgs({
  options: {
    orders: { type: 'string' },
    concurrency: { type: 'string' },
    rows: { type: 'string' },
    requests: { type: 'string' },
    pool: { type: 'string' },
    quick: { type: 'boolean', default: false },
    explain: { type: 'boolean', default: false },
    'list-seconds': { type: 'string' },
    'timeout-minutes': { type: 'string' },
  },
});

function intArg(v: string | undefined, fallback: number, name: string): number {
  if (v === undefined) return fallback;
  const n = Number(v.replaceAll('_', '').replaceAll(',', ''));
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a non-negative integer, got ${v}`);
  return n;
}

const usePostgres = Boolean(process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL);
const orders = intArg(args.orders, args.quick ? 300 : 2000, 'orders');
const concurrency = Math.max(1, intArg(args.concurrency, 16, 'concurrency'));
const rows = intArg(args.rows, args.quick ? 20_000 : usePostgres ? 1_000_000 : 100_000, 'rows');
const requests = Math.max(1, intArg(args.requests, 200, 'requests'));
// The server's own default pool (openDatabase → openPostgres(url) uses 10 connections).
const poolSize = Math.max(1, intArg(args.pool, 10, 'pool'));
// A slow query shape (seconds per request) would otherwise stretch the run far beyond ten minutes.
const listSeconds = Math.max(1, intArg(args['list-seconds'], 30, 'list-seconds'));
const timeoutMinutes = intArg(args['timeout-minutes'], 30, 'timeout-minutes');

const log = (s = '') => console.log(s);

// ---------------------------------------------------------------------------------------------
// Throughput

interface Throughput {
  ordersPerSecond: number;
  seconds: number;
  /** This process's CPU time (server, client and driver together) over the wall time, 1 = one core. */
  cpu: number;
  create?: LatencySummary;
  dispatch?: LatencySummary;
}

async function apiThroughput(agent: ApiClient, dispatcher: ApiClient, housingId: string, bodies: readonly CreateWorkOrderBody[]): Promise<Throughput> {
  const createMs: number[] = [];
  const dispatchMs: number[] = [];
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await runConcurrently(bodies.length, concurrency, async (i) => {
    const created = await agent.post<{ id: string }>('/api/v1/work-orders', bodies[i]);
    const dispatched = await dispatcher.post(`/api/v1/work-orders/${created.body.id}/actions/dispatch`, { leadDepartmentId: housingId });
    createMs.push(created.ms);
    dispatchMs.push(dispatched.ms);
  });
  const seconds = (performance.now() - t0) / 1000;
  return { ordersPerSecond: bodies.length / seconds, seconds, cpu: cpuShare(c0, seconds), create: summarize(createMs), dispatch: summarize(dispatchMs) };
}

async function rawThroughput(platform: Platform, city: City, bodies: readonly CreateWorkOrderBody[]): Promise<Throughput> {
  const agent = city.users.get('agent')!;
  const dispatcher = city.users.get('dispatcher')!;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await runConcurrently(bodies.length, concurrency, (i) => rawCreateAndDispatch(platform.ctx.db, city, agent, dispatcher, bodies[i]!));
  const seconds = (performance.now() - t0) / 1000;
  return { ordersPerSecond: bodies.length / seconds, seconds, cpu: cpuShare(c0, seconds) };
}

function describeActivity(shares: [string, number][]): string {
  return shares
    .slice(0, 5)
    .map(([what, share]) => `${what} ${(share * 100).toFixed(0)}%`)
    .join(', ');
}

function cpuShare(since: NodeJS.CpuUsage, seconds: number): number {
  const c = process.cpuUsage(since);
  return (c.user + c.system) / 1e6 / seconds;
}

// ---------------------------------------------------------------------------------------------
// List and search latency

// Words from the demo appeal templates; each occurs in a few percent of generated orders.
const WORDS = ['噪音', '电梯', '停水', '路灯', '垃圾', '物业', '施工', '油烟', '工资', '公租房', '红绿灯', '燃气'];
const STATUSES = ['handling', 'dispatched', 'registered', 'reviewing', 'closed'];

interface QueryShape {
  key: string;
  label: string;
  who: 'dispatcher' | 'handler';
  params: (i: number) => Record<string, string>;
}

/** A calendar month among the last twelve, as an inclusive YYYY-MM-DD range. */
function monthRange(i: number): { from: string; to: string } {
  const now = new Date();
  const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1 - (i % 11), 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0));
  return { from: first.toISOString().slice(0, 10), to: last.toISOString().slice(0, 10) };
}

const SHAPES: QueryShape[] = [
  { key: 'default', label: 'default page (newest 20)', who: 'dispatcher', params: () => ({}) },
  { key: 'status', label: 'status filter', who: 'dispatcher', params: (i) => ({ status: STATUSES[i % STATUSES.length]! }) },
  { key: 'search', label: 'q = a Chinese word', who: 'dispatcher', params: (i) => ({ q: WORDS[i % WORDS.length]! }) },
  {
    key: 'searchStatusDate',
    label: 'q + status + one month',
    who: 'dispatcher',
    params: (i) => ({ q: WORDS[i % WORDS.length]!, status: 'closed,followedUp', ...monthRange(i) }),
  },
  { key: 'scoped', label: 'handler (housing bureau) default page', who: 'handler', params: () => ({}) },
  { key: 'scopedSearch', label: 'handler + q', who: 'handler', params: (i) => ({ q: WORDS[i % WORDS.length]! }) },
];

/** ~`requests` sequential requests after a warm-up, stopping early once the shape has used its time budget. */
async function measureShape(client: ApiClient, shape: QueryShape): Promise<LatencySummary & { total: number; stoppedEarly: boolean }> {
  const samples: number[] = [];
  let total = 0;
  const deadline = performance.now() + listSeconds * 1000;
  for (let i = 0; i < WARMUP_REQUESTS + requests; i++) {
    const res = await client.get<{ total: number }>(`/api/v1/work-orders${qs(shape.params(i))}`);
    if (i >= WARMUP_REQUESTS) {
      samples.push(res.ms);
      total += res.body.total;
    }
    if (performance.now() > deadline && samples.length >= 20) break;
  }
  return { ...summarize(samples), total: total / samples.length, stoppedEarly: samples.length < requests };
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<number> {
  log(`node ${process.version}, ${availableParallelism()} CPU(s), load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  const bench: BenchDatabase = await openBenchDatabase(poolSize);
  log(`database: ${bench.kind === 'postgres' ? 'PostgreSQL' : 'embedded PGlite'} — ${bench.where}`);
  log(`orders ${fmtInt(orders)} at concurrency ${concurrency}; ${fmtInt(rows)} generated rows${args.quick ? ' (--quick)' : ''}; ${requests} requests per list query`);
  let platform: Platform | null = null;
  try {
    const env = loadEnv({
      DATA_DIR: bench.dataDir,
      PASSWORD_HASH_COST: '10',
      RATE_LIMIT_PER_MINUTE: '100000',
      SESSION_TTL_HOURS: '720',
      LOG_LEVEL: 'silent',
    });
    platform = await createPlatform(env, { db: bench.db });
    await seedDemo(platform.ctx, platform.auth, 0);
    await platform.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = platform.app.server.address() as AddressInfo;
    const anonymous = new ApiClient(`http://127.0.0.1:${port}`);
    const [agent, dispatcher, handler] = await Promise.all(['agent', 'dispatcher', 'handler'].map((u) => anonymous.login(u, DEMO_PASSWORD)));
    const departments = (await dispatcher!.get<{ id: string; name: string }[]>('/api/v1/departments')).body;
    const housingId = departments.find((d) => d.name === HOUSING_BUREAU)?.id;
    if (!housingId) throw new Error(`${HOUSING_BUREAU} is not in GET /api/v1/departments`);
    const city = await loadCity(platform.ctx.db);
    log(`server listening on 127.0.0.1:${port}; signed in agent, dispatcher and handler`);

    // -- 1. Throughput ---------------------------------------------------------------------------
    log();
    log('== create + dispatch throughput ==');
    const bodies = createBodies(city, 2 * (WARMUP_ORDERS + orders), 7);
    const apiBodies = bodies.slice(0, WARMUP_ORDERS + orders);
    const rawBodies = bodies.slice(WARMUP_ORDERS + orders);
    await apiThroughput(agent!, dispatcher!, housingId, apiBodies.slice(0, WARMUP_ORDERS));
    const apiWaits = bench.activity && (await sampleWaits(bench.activity.url, bench.activity.applicationName));
    const api = await apiThroughput(agent!, dispatcher!, housingId, apiBodies.slice(WARMUP_ORDERS));
    const apiActivity = await apiWaits?.stop();
    log(`API: ${fmtInt(orders)} orders in ${api.seconds.toFixed(2)} s = ${api.ordersPerSecond.toFixed(1)} orders/s (create+dispatch pairs; this process used ${(api.cpu * 100).toFixed(0)}% of a core)`);
    log(`  create   ${describe(api.create!)}`);
    log(`  dispatch ${describe(api.dispatch!)}`);
    await rawThroughput(platform, city, rawBodies.slice(0, WARMUP_ORDERS));
    const rawWaits = bench.activity && (await sampleWaits(bench.activity.url, bench.activity.applicationName));
    const raw = await rawThroughput(platform, city, rawBodies.slice(WARMUP_ORDERS));
    const rawActivity = await rawWaits?.stop();
    log(`raw SQL (same row writes, same pool and concurrency): ${raw.ordersPerSecond.toFixed(1)} orders/s (${raw.seconds.toFixed(2)} s; this process used ${(raw.cpu * 100).toFixed(0)}% of a core)`);
    if (apiActivity && rawActivity) {
      log(`pool connections (pg_stat_activity samples): API ${describeActivity(apiActivity)}`);
      log(`                                              raw ${describeActivity(rawActivity)}`);
    }
    const ratio = api.ordersPerSecond / raw.ordersPerSecond;
    log(`ratio = apiOrdersPerSecond / rawOrdersPerSecond = ${ratio.toFixed(3)} (goal ≥ ${GOAL_RATIO}${bench.kind === 'postgres' ? '' : ' on PostgreSQL'}: ${ratio >= GOAL_RATIO ? 'met' : 'missed'})`);

    // -- 2. Latency at scale ---------------------------------------------------------------------
    log();
    log(`== list and search with ${fmtInt(rows)} generated orders ==`);
    const g0 = performance.now();
    let lastPrinted = 0;
    const load = await generateOrders(platform.ctx.db, city, {
      rows,
      batch: bench.kind === 'postgres' ? 50_000 : 10_000,
      parallel: bench.kind === 'postgres' ? 2 : 1,
      months: 12,
      housingShare: 0.2,
      progress: (done) => {
        if (done - lastPrinted >= rows / 5 || done === rows) {
          lastPrinted = done;
          log(`  generated ${fmtInt(done)} rows (${((performance.now() - g0) / 1000).toFixed(0)} s)`);
        }
      },
    });
    const [counts] = await platform.ctx.db.query<{ orders: number; housing: number }>(
      `SELECT (SELECT count(*) FROM work_orders)::int AS orders,
              (SELECT count(DISTINCT work_order_id) FROM work_order_assignments WHERE department_id = $1)::int AS housing`,
      [housingId],
    );
    log(
      `generated in ${((performance.now() - g0) / 1000).toFixed(1)} s (indexes rebuilt in ${load.indexSeconds.toFixed(1)} s, then VACUUM ANALYZE; ` +
        `foreign-key triggers ${load.skippedForeignKeys ? 'skipped while loading' : 'checked'})`,
    );
    log(`work_orders holds ${fmtInt(counts!.orders)} rows, ${fmtInt(counts!.housing)} of them assigned to the housing bureau`);

    const clients = { dispatcher: dispatcher!, handler: handler! };
    const results: Record<string, LatencySummary & { total: number; stoppedEarly: boolean }> = {};
    for (const shape of SHAPES) {
      const r = await measureShape(clients[shape.who], shape);
      results[shape.key] = r;
      const flag = r.p99 < GOAL_P99_MS ? '' : `  ← over the ${GOAL_P99_MS} ms goal`;
      const early = r.stoppedEarly ? ` (stopped at the ${listSeconds} s budget)` : '';
      log(`${shape.label.padEnd(40)} ${describe(r)}${early}, avg total ${fmtInt(r.total)}${flag}`);
    }
    const dir = await platform.ctx.directory.fresh();
    const scopes = { dispatcher: { all: true } as const, handler: dir.scopeFor(housingId) };
    for (const shape of SHAPES) {
      if (!args.explain && results[shape.key]!.p99 < GOAL_P99_MS) continue;
      log();
      log(`-- EXPLAIN ANALYZE: ${shape.label} ${JSON.stringify(shape.params(0))} (p99 ${fmtMs(results[shape.key]!.p99)}) --`);
      for (const plan of await explainList(platform.ctx.db, scopes[shape.who], shape.params(0))) log(plan + '\n');
    }

    const figure = (k: string) => ({ p50Ms: round(results[k]!.p50), p99Ms: round(results[k]!.p99), n: results[k]!.count });
    const summary = {
      bench: 'workorders',
      database: bench.kind,
      orders,
      concurrency,
      pool: bench.kind === 'postgres' ? poolSize : 1,
      apiOrdersPerSecond: round(api.ordersPerSecond, 1),
      rawOrdersPerSecond: round(raw.ordersPerSecond, 1),
      ratio: round(ratio, 3),
      createP50Ms: round(api.create!.p50),
      createP99Ms: round(api.create!.p99),
      dispatchP50Ms: round(api.dispatch!.p50),
      dispatchP99Ms: round(api.dispatch!.p99),
      rows,
      listP50Ms: round(results.default!.p50),
      listP99Ms: round(results.default!.p99),
      searchP99Ms: round(results.search!.p99),
      scopedListP99Ms: round(results.scoped!.p99),
      queries: Object.fromEntries(SHAPES.map((s) => [s.key, figure(s.key)])),
    };
    log();
    log(JSON.stringify(summary));
    return 0;
  } finally {
    await platform?.close();
    if (!platform) await bench.db.close();
    await bench.dispose();
  }
}

// A hung run must not hang CI: give up after the time limit (the schema or folder may be left behind).
const watchdog = setTimeout(() => {
  console.error(`bench/workorders: no result after ${timeoutMinutes} minutes, giving up`);
  process.exit(2);
}, timeoutMinutes * 60_000);
watchdog.unref();

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    process.exit(1);
  },
);
