// WebRTC leg benchmark: how fast werift legs are set up (offer → answer → ICE → DTLS, both ends
// in this process, on loopback) and what a connected leg costs in CPU while it carries G.711 both
// ways at 20 ms.
//   - set-up: `--pairs` offer/answer pairs, `--concurrency` at a time; each pair's time from the
//     start of offerWebRtc() until both legs are connected; legs per second counts both ends
//     (each end is one leg the engine would run: a browser's, or ours towards a browser);
//   - CPU: all pairs then play a tone to each other for `--seconds`; process.cpuUsage() over wall
//     time, divided by the number of legs (100 = one core busy). The pacer's send lateness p99 is
//     reported with it.
// Both ends run here, so the figures are per leg of the pair, not of a browser-side process.
//
//   npx tsx bench/webrtc.ts [--pairs 20] [--concurrency 4] [--seconds 5]
// The last line printed is one JSON object.

import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { Pacer, ToneGenerator } from '../telephony/src/media/index.ts';
import { answerWebRtc, offerWebRtc, type WebRtcMedia } from '../telephony/src/webrtc/index.ts';
import { percentile, round } from './lib/stats.ts';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} needs a positive number`);
  return v;
}

/** Linux CPU pressure: % of the last 10 s in which some runnable task waited for a CPU; null elsewhere. */
function cpuPressure(): number | null {
  try {
    const m = /some avg10=([\d.]+)/.exec(readFileSync('/proc/pressure/cpu', 'utf8'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

const pairs = arg('pairs', 20);
const concurrency = arg('concurrency', 4);
const seconds = arg('seconds', 5);
const pacer = new Pacer();
const legs: WebRtcMedia[] = [];
const setupMs: number[] = [];

async function onePair(): Promise<void> {
  const t0 = performance.now();
  const offer = await offerWebRtc({ pacer });
  const answer = await answerWebRtc(offer.offerSdp, { pacer });
  legs.push(offer.media, answer.media);
  await offer.accept(answer.answerSdp);
  await Promise.all([offer.media.whenConnected(), answer.media.whenConnected()]);
  setupMs.push(performance.now() - t0);
}

const setupStart = performance.now();
const setupCpu = process.cpuUsage();
let next = 0;
await Promise.all(
  Array.from({ length: Math.min(concurrency, pairs) }, async () => {
    while (next < pairs) {
      next++;
      await onePair();
    }
  }),
);
const setupWall = performance.now() - setupStart;
const setupCpuMs = (() => {
  const u = process.cpuUsage(setupCpu);
  return (u.user + u.system) / 1000;
})();
console.log(`set up ${pairs} pairs (${pairs * 2} legs) in ${round(setupWall)} ms: p50 ${round(percentile(setupMs, 50))} ms, p95 ${round(percentile(setupMs, 95))} ms per pair`);

legs.forEach((leg, i) => leg.play(new ToneGenerator({ frequencies: [i % 2 === 0 ? 1000 : 1500], amplitude: 8000 })));
await new Promise((r) => setTimeout(r, 1000)); // warm-up
const before = legs.reduce((s, l) => s + l.stats.packetsReceived, 0);
const cpu = process.cpuUsage();
const t1 = performance.now();
await new Promise((r) => setTimeout(r, seconds * 1000));
const used = process.cpuUsage(cpu);
const wall = performance.now() - t1;
const received = legs.reduce((s, l) => s + l.stats.packetsReceived, 0) - before;
const cpuPercent = ((used.user + used.system) / 1000 / wall) * 100;
const expected = (legs.length * wall) / 20;

const result = {
  bench: 'webrtc',
  pairs,
  legs: legs.length,
  concurrency,
  setupP50Ms: round(percentile(setupMs, 50)),
  setupP95Ms: round(percentile(setupMs, 95)),
  legsSetUpPerSecond: round((legs.length * 1000) / setupWall),
  setupCpuMsPerLeg: round(setupCpuMs / legs.length),
  seconds,
  cpuPercent: round(cpuPercent),
  cpuPercentPerLeg: round(cpuPercent / legs.length, 3),
  receivedPercent: round((received / expected) * 100),
  pacerLatenessP99Ms: round(pacer.lateness.percentile(99)),
  // Lateness is wall-clock timing: on a shared host it measures the neighbours as much as the code.
  loadAverage1m: round(loadavg()[0]!),
  cpuPressureSomeAvg10: cpuPressure(),
};
console.log(
  `carrying audio: CPU ${result.cpuPercent}% of one core for ${legs.length} legs = ${result.cpuPercentPerLeg}% per leg; ` +
    `${result.receivedPercent}% of expected packets received; pacer lateness p99 ${result.pacerLatenessP99Ms} ms`,
);
for (const l of legs) l.close();
pacer.close();
console.log(JSON.stringify(result));
// werift keeps timers of closed connections for a while; the figures are out, so leave.
process.exit(0);
