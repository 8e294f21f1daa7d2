// Hotspots over the work orders of a sliding window, within the caller's data scope; and the
// periodic scan that raises a warning when a hotspot grows fast.

import { createHash } from 'node:crypto';
import type { Ctx } from '../../context.ts';
import type { Scope } from '../../auth/actor.ts';
import { scopeCondition } from '../../workorders/repository.ts';
import { raiseWarning } from '../emotion/warnings.ts';
import { HotspotClusterer, type HotspotDoc } from './cluster.ts';
import { rankHotspots } from './rank.ts';

export interface HotspotQuery {
  windowMs: number;
  limit: number;
}

/** Orders beyond this many in one window are not clustered (the newest are kept). */
const MAX_ORDERS = 20_000;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** "24h", "7d" → milliseconds; null when malformed or outside 1 hour … 90 days. */
export function parseWindow(s: string): number | null {
  const m = /^(\d{1,4})([hd])$/.exec(s);
  if (!m) return null;
  const ms = Number(m[1]) * (m[2] === 'h' ? HOUR : DAY);
  return ms >= HOUR && ms <= 90 * DAY ? ms : null;
}

/** The recent part compared with the rest: the last day of a week, a quarter of a short window. */
export function recentPart(windowMs: number): number {
  return windowMs >= 2 * DAY ? Math.min(DAY * Math.max(1, Math.round(windowMs / (7 * DAY))), windowMs / 2) : windowMs / 4;
}

interface OrderRow {
  id: string;
  trackingNumber: string;
  title: string;
  content: string;
  createdAt: Date;
  status: string;
  districtId: string | null;
  streetId: string | null;
  citizenPhone: string;
}

export async function workOrderHotspots(ctx: Ctx, scope: Scope, q: HotspotQuery) {
  const dir = await ctx.directory.fresh();
  const now = ctx.clock.now();
  const from = new Date(now.getTime() - q.windowMs);
  const cond = scopeCondition(scope, 3);
  const rows = await ctx.db.query<OrderRow>(
    `SELECT w.id, w.tracking_number AS "trackingNumber", w.title, left(w.content, 600) AS content, w.created_at AS "createdAt", w.status,
            w.district_id AS "districtId", w.street_id AS "streetId", w.citizen_phone AS "citizenPhone"
       FROM work_orders w
      WHERE w.created_at > $1 AND w.created_at <= $2 AND w.status <> 'cancelled' AND ${cond.sql}
      ORDER BY w.created_at DESC LIMIT ${MAX_ORDERS}`,
    [from, now, ...cond.params],
  );
  const docs: HotspotDoc[] = rows.reverse().map((r) => ({
    id: r.id,
    at: new Date(r.createdAt).getTime(),
    title: r.title,
    body: r.content,
    // People, not calls: the same caller ringing five times is one voice.
    reporter: r.citizenPhone,
    district: dir.region(r.districtId)?.name ?? null,
    places: [dir.region(r.streetId)?.name].filter((x): x is string => Boolean(x)),
  }));
  const clusterer = new HotspotClusterer({ windowMs: q.windowMs, threshold: 0.25 });
  clusterer.prime(docs);
  for (const d of docs) clusterer.add(d);
  const recentMs = recentPart(q.windowMs);
  const ranked = rankHotspots(clusterer.live(), {
    now: now.getTime(), windowMs: q.windowMs, recentMs, growthAlert: ctx.env.HOTSPOT_ALERT_GROWTH, minRecent: ctx.env.HOTSPOT_ALERT_MIN_COUNT,
  });
  const byId = new Map(rows.map((r) => [r.id, r]));
  const bucketMs = q.windowMs <= 2 * DAY ? HOUR : DAY;
  const hotspots = ranked.slice(0, q.limit).map((h) => {
    const members = h.memberIds.map((id) => byId.get(id)!).sort((a, b) => new Date(a.createdAt).getTime() - new Date(b.createdAt).getTime());
    return {
      // The founding order names the hotspot for as long as it stays in the window.
      key: `hs-${createHash('sha1').update(members[0]!.id).digest('hex').slice(0, 12)}`,
      label: h.label,
      keywords: h.keywords,
      places: h.places,
      district: h.district,
      count: h.count,
      reporters: h.reporters,
      recent: h.recent,
      growth: h.growth,
      likes: h.likes,
      score: h.score,
      alert: h.alert,
      firstAt: new Date(h.firstAt).toISOString(),
      lastAt: new Date(h.lastAt).toISOString(),
      series: series(members.map((m) => new Date(m.createdAt).getTime()), from.getTime(), now.getTime(), bucketMs),
      samples: members.slice(-5).reverse().map((m) => ({ id: m.id, trackingNumber: m.trackingNumber, title: m.title, status: m.status, createdAt: new Date(m.createdAt).toISOString() })),
    };
  });
  return {
    window: { from: from.toISOString(), to: now.toISOString(), recentFrom: new Date(now.getTime() - recentMs).toISOString(), bucket: bucketMs === HOUR ? 'hour' : 'day' },
    orders: rows.length,
    capped: rows.length >= MAX_ORDERS,
    hotspots,
    alerts: hotspots.filter((h) => h.alert).length,
  };
}

/** Counts per bucket from `from` to `to`, for the chart. */
function series(times: number[], from: number, to: number, bucketMs: number): { at: string; count: number }[] {
  const start = Math.floor((from + 8 * HOUR) / bucketMs) * bucketMs - 8 * HOUR;
  const n = Math.ceil((to - start) / bucketMs);
  const counts = new Array<number>(Math.max(1, n)).fill(0);
  for (const t of times) {
    const i = Math.floor((t - start) / bucketMs);
    if (i >= 0 && i < counts.length) counts[i]!++;
  }
  return counts.map((count, i) => ({ at: new Date(start + i * bucketMs).toISOString(), count }));
}

/**
 * Looks at the whole city's last week and raises one warning per fast-growing hotspot per day.
 * main.ts runs it periodically (e.g. every 10 minutes).
 */
export async function scanHotspotAlerts(ctx: Ctx, windowMs = 7 * DAY): Promise<number> {
  const res = await workOrderHotspots(ctx, { all: true }, { windowMs, limit: 50 });
  const today = new Date(ctx.clock.now().getTime() + 8 * HOUR).toISOString().slice(0, 10);
  let raised = 0;
  for (const h of res.hotspots.filter((x) => x.alert)) {
    const isNew = await raiseWarning(ctx.db, {
      kind: 'hotspot',
      level: h.growth >= 2 * ctx.env.HOTSPOT_ALERT_GROWTH ? 'high' : 'medium',
      workOrderId: null,
      dedupeKey: `hotspot:${h.key}:${today}`,
      summary: `热点快速增长：${h.label}（近期 ${h.recent} 件，增速 ${h.growth} 倍）`,
      details: { key: h.key, label: h.label, places: h.places, district: h.district, count: h.count, recent: h.recent, growth: h.growth, sampleIds: h.samples.map((s) => s.id) },
      at: ctx.clock.now(),
    });
    if (isNew) raised++;
  }
  return raised;
}
