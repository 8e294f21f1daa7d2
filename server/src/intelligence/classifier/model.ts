// The linear classifier: hashed sublinear TF-IDF features, one weight row per feature, softmax
// over the class scores for confidences, and per-feature contributions for explanations.

import { countFeatures, DEFAULT_FEATURE_CONFIG } from './features.ts';
import type { FeatureConfig } from './features.ts';
import { decodeModel, encodeModel, readModelFile, writeModelFile } from './modelFile.ts';
import { b64, fromB64 } from './numeric.ts';

export interface RankedLabel {
  label: string;
  confidence: number;
}

export interface Prediction {
  label: string;
  confidence: number;
  ranked: RankedLabel[];
  /** Words / character n-grams of the text that pushed most towards the predicted label. */
  evidence: string[];
}

export interface ModelMeta {
  trainedAt?: string;
  examples?: number;
  [key: string]: unknown;
}

export interface ModelParams {
  labels: string[];
  features: FeatureConfig;
  /** Sorted distinct feature hashes (the vocabulary). */
  hashes: Uint32Array;
  /** Inverse document frequency of each vocabulary feature. */
  idf: Float32Array;
  /** Row-major [feature][label] weights. */
  weights: Float32Array;
  bias: Float64Array;
  /** Scores are multiplied by this before the softmax (calibration). */
  temperature: number;
  meta?: ModelMeta;
}

/** A sparse, L2-normalised TF-IDF vector over vocabulary indices. */
export interface SparseVector {
  idx: Int32Array;
  val: Float32Array;
}

export const MODEL_FORMAT = 'hotline12345-linear-text-classifier';
export const MODEL_VERSION = 1;

export class LinearTextClassifier {
  readonly labels: string[];
  readonly features: FeatureConfig;
  readonly hashes: Uint32Array;
  readonly idf: Float32Array;
  readonly weights: Float32Array;
  readonly bias: Float64Array;
  temperature: number;
  readonly meta: ModelMeta;
  private readonly index: HashIndex;

  constructor(p: ModelParams) {
    const k = p.labels.length;
    if (k < 2) throw new Error('a classifier needs at least two labels');
    if (p.idf.length !== p.hashes.length) throw new Error('idf and hashes differ in length');
    if (p.weights.length !== p.hashes.length * k) throw new Error('weights do not match vocabulary x labels');
    if (p.bias.length !== k) throw new Error('bias does not match labels');
    this.labels = p.labels;
    this.features = p.features;
    this.hashes = p.hashes;
    this.idf = p.idf;
    this.weights = p.weights;
    this.bias = p.bias;
    this.temperature = p.temperature;
    this.meta = p.meta ?? {};
    this.index = new HashIndex(p.hashes);
  }

  get vocabularySize(): number {
    return this.hashes.length;
  }

  /** TF-IDF vector of a raw text (features outside the vocabulary are dropped). */
  vectorize(text: unknown): SparseVector & { names?: string[] } {
    return vectorizeCounts(countFeatures(text, this.features), this.index, this.idf);
  }

  /** Raw class scores (before temperature and softmax). */
  scores(text: unknown): Float64Array {
    return this.scoreVector(this.vectorize(text));
  }

  scoreVector(v: SparseVector): Float64Array {
    const k = this.labels.length;
    const s = Float64Array.from(this.bias);
    const w = this.weights;
    for (let j = 0; j < v.idx.length; j++) {
      const base = (v.idx[j] as number) * k;
      const x = v.val[j] as number;
      for (let c = 0; c < k; c++) s[c] = (s[c] as number) + x * (w[base + c] as number);
    }
    return s;
  }

  /** Index of the best class (fast path for evaluation). */
  predictIndex(text: unknown): number {
    return argmax(this.scores(text));
  }

  probabilities(scores: Float64Array): Float64Array {
    return softmax(scores, this.temperature);
  }

