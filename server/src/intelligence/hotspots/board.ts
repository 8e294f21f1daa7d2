// Hotspots and duplicates of a message board, replayed in time order as a live system would have
// seen it: the clustering, the ranked hotspots at the end, and the growth alerts raised on the way.

import { HotspotClusterer, type ClusterOptions } from './cluster.ts';
import { findNearDuplicates, type DuplicatePair } from './nearDuplicates.ts';
import { rankHotspots, summarize, type HotspotSummary, type RankOptions } from './rank.ts';
import type { BoardMessage } from './messageBoard.ts';

export interface ReplayOptions {
  cluster: Partial<ClusterOptions>;
  /** The ranking window and its recent part. */
  windowMs: number;
  recentMs: number;
  growthAlert: number;
  minRecent: number;
}

export const DEFAULT_REPLAY: ReplayOptions = {
  cluster: { threshold: 0.25, windowMs: 60 * 86_400_000 },
  windowMs: 400 * 86_400_000,
  recentMs: 7 * 86_400_000,
  growthAlert: 3,
  minRecent: 3,
};

export interface GrowthAlert {
  at: number;
  clusterId: number;
  label: string;
  recent: number;
  growth: number;
}

export interface ReplayResult {
  clusterer: HotspotClusterer;
  /** Message id → the cluster it ended in (after merges). */
  clusterOf: Map<string, number>;
  ranked: HotspotSummary[];
  alerts: GrowthAlert[];
  duplicates: DuplicatePair[];
  clusterMs: number;
  /** CPU time of the clustering (the wall time depends on what else the machine runs). */
  clusterCpuMs: number;
  duplicateMs: number;
}

export function replayBoard(messages: readonly BoardMessage[], o: ReplayOptions = DEFAULT_REPLAY): ReplayResult {
  const sorted = [...messages].sort((a, b) => a.at - b.at);
  let t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const clusterer = new HotspotClusterer(o.cluster);
  clusterer.prime(sorted);
  const alerted = new Set<number>();
  const alerts: GrowthAlert[] = [];
  // The alert looks at the last month: a surge in the latest week against the weeks before.
  const live: RankOptions = { now: 0, windowMs: 30 * 86_400_000, recentMs: o.recentMs, growthAlert: o.growthAlert, minRecent: o.minRecent };
  for (const m of sorted) {
    const c = clusterer.add(m);
    if (alerted.has(c.id) || c.docs.length < o.minRecent) continue;
    const s = summarize(c, { ...live, now: m.at });
    if (s.alert) {
      alerted.add(c.id);
      alerts.push({ at: m.at, clusterId: c.id, label: s.label, recent: s.recent, growth: s.growth });
    }
  }
  const clusterMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const clusterCpuMs = (cpu.user + cpu.system) / 1000;
  const clusterOf = new Map<string, number>();
  for (const c of clusterer.live()) for (const d of c.docs) clusterOf.set(d.id, c.id);
  const end = sorted.length ? sorted[sorted.length - 1]!.at : 0;
  const ranked = rankHotspots(clusterer.live(), { now: end, windowMs: o.windowMs, recentMs: o.recentMs, growthAlert: o.growthAlert, minRecent: o.minRecent });
  t0 = performance.now();
  const duplicates = findNearDuplicates(sorted, { windowMs: o.cluster.windowMs ?? 30 * 86_400_000 });
  return { clusterer, clusterOf, ranked, alerts, duplicates, clusterMs, clusterCpuMs, duplicateMs: performance.now() - t0 };
}
