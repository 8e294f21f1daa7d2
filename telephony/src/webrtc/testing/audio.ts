// Test helpers for media legs: keep what a leg hears, wait for a condition.

export interface AudioEmitter {
  on(event: 'audio', listener: (pcm: Int16Array) => void): unknown;
}

/** Keeps the last few seconds a leg received. */
export class Listener {
  #chunks: Int16Array[] = [];
  #total = 0;

  constructor(leg: AudioEmitter, readonly keepSamples = 16000) {
    leg.on('audio', (pcm) => {
      this.#chunks.push(pcm);
      this.#total += pcm.length;
      while (this.#total - this.#chunks[0]!.length >= this.keepSamples) this.#total -= this.#chunks.shift()!.length;
    });
  }

  get received(): number {
    return this.#total;
  }

  /** The last `n` samples, or null while fewer arrived. */
  last(n: number): Int16Array | null {
    if (this.#total < n) return null;
    const all = new Int16Array(this.#total);
    let at = 0;
    for (const c of this.#chunks) {
      all.set(c, at);
      at += c.length;
    }
    return all.subarray(this.#total - n);
  }
}

/** Polls `check` every 50 ms until it holds; rejects after `timeoutMs`. */
export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