  /** Ranked labels with confidences, and the strongest evidence for the winner. */
  predict(text: unknown, evidenceCount = 5): Prediction {
    const counts = countFeatures(text, this.features, evidenceCount > 0);
    const v = vectorizeCounts(counts, this.index, this.idf);
    const probs = this.probabilities(this.scoreVector(v));
    const order = [...probs.keys()].sort((a, b) => (probs[b] as number) - (probs[a] as number));
    const ranked = order.map((c) => ({ label: this.labels[c] as string, confidence: probs[c] as number }));
    const best = order[0] as number;
    const evidence = evidenceCount > 0 ? this.evidence(v, counts.names ?? [], best, evidenceCount) : [];
    return { label: ranked[0]!.label, confidence: ranked[0]!.confidence, ranked, evidence };
  }

  /** The words and n-grams of a text that push it most towards class index `cls`. */
  explain(text: unknown, cls: number, n = 5): string[] {
    return this.explainEach(text, [cls], n)[0] as string[];
  }

  /** `explain` for several classes, featurising the text once. */
  explainEach(text: unknown, classes: readonly number[], n = 5): string[][] {
    const counts = countFeatures(text, this.features, true);
    const v = vectorizeCounts(counts, this.index, this.idf);
    return classes.map((cls) => this.evidence(v, counts.names ?? [], cls, n));
  }

  private evidence(v: SparseVector & { pos?: Int32Array }, names: string[], cls: number, n: number): string[] {
    const k = this.labels.length;
    const items: { name: string; score: number }[] = [];
    for (let j = 0; j < v.idx.length; j++) {
      const f = v.idx[j] as number;
      const x = v.val[j] as number;
      const own = this.weights[f * k + cls] as number;
      // Contribution relative to the mean of the other classes: what makes this class win.
      let others = 0;
      for (let c = 0; c < k; c++) if (c !== cls) others += this.weights[f * k + c] as number;
      const score = x * (own - others / (k - 1));
      const name = names[v.pos ? (v.pos[j] as number) : j];
      if (score > 0 && name !== undefined) items.push({ name: name.startsWith('w:') ? name.slice(2) : name, score });
    }
    items.sort((a, b) => b.score - a.score);
    const out: string[] = [];
    for (const it of items) {
      // Single characters and bare digit tokens explain little to a person.
      if ([...it.name.replace(/0/g, '')].length < 2) continue;
      // Skip a feature contained in (or containing) one already chosen, e.g. "工资" after "拖欠工资".
      if (out.some((o) => o.includes(it.name) || it.name.includes(o))) continue;
      out.push(it.name);
      if (out.length >= n) break;
    }
    return out;
  }

  toJSON(): unknown {
    return {
      format: MODEL_FORMAT,
      version: MODEL_VERSION,
      labels: this.labels,
      features: this.features,
      temperature: this.temperature,
      meta: this.meta,
      bias: Array.from(this.bias),
      vocabularySize: this.hashes.length,
      hashes: b64(this.hashes),
      // idf and weights are stored as float16-like quantised int16 with a per-array scale.
      idf: quantize(this.idf),
      weights: quantize(this.weights),
    };
  }

  static fromJSON(json: unknown): LinearTextClassifier {
    const o = json as Record<string, any>;
    if (!o || o.format !== MODEL_FORMAT) throw new Error('not a hotline classifier model');
    if (o.version !== MODEL_VERSION) throw new Error(`unsupported model version ${String(o.version)}`);
    const n = Number(o.vocabularySize);
    const hashes = new Uint32Array(fromB64(String(o.hashes), n * 4));
    return new LinearTextClassifier({
      labels: o.labels as string[],
      features: { ...DEFAULT_FEATURE_CONFIG, ...(o.features as Partial<FeatureConfig>) },
      hashes,
      idf: dequantize(o.idf),
      weights: dequantize(o.weights),
      bias: Float64Array.from(o.bias as number[]),
      temperature: Number(o.temperature),
      meta: (o.meta ?? {}) as ModelMeta,
    });
  }

  /** Serialised model bytes; gzip-compressed when asked. */
  serialize(gzip: boolean): Buffer {
    return encodeModel(this.toJSON(), gzip);
  }

