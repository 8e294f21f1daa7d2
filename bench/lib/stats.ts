// Latency and rate figures for the benchmarks: nearest-rank percentiles over recorded samples.

/** The p-th percentile (0–100) of `samples` by the nearest-rank method; NaN when empty. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export interface LatencySummary {
  count: number;
  p50: number;
  p99: number;
  max: number;
  mean: number;
}

export function summarize(samples: readonly number[]): LatencySummary {
  const mean = samples.length ? samples.reduce((a, b) => a + b, 0) / samples.length : Number.NaN;
  return { count: samples.length, p50: percentile(samples, 50), p99: percentile(samples, 99), max: percentile(samples, 100), mean };
}

/** Rounds to `digits` decimals for printing and for the JSON line. */
export function round(x: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

export function fmtMs(x: number): string {
  return `${x.toFixed(x < 10 ? 2 : 1)} ms`;
}

export function fmtInt(x: number): string {
  return Math.round(x).toLocaleString('en-US');
}

export function describe(s: LatencySummary): string {
  return `p50 ${fmtMs(s.p50)}, p99 ${fmtMs(s.p99)}, max ${fmtMs(s.max)} (n=${s.count})`;
}
