// Synthetic signals for the media tests (and the benchmark): sines and seeded noise.

/** A small deterministic PRNG (mulberry32), so noisy tests fail the same way every run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The sum of sines of the given frequencies, each of amplitude `amplitude`, as 16-bit samples. */
export function sine(freqs: number | readonly number[], amplitude: number, samples: number, sampleRate = 8000): Int16Array {
  const fs = typeof freqs === 'number' ? [freqs] : freqs;
  return Int16Array.from({ length: samples }, (_, i) => Math.round(fs.reduce((s, f) => s + amplitude * Math.sin((2 * Math.PI * f * i) / sampleRate), 0)));
}

/** Uniform white noise of peak `amplitude`. */
export function noise(amplitude: number, samples: number, seed = 1): Int16Array {
  const r = prng(seed);
  return Int16Array.from({ length: samples }, () => Math.round((r() * 2 - 1) * amplitude));
}

export function add(a: Int16Array, b: Int16Array): Int16Array {
  return Int16Array.from(a, (x, i) => Math.max(-32768, Math.min(32767, x + (b[i] ?? 0))));
}

export function concat(...parts: Int16Array[]): Int16Array {
  const out = new Int16Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
