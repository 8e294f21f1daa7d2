// Word vectors learnt from unlabelled citizen messages (skip-gram with negative sampling,
// Mikolov et al. 2013), and the document vector of a text: the IDF-weighted mean of its words'
// vectors, L2-normalised.
//
// Why: a title has a handful of words, and a linear model over n-grams knows nothing about a word
// it never saw with a label. Vectors learnt from the thousands of unlabelled messages and replies
// place 银行 near 储蓄/存折 and 噪音 near 噪声/扰民, so the document vector carries meaning the
// labelled data alone does not. Pure TypeScript; training takes a couple of minutes on one core.

import { normalizeText, segmentWords } from './features.ts';
import { b64, fromB64, rng } from './numeric.ts';

export interface EmbeddingOptions {
  dim: number;
  window: number;
  negatives: number;
  epochs: number;
  minCount: number;
  /** Frequent-word subsampling threshold. */
  sample: number;
  learningRate: number;
  /** Characters of normalised text that are tokenised. */
  maxChars: number;
  seed: number;
  log?: (msg: string) => void;
}

export const DEFAULT_EMBEDDING_OPTIONS: EmbeddingOptions = {
  dim: 100,
  window: 5,
  negatives: 5,
  epochs: 5,
  minCount: 3,
  sample: 1e-4,
  learningRate: 0.025,
  maxChars: 3000,
  seed: 1,
};

export const EMBEDDINGS_FORMAT = 'hotline12345-word-vectors';

/** Word tokens of a raw text (ICU word segmentation of the normalised text). */
export function wordTokens(raw: unknown, maxChars: number): string[] {
  return segmentWords(normalizeText(raw, maxChars));
}

export class WordVectors {
  readonly words: string[];
  readonly dim: number;
  readonly maxChars: number;
  /** Row-major vectors, `words.length × dim`. */
  readonly vectors: Float32Array;
  readonly idf: Float32Array;
  private readonly index: Map<string, number>;

  constructor(words: string[], dim: number, vectors: Float32Array, idf: Float32Array, maxChars: number) {
    if (vectors.length !== words.length * dim) throw new Error('word vectors do not match the vocabulary');
    if (idf.length !== words.length) throw new Error('idf does not match the vocabulary');
    this.words = words;
    this.dim = dim;
    this.vectors = vectors;
    this.idf = idf;
    this.maxChars = maxChars;
    this.index = new Map(words.map((w, i) => [w, i]));
  }

  has(word: string): boolean {
    return this.index.has(word);
  }

  /** IDF-weighted mean of the word vectors of a text, L2-normalised (zero when no word is known). */
  documentVector(raw: unknown): Float64Array {
    const x = new Float64Array(this.dim);
    const d = this.dim;
    for (const w of wordTokens(raw, this.maxChars)) {
      const v = this.index.get(w);
      if (v === undefined) continue;
      const weight = this.idf[v] as number;
      const base = v * d;
      for (let k = 0; k < d; k++) x[k] = (x[k] as number) + weight * (this.vectors[base + k] as number);
    }
    let n = 0;
    for (let k = 0; k < d; k++) n += (x[k] as number) ** 2;
    if (n > 0) {
      const inv = 1 / Math.sqrt(n);
      for (let k = 0; k < d; k++) x[k] = (x[k] as number) * inv;
    }
    return x;
  }

  /** Cosine similarity of two known words (NaN when either is unknown). */
  similarity(a: string, b: string): number {
    const i = this.index.get(a);
    const j = this.index.get(b);
    if (i === undefined || j === undefined) return NaN;
    let dot = 0;
    let na = 0;
    let nb = 0;
    for (let k = 0; k < this.dim; k++) {
      const x = this.vectors[i * this.dim + k] as number;
      const y = this.vectors[j * this.dim + k] as number;
      dot += x * y;
      na += x * x;
      nb += y * y;
    }
    return dot / Math.sqrt(na * nb || 1);
  }

  toJSON(): unknown {
    // Vectors are stored as int8 with one scale per word: 4× smaller, no measurable loss.
    const d = this.dim;
    const q = new Int8Array(this.vectors.length);
    const scales = new Float32Array(this.words.length);
    for (let v = 0; v < this.words.length; v++) {
      let max = 0;
      for (let k = 0; k < d; k++) max = Math.max(max, Math.abs(this.vectors[v * d + k] as number));
      const s = max > 0 ? max / 127 : 1;
      scales[v] = s;
      for (let k = 0; k < d; k++) q[v * d + k] = Math.round((this.vectors[v * d + k] as number) / s);
    }
    return { format: EMBEDDINGS_FORMAT, version: 1, dim: d, maxChars: this.maxChars, words: this.words.join('\n'), scales: b64(scales), idf: b64(this.idf), vectors: b64(q) };
  }

