// Inbound message throughput of the WeChat callback and the Open311 endpoint, over real loopback
// HTTP against the whole platform started in this process.
//
//   npx tsx bench/channels.ts [--seconds S] [--concurrency C] [--citizens N] [--warmup W]
//   BENCH_DATABASE_URL=postgres://… npx tsx bench/channels.ts      (a fresh schema, dropped at the end)
//
// 1. WeChat: C clients push text messages to POST /api/v1/channels/wechat for S seconds, built as
//    WeChat's server builds them — every other one in plain mode (signature = sha1 of the sorted
//    token, timestamp and nonce) and the rest in safe mode (the XML AES-256-CBC encrypted into
//    <Encrypt> with msg_signature over the ciphertext) — each with its own MsgId, from N citizens.
//    The knowledge bot answers as the server's start-up installs it, within WeChat's passive-reply
//    budget or later through the customer-service API (a local stand-in speaking WeChat's format).
// 2. Open311: C clients POST /open311/v2/requests.json, form-encoded with api_key, service_code,
//    lat/long and a description, for S seconds; each registers a work order.
// A message is accepted when the answer is 200 and says so ('success' or a passive reply for
// WeChat, a service_request_id for Open311). Rates count accepted messages over the measured
// seconds (after W seconds of warm-up); latencies are per request, send to last byte.
// Afterwards the database is checked to hold exactly one stored message or order per acceptance.
//
// Server, clients and benchmark share one Node process. The last line printed is one JSON object.

