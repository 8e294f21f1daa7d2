// SIP parser throughput: messages parsed per second over the RFC 4475/5118 torture corpus (valid
// and invalid alike — rejecting fast matters as much as accepting) and over a typical INVITE with
// an SDP offer. Each figure is the best of several timed rounds after a warm-up, to damp noise
// from other processes; the per-CPU-second figure (process CPU time instead of wall time) is
// printed too because it is less sensitive to a busy machine.
//   npx tsx bench/sip-parser.ts
// The last line printed is one JSON object for CI to pick up.

import { availableParallelism, loadavg } from 'node:os';
import { parseMessage } from '../telephony/src/index.ts';
import { CORPUS_SKIP_MESSAGE, loadCorpus } from '../telephony/src/testing/corpus.ts';
import { TYPICAL_INVITE } from '../telephony/src/testing/fixtures.ts';

const WARMUP_MS = 1500;
const ROUND_MS = 250;
const ROUNDS = 20;

interface Rate {
  wall: number;
  cpu: number;
}

/** Parses `msgs` round-robin for about `ms` milliseconds; returns messages per second. */
function run(msgs: readonly Buffer[], ms: number): Rate {
  let n = 0;
  let accepted = 0;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  let t = t0;
  while (t - t0 < ms) {
    for (let k = 0; k < 100; k++) {
      for (const m of msgs) if (parseMessage(m, { transport: 'udp' }).ok) accepted++;
    }
    n += 100 * msgs.length;
    t = performance.now();
  }
  const c = process.cpuUsage(c0);
  if (accepted < 0) console.log(accepted); // keep the results observable
  return { wall: n / ((t - t0) / 1000), cpu: n / ((c.user + c.system) / 1e6) };
}

function measure(name: string, msgs: readonly Buffer[]): Rate {
  run(msgs, WARMUP_MS);
  const best: Rate = { wall: 0, cpu: 0 };
  for (let i = 0; i < ROUNDS; i++) {
    const r = run(msgs, ROUND_MS);
    best.wall = Math.max(best.wall, r.wall);
    best.cpu = Math.max(best.cpu, r.cpu);
  }
  const fmt = (x: number): string => Math.round(x).toLocaleString('en-US');
  console.log(`${name}: ${fmt(best.wall)} msgs/s (${fmt(best.cpu)} per CPU-second; best of ${ROUNDS} × ${ROUND_MS} ms)`);
  return { wall: Math.round(best.wall), cpu: Math.round(best.cpu) };
}

console.log(`node ${process.version}, ${availableParallelism()} CPU(s), load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
const corpus = loadCorpus(import.meta.url);
let torture: Rate | null = null;
if (corpus === null) {
  console.log(`torture corpus: ${CORPUS_SKIP_MESSAGE}`);
} else {
  const accepted = corpus.filter((e) => parseMessage(e.bytes, { transport: 'udp' }).ok).length;
  console.log(`torture corpus: ${corpus.length} messages (${accepted} accepted, ${corpus.length - accepted} rejected)`);
  torture = measure('torture corpus', corpus.map((e) => e.bytes));
}
const invite = measure(`typical INVITE with SDP (${TYPICAL_INVITE.length} bytes)`, [TYPICAL_INVITE]);

console.log(
  JSON.stringify({
    bench: 'sip-parser',
    tortureMsgsPerSecond: torture?.wall ?? null,
    inviteMsgsPerSecond: invite.wall,
    tortureMsgsPerCpuSecond: torture?.cpu ?? null,
    inviteMsgsPerCpuSecond: invite.cpu,
  }),
);