  static fromJSON(json: unknown): WordVectors {
    const o = json as Record<string, unknown>;
    if (!o || o.format !== EMBEDDINGS_FORMAT || o.version !== 1) throw new Error('not a word-vector model');
    const words = String(o.words).split('\n');
    const d = Number(o.dim);
    if (!Number.isInteger(d) || d <= 0) throw new Error('corrupt word vectors: bad dimension');
    const scales = new Float32Array(fromB64(String(o.scales), words.length * 4));
    const q = new Int8Array(fromB64(String(o.vectors), words.length * d));
    const vectors = new Float32Array(q.length);
    for (let v = 0; v < words.length; v++) for (let k = 0; k < d; k++) vectors[v * d + k] = (q[v * d + k] as number) * (scales[v] as number);
    return new WordVectors(words, d, vectors, new Float32Array(fromB64(String(o.idf), words.length * 4)), Number(o.maxChars));
  }
}

/** Learns word vectors from raw texts (no labels). */
export function trainWordVectors(texts: readonly string[], options: Partial<EmbeddingOptions> = {}): WordVectors {
  const opt = { ...DEFAULT_EMBEDDING_OPTIONS, ...options };
  const log = opt.log ?? (() => {});
  const docs = texts.map((t) => wordTokens(t, opt.maxChars));
  const count = new Map<string, number>();
  for (const d of docs) for (const w of d) count.set(w, (count.get(w) ?? 0) + 1);
  const words = [...count].filter(([, c]) => c >= opt.minCount).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([w]) => w);
  const V = words.length;
  if (V < 2) throw new Error('too little text to learn word vectors');
  const id = new Map(words.map((w, i) => [w, i]));
  const ids = docs.map((d) => Int32Array.from(d.map((w) => id.get(w) ?? -1).filter((v) => v >= 0)));
  const freq = Float64Array.from(words, (w) => count.get(w) as number);
  const total = freq.reduce((a, b) => a + b, 0);
  log(`word vectors: ${total} tokens, ${V} words`);

  // Negative-sampling table over unigram^0.75.
  const TABLE = Math.min(1e7, Math.max(1e5, V * 100));
  const table = new Int32Array(TABLE);
  {
    let z = 0;
    for (let v = 0; v < V; v++) z += (freq[v] as number) ** 0.75;
    let acc = 0;
    let i = 0;
    for (let v = 0; v < V; v++) {
      acc += (freq[v] as number) ** 0.75 / z;
      while (i < TABLE && i / TABLE < acc) table[i++] = v;
    }
    while (i < TABLE) table[i++] = V - 1;
  }
  const keep = Float64Array.from(freq, (f) => {
    const r = f / total;
    return Math.min(1, (Math.sqrt(r / opt.sample) + 1) * (opt.sample / r));
  });

  const D = opt.dim;
  const rand = rng(opt.seed);
  const W = Float32Array.from({ length: V * D }, () => (rand() - 0.5) / D);
  const C = new Float32Array(V * D);
  const grad = new Float32Array(D);
  const kept = new Int32Array(ids.reduce((m, d) => Math.max(m, d.length), 0));
  const steps = opt.epochs * total;
  let step = 0;
  const t0 = performance.now();
  for (let epoch = 0; epoch < opt.epochs; epoch++) {
    for (const d of ids) {
      let n = 0;
      for (let i = 0; i < d.length; i++) if (rand() < (keep[d[i] as number] as number)) kept[n++] = d[i] as number;
      step += d.length;
      const lr = Math.max(opt.learningRate * 1e-4, opt.learningRate * (1 - step / steps));
      for (let i = 0; i < n; i++) {
        const centre = kept[i] as number;
        const shrink = Math.floor(rand() * opt.window);
        const lo = Math.max(0, i - opt.window + shrink);
        const hi = Math.min(n - 1, i + opt.window - shrink);
        for (let j = lo; j <= hi; j++) {
          if (j === i) continue;
          const inBase = (kept[j] as number) * D;
          grad.fill(0);
          for (let s = 0; s <= opt.negatives; s++) {
            const target = s === 0 ? centre : (table[Math.floor(rand() * TABLE)] as number);
            if (s > 0 && target === centre) continue;
            const outBase = target * D;
            let dot = 0;
            for (let k = 0; k < D; k++) dot += (W[inBase + k] as number) * (C[outBase + k] as number);
            const clipped = dot > 6 ? 6 : dot < -6 ? -6 : dot;
            const g = ((s === 0 ? 1 : 0) - 1 / (1 + Math.exp(-clipped))) * lr;
            for (let k = 0; k < D; k++) {
              grad[k] = (grad[k] as number) + g * (C[outBase + k] as number);
              C[outBase + k] = (C[outBase + k] as number) + g * (W[inBase + k] as number);
            }
          }
          for (let k = 0; k < D; k++) W[inBase + k] = (W[inBase + k] as number) + (grad[k] as number);
        }
      }
    }
    log(`word vectors: epoch ${epoch + 1}/${opt.epochs} (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
  }
  const df = new Float64Array(V);
  for (const d of ids) for (const v of new Set(d)) df[v] = (df[v] as number) + 1;
  const idf = Float32Array.from(df, (n) => Math.log((1 + ids.length) / (1 + n)) + 1);
  // Returned in its stored (int8) form, so a model predicts the same before and after saving.
  return WordVectors.fromJSON(new WordVectors(words, D, W, idf, opt.maxChars).toJSON());
}