import { createHash, randomBytes } from 'node:crypto';
import { availableParallelism, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import type { AddressInfo } from 'node:net';
import { loadEnv } from '../server/src/env.ts';
import { createPlatform, type Platform } from '../server/src/bootstrap.ts';
import { seedDemo } from '../server/src/demo/seed.ts';
import { installKnowledgeResponder } from '../server/src/knowledge/wiring.ts';
import { KnowledgeBot } from '../server/src/knowledge/bot.ts';
import { WECHAT_PATH } from '../server/src/channels/wechat/routes.ts';
import { FakeWechatApi } from '../server/src/channels/wechat/testing/fakeWechatApi.ts';
import { WechatPeer } from '../server/src/channels/wechat/testing/wechatPeer.ts';
import { OPEN311_BASE } from '../server/src/channels/open311/routes.ts';
import { openBenchDatabase } from './lib/database.ts';
import { describe, fmtInt, round, summarize, type LatencySummary } from './lib/stats.ts';

const { values: args } = parseArgs({
  options: {
    seconds: { type: 'string', default: '15' },
    concurrency: { type: 'string', default: '16' },
    citizens: { type: 'string', default: '200' },
    warmup: { type: 'string', default: '2' },
  },
});
const positive = (v: string, name: string) => {
  const n = Number(v);
  if (!(n > 0)) throw new Error(`--${name} must be a positive number, got ${v}`);
  return n;
};
const SECONDS = positive(args.seconds, 'seconds');
const CONCURRENCY = Math.round(positive(args.concurrency, 'concurrency'));
const CITIZENS = Math.round(positive(args.citizens, 'citizens'));
const WARMUP = Number(args.warmup) >= 0 ? Number(args.warmup) : 2;

const WECHAT = { token: 'benchToken2026', appId: 'wx0b1e2c3h4b5e6n7c', secret: '9f8e7d6c5b4a39281706f5e4d3c2b1a0', aesKey: 'Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0Fe9Dc8Ba7Zy6X', gh: 'gh_b3e4c5h6d7e8' };
const OPEN311_KEY = 'bench-open311-key-000001';

// What citizens write to the official account, and what apps report through Open311 (our own words).
const WECHAT_TEXTS = ['公积金怎么提取', '小区门口的路灯坏了好几天了，晚上很黑', '人工', '居住证怎么办理，需要带什么材料', '楼上装修太吵，周末早上七点就开始打钻', '查询', '孩子入学报名什么时候开始'];
const OPEN311_TEXTS = ['人行道地砖松动，下雨天踩上去溅水。', '路口信号灯一直闪黄灯，车辆通行混乱。', '绿化带里堆放建筑垃圾，已经一个多星期。', '公交站台顶棚破损，雨天无法避雨。'];

const log = (s = '') => console.log(s);
const sha1 = (...parts: string[]) => createHash('sha1').update([...parts].sort().join('')).digest('hex');

interface Phase {
  accepted: number;
  /** Accepted including the warm-up: what the database must hold. */
  acceptedTotal: number;
  refused: number;
  seconds: number;
  latency: LatencySummary;
  byKind: Record<string, LatencySummary & { accepted: number }>;
  firstRefusals: string[];
}

/**
 * `concurrency` clients each sending one request after another until the deadline. Requests that
 * complete during the warm-up are not counted; the rate is over the measured window only.
 */
async function drive(send: (i: number) => Promise<{ ok: boolean; kind: string; detail?: string }>): Promise<Phase> {
  const t0 = performance.now();
  const measureFrom = t0 + WARMUP * 1000;
  const deadline = measureFrom + SECONDS * 1000;
  const samples: number[] = [];
  const kinds = new Map<string, { ms: number[]; accepted: number }>();
  const firstRefusals: string[] = [];
  let accepted = 0;
  let acceptedTotal = 0;
  let refused = 0;
  let next = 0;
  let lastEnd = measureFrom;
  const worker = async () => {
    while (performance.now() < deadline) {
      const start = performance.now();
      let r: { ok: boolean; kind: string; detail?: string };
      try {
        r = await send(next++);
      } catch (err) {
        r = { ok: false, kind: 'network', detail: err instanceof Error ? err.message : String(err) };
      }
      const end = performance.now();
      if (r.ok) acceptedTotal++;
      if (start < measureFrom) continue;
      lastEnd = Math.max(lastEnd, end);
      samples.push(end - start);
      const k = kinds.get(r.kind) ?? { ms: [], accepted: 0 };
      kinds.set(r.kind, k);
      k.ms.push(end - start);
      if (r.ok) {
        accepted++;
        k.accepted++;
      } else {
        refused++;
        if (firstRefusals.length < 3) firstRefusals.push(`${r.kind}: ${r.detail ?? ''}`.slice(0, 300));
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (lastEnd - measureFrom) / 1000;
  const byKind = Object.fromEntries([...kinds].map(([kind, k]) => [kind, { ...summarize(k.ms), accepted: k.accepted }]));
  return { accepted, acceptedTotal, refused, seconds, latency: summarize(samples), byKind, firstRefusals };
}

function report(name: string, p: Phase, unit: string): void {
  log(`${name}: ${fmtInt(p.accepted)} ${unit} accepted in ${p.seconds.toFixed(1)} s = ${(p.accepted / p.seconds).toFixed(1)}/s; ${p.refused} refused`);
  log(`  all        ${describe(p.latency)}`);
  for (const [kind, s] of Object.entries(p.byKind)) log(`  ${kind.padEnd(10)} ${describe(s)}, ${fmtInt(s.accepted)} accepted`);
  for (const r of p.firstRefusals) log(`  refused: ${r}`);
}

async function main(): Promise<number> {
  log(`node ${process.version}, ${availableParallelism()} CPU(s), load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  const bench = await openBenchDatabase(10);
  log(`database: ${bench.kind === 'postgres' ? 'PostgreSQL' : 'embedded PGlite'} — ${bench.where}`);
  log(`${CONCURRENCY} concurrent clients, ${SECONDS} s measured per endpoint after ${WARMUP} s of warm-up; ${CITIZENS} WeChat citizens`);
  const wechatApi = await new FakeWechatApi(WECHAT.appId, WECHAT.secret).start();
  let platform: Platform | null = null;
  try {
    const env = loadEnv({
      DATA_DIR: bench.dataDir,
      PASSWORD_HASH_COST: '10',
      RATE_LIMIT_PER_MINUTE: '100000',
      LOG_LEVEL: 'silent',
      WECHAT_TOKEN: WECHAT.token,
      WECHAT_APPID: WECHAT.appId,
      WECHAT_APPSECRET: WECHAT.secret,
      WECHAT_AES_KEY: WECHAT.aesKey,
      WECHAT_API_BASE: wechatApi.url,
      OPEN311_API_KEY: OPEN311_KEY,
    });
    platform = await createPlatform(env, { db: bench.db });
    await seedDemo(platform.ctx, platform.auth, 0);
    installKnowledgeResponder(platform.ctx, new KnowledgeBot(platform.ctx));
    await platform.app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(platform.app.server.address() as AddressInfo).port}`;
    const peer = new WechatPeer(platform.app, { token: WECHAT.token, appId: WECHAT.appId, aesKey: WECHAT.aesKey, path: WECHAT_PATH });
    log(`server listening on ${base}`);

    // -- 1. WeChat -------------------------------------------------------------------------------
    const runId = randomBytes(3).toString('hex');
    const openid = (i: number) => `oBench${runId}${String(i % CITIZENS).padStart(16, '0')}`;
    let msgSeq = 0n;
    const wechat = await drive(async (i) => {
      const safe = i % 2 === 1;
      const timestamp = String(Math.floor(Date.now() / 1000));
      const nonce = String(100_000_000 + i);
      const msgId = String(7_100_000_000_000_000_000n + ++msgSeq);
      const xml = WechatPeer.xml({ ToUserName: WECHAT.gh, FromUserName: openid(i), CreateTime: Number(timestamp), MsgType: 'text', Content: WECHAT_TEXTS[i % WECHAT_TEXTS.length]!, MsgId: msgId });
      const q = new URLSearchParams({ signature: sha1(WECHAT.token, timestamp, nonce), timestamp, nonce, openid: openid(i) });
      let body = xml;
      if (safe) {
        const encrypted = peer.encrypt(xml);
        q.set('encrypt_type', 'aes');
        q.set('msg_signature', sha1(WECHAT.token, timestamp, nonce, encrypted));
        body = `<xml><ToUserName><![CDATA[${WECHAT.gh}]]></ToUserName><Encrypt><![CDATA[${encrypted}]]></Encrypt></xml>`;
      }
      const res = await fetch(`${base}${WECHAT_PATH}?${q}`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body });
      const text = await res.text();
      // Accepted: 'success', or a passive reply (encrypted in safe mode, as WeChat requires).
      const ok = res.status === 200 && (text === 'success' || (safe ? text.includes('<Encrypt>') : text.includes('<MsgType><![CDATA[text]]></MsgType>')));
      return { ok, kind: safe ? 'aes' : 'plain', detail: `${res.status} ${text}` };
    });
    log();
    report('WeChat', wechat, 'messages');

    // -- 2. Open311 ------------------------------------------------------------------------------
    const services = (await (await fetch(`${base}${OPEN311_BASE}/services.json`)).json()) as { service_code: string }[];
    if (!services.length) throw new Error('GET services.json listed no services');
    const open311 = await drive(async (i) => {
      const form = new URLSearchParams({
        api_key: OPEN311_KEY,
        service_code: services[i % services.length]!.service_code,
        lat: (28.15 + (i % 100) / 1000).toFixed(4),
        long: (112.9 + (i % 97) / 1000).toFixed(4),
        description: OPEN311_TEXTS[i % OPEN311_TEXTS.length]!,
        device_id: `bench-${i % 50}`,
      });
      const res = await fetch(`${base}${OPEN311_BASE}/requests.json`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }, body: form.toString() });
      const text = await res.text();
      const ok = res.status === 200 && /"service_request_id":"\d{13}"/.test(text);
      return { ok, kind: 'requests', detail: `${res.status} ${text}` };
    });
    log();
    report('Open311', open311, 'service requests');

    // -- Every acceptance is stored exactly once -------------------------------------------------
    // Answers the bot gave too late for a passive reply are still on their way to the customer-service API.
    const drainUntil = Date.now() + 20_000;
    const pending = async () =>
      (await platform!.ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM conversation_messages WHERE direction = 'out' AND delivery = 'pending'`))[0]!.n;
    while ((await pending()) > 0 && Date.now() < drainUntil) await new Promise((r) => setTimeout(r, 200));
    const [stored] = await platform.ctx.db.query<{ messages: number; orders: number }>(
      `SELECT (SELECT count(*) FROM conversation_messages m JOIN conversations c ON c.id = m.conversation_id
                WHERE c.channel = 'wechat' AND m.direction = 'in' AND c.identity_value LIKE $1)::int AS messages,
              (SELECT count(*) FROM work_orders WHERE channel = 'open311')::int AS orders`,
      [`oBench${runId}%`],
    );
    log();
    log(`stored: ${fmtInt(stored!.messages)} WeChat messages and ${fmtInt(stored!.orders)} Open311 work orders; accepted (warm-up included): ${fmtInt(wechat.acceptedTotal)} and ${fmtInt(open311.acceptedTotal)}`);
    log(`customer-service API: ${fmtInt(wechatApi.customMessages.length)} late answers delivered`);
    const consistent = stored!.messages === wechat.acceptedTotal && stored!.orders === open311.acceptedTotal;
    if (!consistent) log('  ← stored and accepted differ');

    const summary = {
      bench: 'channels',
      wechatPerSecond: round(wechat.accepted / wechat.seconds, 1),
      wechatP99Ms: round(wechat.latency.p99),
      open311PerSecond: round(open311.accepted / open311.seconds, 1),
      open311P99Ms: round(open311.latency.p99),
      wechatP50Ms: round(wechat.latency.p50),
      open311P50Ms: round(open311.latency.p50),
      refused: wechat.refused + open311.refused,
      database: bench.kind,
      concurrency: CONCURRENCY,
      seconds: SECONDS,
    };
    log();
    log(JSON.stringify(summary));
    return consistent && summary.refused === 0 ? 0 : 1;
  } finally {
    await platform?.close();
    if (!platform) await bench.db.close();
    await wechatApi.close();
    await bench.dispose();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
