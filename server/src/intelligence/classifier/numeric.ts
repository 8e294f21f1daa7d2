// Small numeric helpers shared by the classifier's models: a seeded PRNG and base64 packing of
// typed arrays for the JSON model files.

/** Deterministic PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function b64(a: ArrayBufferView): string {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
}

export function fromB64(s: string, expectedBytes: number): ArrayBuffer {
  const buf = Buffer.from(s, 'base64');
  if (buf.length !== expectedBytes) throw new Error('corrupt model: array length mismatch');
  // Copy into a fresh, aligned ArrayBuffer.
  const out = new ArrayBuffer(buf.length);
  new Uint8Array(out).set(buf);
  return out;
}
