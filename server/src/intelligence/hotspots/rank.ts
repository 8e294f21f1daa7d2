// Ranking hotspots: volume in the window, growth (the recent rate against the earlier rate), and
// likes where the channel has them (message boards); an alert when a hotspot grows fast.

import type { Cluster } from './cluster.ts';
import { isStopBigram } from './text.ts';

export interface RankOptions {
  /** End of the window (ms). */
  now: number;
  windowMs: number;
  /** The recent part of the window whose rate is compared with the rest. */
  recentMs: number;
  /** Growth (recent rate ÷ earlier rate) at which a hotspot alerts. */
  growthAlert: number;
  /** Fewest recent appeals for an alert (two complaints in a quiet week are not a surge). */
  minRecent: number;
}

export interface HotspotSummary {
  clusterId: number;
  /** The member closest to the cluster's centre, as a readable label. */
  label: string;
  keywords: string[];
  places: string[];
  district: string | null;
  count: number;
  /** Distinct reporters among the appeals in the window (count when reporters are unknown). */
  reporters: number;
  recent: number;
  growth: number;
  likes: number;
  score: number;
  alert: boolean;
  firstAt: number;
  lastAt: number;
  memberIds: string[];
}

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

export function summarize(c: Cluster, o: RankOptions): HotspotSummary {
  const from = o.now - o.windowMs;
  const inWindow = c.docs.filter((d) => d.at > from && d.at <= o.now);
  const recent = inWindow.filter((d) => d.at > o.now - o.recentMs).length;
  const prior = inWindow.length - recent;
  const recentRate = recent / o.recentMs;
  // One phantom appeal in the earlier part keeps a brand-new topic's growth finite.
  const priorRate = (prior + 1) / Math.max(1, o.windowMs - o.recentMs);
  const growth = Math.round((recentRate / priorRate) * 100) / 100;
  const likes = inWindow.reduce((n, d) => n + (d.likes ?? 0), 0);
  const count = inWindow.length;
  // One person writing twenty times is persistence, not a hotspot: volume counts people.
  const reporters = new Set(inWindow.map((d) => d.reporter ?? `#${d.id}`)).size;
  const score = Math.round((3 * Math.log1p(reporters) + Math.log1p(likes) + Math.max(0, Math.log(growth))) * 100) / 100;
  return {
    clusterId: c.id,
    label: representative(c).title,
    keywords: keywords(c),
    places: distinctPlaces(top(c.places, 6)).slice(0, 3),
    district: top(c.districts, 1)[0] ?? null,
    count,
    reporters,
    recent,
    growth,
    likes,
    score,
    alert: recent >= o.minRecent && growth >= o.growthAlert,
    firstAt: c.firstAt,
    lastAt: c.lastAt,
    memberIds: inWindow.map((d) => d.id),
  };
}

/** Clusters with at least `minCount` appeals in the window, best first. */
export function rankHotspots(clusters: readonly Cluster[], o: RankOptions, minCount = 2): HotspotSummary[] {
  return clusters
    .filter((c) => c.docs.length >= minCount)
    .map((c) => summarize(c, o))
    .filter((s) => s.count >= minCount)
    .sort((a, b) => b.score - a.score || b.count - a.count || b.lastAt - a.lastAt);
}

function representative(c: Cluster) {
  let best = 0;
  let bestDot = -1;
  c.vectors.forEach((v, i) => {
    let dot = 0;
    for (const [t, w] of v.title) dot += w * (c.title.sum.get(t) ?? 0);
    for (const [t, w] of v.body) dot += w * (c.body.sum.get(t) ?? 0);
    if (dot > bestDot) {
      bestDot = dot;
      best = i;
    }
  });
  return c.docs[best]!;
}

/** Words of the members' titles, by how many members use them. */
function keywords(c: Cluster, n = 5): string[] {
  const count = new Map<string, number>();
  for (const d of c.docs) {
    const seen = new Set<string>();
    for (const s of segmenter.segment(d.title)) {
      const w = s.segment;
      if (!s.isWordLike || w.length < 2 || !/\p{Script=Han}/u.test(w) || isStopBigram(w) || /^[A-Z]\d/i.test(w)) continue;
      seen.add(w);
    }
    for (const w of seen) count.set(w, (count.get(w) ?? 0) + 1);
  }
  const min = c.docs.length >= 3 ? 2 : 1;
  return [...count].filter(([, k]) => k >= min).sort((a, b) => b[1] - a[1]).slice(0, n).map(([w]) => w);
}

/** Drops a place that contains a more frequent one (搬走枫林苑 after 枫林苑): the longer is a mis-cut. */
function distinctPlaces(places: string[]): string[] {
  return places.filter((p, i) => !places.slice(0, i).some((q) => p.includes(q)));
}

function top(m: Map<string, number>, n: number): string[] {
  return [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k]) => k);
}
