// A fixed-bucket histogram of durations (ms): constant memory and O(1) recording, so the pacer
// can measure every send of every call for the whole life of the process.

export class DurationHistogram {
  readonly resolutionMs: number;
  readonly #buckets: Uint32Array;
  #count = 0;
  #max = 0;
  #sum = 0;

  /** Buckets of `resolutionMs` up to `rangeMs`; larger values land in the last bucket (max stays exact). */
  constructor(resolutionMs = 0.05, rangeMs = 200) {
    this.resolutionMs = resolutionMs;
    this.#buckets = new Uint32Array(Math.ceil(rangeMs / resolutionMs) + 1);
  }

  record(ms: number): void {
    const v = ms < 0 ? 0 : ms;
    const i = Math.min(this.#buckets.length - 1, Math.floor(v / this.resolutionMs));
    this.#buckets[i]!++;
    this.#count++;
    this.#sum += v;
    if (v > this.#max) this.#max = v;
  }

  get count(): number {
    return this.#count;
  }
  get max(): number {
    return this.#max;
  }
  get mean(): number {
    return this.#count ? this.#sum / this.#count : Number.NaN;
  }

  /** The p-th percentile (0–100), as the upper edge of its bucket (never above the max); NaN when empty. */
  percentile(p: number): number {
    if (this.#count === 0) return Number.NaN;
    const rank = Math.max(1, Math.ceil((p / 100) * this.#count));
    let seen = 0;
    for (let i = 0; i < this.#buckets.length; i++) {
      seen += this.#buckets[i]!;
      if (seen >= rank) return i === this.#buckets.length - 1 ? this.#max : Math.min(this.#max, (i + 1) * this.resolutionMs);
    }
    return this.#max;
  }

  reset(): void {
    this.#buckets.fill(0);
    this.#count = 0;
    this.#max = 0;
    this.#sum = 0;
  }
}