  save(file: string): number {
    return writeModelFile(file, this.toJSON());
  }

  static deserialize(bytes: Buffer): LinearTextClassifier {
    return LinearTextClassifier.fromJSON(decodeModel(bytes));
  }

  static load(file: string): LinearTextClassifier {
    return LinearTextClassifier.fromJSON(readModelFile(file));
  }

}

/** Sublinear TF-IDF, L2-normalised, over vocabulary features only. `pos` maps back to `counts`. */
export function vectorizeCounts(
  counts: { hashes: number[]; counts: number[]; names?: string[] },
  index: { get(hash: number): number | undefined },
  idf: Float32Array,
): SparseVector & { pos: Int32Array } {
  const idx: number[] = [];
  const val: number[] = [];
  const pos: number[] = [];
  let norm = 0;
  for (let i = 0; i < counts.hashes.length; i++) {
    const f = index.get(counts.hashes[i] as number);
    if (f === undefined) continue;
    const x = (1 + Math.log(counts.counts[i] as number)) * (idf[f] as number);
    idx.push(f);
    val.push(x);
    pos.push(i);
    norm += x * x;
  }
  const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  const v = new Float32Array(val.length);
  for (let i = 0; i < val.length; i++) v[i] = (val[i] as number) * inv;
  return { idx: Int32Array.from(idx), val: v, pos: Int32Array.from(pos) };
}

/** Open-addressing hash table from feature hash to vocabulary index (faster than a Map). */
export class HashIndex {
  private readonly keys: Int32Array;
  private readonly values: Int32Array;
  private readonly mask: number;

  constructor(hashes: ArrayLike<number>) {
    let cap = 16;
    while (cap < hashes.length * 2) cap *= 2;
    this.mask = cap - 1;
    this.keys = new Int32Array(cap).fill(-1);
    this.values = new Int32Array(cap);
    for (let i = 0; i < hashes.length; i++) {
      const h = hashes[i] as number;
      let slot = mix(h) & this.mask;
      while (this.keys[slot] !== -1 && this.keys[slot] !== h) slot = (slot + 1) & this.mask;
      this.keys[slot] = h;
      this.values[slot] = i;
    }
  }

  get(hash: number): number | undefined {
    let slot = mix(hash) & this.mask;
    for (;;) {
      const k = this.keys[slot] as number;
      if (k === hash) return this.values[slot];
      if (k === -1) return undefined;
      slot = (slot + 1) & this.mask;
    }
  }
}

function mix(h: number): number {
  return Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) >>> 0;
}

export function argmax(a: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < a.length; i++) if ((a[i] as number) > (a[best] as number)) best = i;
  return best;
}

export function softmax(scores: ArrayLike<number>, temperature = 1): Float64Array {
  const out = new Float64Array(scores.length);
  let max = -Infinity;
  for (let i = 0; i < scores.length; i++) max = Math.max(max, (scores[i] as number) * temperature);
  let sum = 0;
  for (let i = 0; i < scores.length; i++) {
    const e = Math.exp((scores[i] as number) * temperature - max);
    out[i] = e;
    sum += e;
  }
  for (let i = 0; i < out.length; i++) out[i] = (out[i] as number) / sum;
  return out;
}

interface Quantized {
  scale: number;
  length: number;
  data: string;
}

function quantize(a: Float32Array): Quantized {
  let max = 0;
  for (const x of a) max = Math.max(max, Math.abs(x));
  const scale = max > 0 ? max / 32767 : 1;
  const q = new Int16Array(a.length);
  for (let i = 0; i < a.length; i++) q[i] = Math.round((a[i] as number) / scale);
  return { scale, length: a.length, data: b64(q) };
}

function dequantize(q: Quantized): Float32Array {
  const ints = new Int16Array(fromB64(q.data, q.length * 2));
  const out = new Float32Array(q.length);
  for (let i = 0; i < q.length; i++) out[i] = (ints[i] as number) * q.scale;
  return out;
}
