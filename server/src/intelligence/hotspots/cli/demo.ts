// Hotspot demo on a message-board export (the citizen-messages hotspot file by default):
// clusters the messages by topic and place in time order, prints the top hotspots, the growth
// alerts raised during the replay, and the near-duplicate groups. The last stdout line is JSON.
//
//   npm run hotspots:demo [-- --file FILE] [--top 15] [--threshold 0.25] [--min-recent 3]

import { argValue } from '../../classifier/dataset.ts';
import { replayBoard, DEFAULT_REPLAY } from '../board.ts';
import { duplicateGroups } from '../nearDuplicates.ts';
import { HOTSPOT_FILE, hasHotspotFile, loadMessageBoard } from '../messageBoard.ts';

const day = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);

function main(): void {
  const args = process.argv.slice(2);
  const file = argValue(args, '--file') ?? HOTSPOT_FILE;
  if (!hasHotspotFile(file)) {
    process.stderr.write(`hotspots:demo: ${file} not found (pass --file FILE with id, title, body, user, time, likes columns)\n`);
    process.exit(2);
  }
  const top = Number(argValue(args, '--top') ?? 15);
  const threshold = Number(argValue(args, '--threshold') ?? DEFAULT_REPLAY.cluster.threshold);
  const minRecent = Number(argValue(args, '--min-recent') ?? DEFAULT_REPLAY.minRecent);
  const messages = loadMessageBoard(file);
  const r = replayBoard(messages, { ...DEFAULT_REPLAY, cluster: { ...DEFAULT_REPLAY.cluster, threshold }, minRecent });
  const live = r.clusterer.live();
  const multi = live.filter((c) => c.docs.length > 1);
  console.log(`${messages.length} messages (${day(messages[0]?.at ?? 0)} – ${day(messages[messages.length - 1]?.at ?? 0)}) → ${live.length} clusters, ${multi.length} with 2+ messages; clustering ${r.clusterMs.toFixed(0)} ms (${r.clusterCpuMs.toFixed(0)} ms CPU)`);
  console.log(`\nTop ${top} hotspots (score = 3·ln(1+people) + ln(1+likes) + ln(growth)):`);
  console.log('rank  score  msgs people  likes  period                   district  places / label');
  r.ranked.slice(0, top).forEach((h, i) => {
    const period = `${day(h.firstAt)} – ${day(h.lastAt)}`;
    console.log(
      `${String(i + 1).padStart(4)}  ${h.score.toFixed(2).padStart(5)}  ${String(h.count).padStart(4)} ${String(h.reporters).padStart(6)} ${String(h.likes).padStart(6)}  ${period}  ${(h.district ?? '—').padEnd(8)}  ${h.places.slice(0, 2).join('、') || '—'} / ${h.label}`,
    );
    console.log(`${' '.repeat(57)}keywords: ${h.keywords.join(' ')}`);
  });
  console.log(`\nGrowth alerts (≥ ${minRecent} messages in 7 days at ≥ ${DEFAULT_REPLAY.growthAlert}× the earlier rate): ${r.alerts.length}; the first ten:`);
  for (const a of r.alerts.slice(0, 10)) console.log(`  ${day(a.at)}  ${a.recent} in 7 days, growth ×${a.growth}  ${a.label}`);
  const groups = duplicateGroups(r.duplicates);
  console.log(`\nNear-duplicates (bigram Jaccard ≥ 0.6, same place, within 60 days): ${r.duplicates.length} pairs in ${groups.length} groups; ${r.duplicateMs.toFixed(0)} ms`);
  const byId = new Map(messages.map((m) => [m.id, m]));
  for (const g of groups.slice(0, 5)) console.log(`  ${g.length} × ${byId.get(g[0]!)?.title}`);
  const together = r.duplicates.filter((p) => r.clusterOf.get(p.a) === r.clusterOf.get(p.b)).length;
  console.log(`  ${together} of ${r.duplicates.length} duplicate pairs share a hotspot cluster`);
  console.log(
    JSON.stringify({
      messages: messages.length,
      clusters: live.length,
      multiMessageClusters: multi.length,
      clusterMs: Math.round(r.clusterMs),
      clusterCpuMs: Math.round(r.clusterCpuMs),
      top: r.ranked.slice(0, top).map((h) => ({ label: h.label, count: h.count, reporters: h.reporters, likes: h.likes, score: h.score })),
      alerts: r.alerts.length,
      duplicatePairs: r.duplicates.length,
      duplicateGroups: groups.length,
      duplicatePairsInOneCluster: together,
    }),
  );
}

main();
