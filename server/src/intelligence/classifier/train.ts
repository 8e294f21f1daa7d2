// Training: vocabulary and IDF from the training texts, then one-vs-rest linear SVMs (L2-loss,
// solved in the dual by coordinate descent as in LIBLINEAR) on NB-scaled features (NB-SVM,
// Wang & Manning 2012). The NB scaling and the interpolation towards the mean weight are folded
// into a single weight matrix, so prediction is one sparse dot product per class.

import { countFeatures, DEFAULT_FEATURE_CONFIG } from './features.ts';
import type { FeatureConfig, FeatureCounts } from './features.ts';
import { HashIndex, LinearTextClassifier, softmax, vectorizeCounts } from './model.ts';
import type { ModelMeta, SparseVector } from './model.ts';
import { rng } from './numeric.ts';

export { rng } from './numeric.ts';

export interface TrainOptions {
  features: FeatureConfig;
  /** Features seen in fewer training texts are dropped. */
  minDf: number;
  /** SVM regularisation: larger fits the training data harder. */
  C: number;
  /** Maximum passes of dual coordinate descent. */
  maxEpochs: number;
  /** Stop when the projected-gradient spread falls below this. */
  tolerance: number;
  /** NB-SVM: scale features by the per-class log-count ratio. 0 disables. */
  nbAlpha: number;
  /** NB-SVM interpolation between the mean weight (0) and the SVM weights (1). */
  nbBeta: number;
  /** Weight classes inversely to their frequency (helps macro-F1). */
  balanced: boolean;
  /** Softmax temperature; when undefined it is fitted on the training scores with a margin shrink. */
  temperature?: number;
  /** Drop features whose largest absolute weight is below this (model size). */
  pruneBelow: number;
  seed: number;
  meta?: ModelMeta;
  log?: (msg: string) => void;
}

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = {
  features: DEFAULT_FEATURE_CONFIG,
  minDf: 2,
  C: 1,
  maxEpochs: 15,
  tolerance: 0.1,
  nbAlpha: 1,
  nbBeta: 1,
  balanced: true,
  pruneBelow: 0,
  seed: 1,
};

export interface LabeledText {
  label: string;
  text: string;
}

export function shuffleInPlace<T>(a: T[], rand: () => number): T[] {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const t = a[i] as T;
    a[i] = a[j] as T;
    a[j] = t;
  }
  return a;
}

/** Featurises texts once so several trainings (e.g. a parameter search) can share the work. */
export function featurizeAll(texts: readonly string[], cfg: FeatureConfig): FeatureCounts[] {
  return texts.map((t) => countFeatures(t, cfg));
}

export function train(data: readonly LabeledText[], options: Partial<TrainOptions> = {}, precomputed?: FeatureCounts[]): LinearTextClassifier {
  const opt: TrainOptions = { ...DEFAULT_TRAIN_OPTIONS, ...options };
  const log = opt.log ?? (() => {});
  if (data.length === 0) throw new Error('no training data');
  const labels = [...new Set(data.map((d) => d.label))].sort();
  if (labels.length < 2) throw new Error('training data needs at least two labels');
  const K = labels.length;
  const y = Int32Array.from(data.map((d) => labels.indexOf(d.label)));
  const docs = precomputed ?? featurizeAll(data.map((d) => d.text), opt.features);

  // Vocabulary: features present in at least minDf training texts.
  const df = new Map<number, number>();
  for (const d of docs) for (const h of d.hashes) df.set(h, (df.get(h) ?? 0) + 1);
  const kept: number[] = [];
  for (const [h, n] of df) if (n >= opt.minDf) kept.push(h);
  const hashes = Uint32Array.from(kept).sort();
  const index = new HashIndex(hashes);
  const N = docs.length;
  const idf = new Float32Array(hashes.length);
  for (let i = 0; i < hashes.length; i++) idf[i] = Math.log((1 + N) / (1 + (df.get(hashes[i] as number) as number))) + 1;
  const X: SparseVector[] = docs.map((d) => vectorizeCounts(d, index, idf));
  const F = hashes.length;
  log(`vocabulary ${F} features from ${N} texts`);

  const classCount = new Float64Array(K);
  for (const c of y) classCount[c] = (classCount[c] as number) + 1;

  const weights = new Float32Array(F * K);
  const bias = new Float64Array(K);
  const rand = rng(opt.seed);
  for (let c = 0; c < K; c++) {
    // NB log-count ratio r = log((p/|p|1) / (q/|q|1)) on binarised features (document counts).
    let r: Float64Array | undefined;
    if (opt.nbAlpha > 0) {
      const p = new Float64Array(F).fill(opt.nbAlpha);
      const q = new Float64Array(F).fill(opt.nbAlpha);
      for (let i = 0; i < N; i++) {
        const t = y[i] === c ? p : q;
        const v = X[i] as SparseVector;
        for (let j = 0; j < v.idx.length; j++) {
          const f = v.idx[j] as number;
          t[f] = (t[f] as number) + 1;
        }
      }
      let sp = 0;
      let sq = 0;
      for (let j = 0; j < F; j++) {
        sp += p[j] as number;
        sq += q[j] as number;
      }
      r = new Float64Array(F);
      for (let j = 0; j < F; j++) r[j] = Math.log((p[j] as number) / sp / ((q[j] as number) / sq));
    }
    const pos = classCount[c] as number;
    const neg = N - pos;
    const Cp = opt.balanced ? (opt.C * N) / (2 * pos) : opt.C;
    const Cn = opt.balanced ? (opt.C * N) / (2 * neg) : opt.C;
    // NB-scaled copies of the vectors for this class (the SVM then needs no per-feature gather).
    const Xc = r ? X.map((v) => ({ idx: v.idx, val: v.val.map((x, j) => x * (r[v.idx[j] as number] as number)) })) : X;
    const { w, b, epochs, gap } = svmDual(Xc, y, c, F, Cp, Cn, opt, rand);
    let wMean = 0;
    if (opt.nbAlpha > 0 && opt.nbBeta < 1) {
      for (let j = 0; j < F; j++) wMean += Math.abs(w[j] as number);
      wMean /= F;
    }
    for (let j = 0; j < F; j++) {
      let wj = w[j] as number;
      if (opt.nbAlpha > 0) wj = ((1 - opt.nbBeta) * wMean + opt.nbBeta * wj) * (r as Float64Array)[j]!;
      weights[j * K + c] = wj;
    }
    bias[c] = b;
    log(`class ${labels[c]}: ${pos} positives, ${epochs} epochs, gradient gap ${gap.toFixed(3)}`);
  }

  let model = new LinearTextClassifier({ labels, features: opt.features, hashes, idf, weights, bias, temperature: 1 });
  if (opt.pruneBelow > 0) model = prune(model, opt.pruneBelow);
  model.temperature = opt.temperature ?? 3;
  Object.assign(model.meta, { trainedAt: new Date().toISOString(), examples: N }, opt.meta ?? {});
  // Round-trip through the stored (quantised) form so the in-memory model predicts exactly as a loaded one.
  return LinearTextClassifier.fromJSON(model.toJSON());
}

/** L2-regularised L2-loss SVM, dual coordinate descent (Hsieh et al. 2008), bias as a constant feature. */
function svmDual(
  X: readonly SparseVector[],
  y: Int32Array,
  cls: number,
  F: number,
  Cp: number,
  Cn: number,
  opt: TrainOptions,
  rand: () => number,
): { w: Float64Array; b: number; epochs: number; gap: number } {
  const N = X.length;
  const w = new Float64Array(F);
  let b = 0;
  const B = 1; // value of the constant bias feature
  const alpha = new Float64Array(N);
  const qd = new Float64Array(N);
  const sign = new Int8Array(N);
  const diag = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    const v = X[i] as SparseVector;
    sign[i] = y[i] === cls ? 1 : -1;
    diag[i] = 0.5 / (sign[i] === 1 ? Cp : Cn);
    let sq = B * B;
    for (let j = 0; j < v.idx.length; j++) sq += (v.val[j] as number) * (v.val[j] as number);
    qd[i] = sq + (diag[i] as number);
  }
  const order = Int32Array.from({ length: N }, (_, i) => i);
  let epochs = 0;
  let gap = Infinity;
  for (let epoch = 0; epoch < opt.maxEpochs; epoch++) {
    for (let i = N - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      const t = order[i] as number;
      order[i] = order[j] as number;
      order[j] = t;
    }
    let maxPG = -Infinity;
    let minPG = Infinity;
    for (let o = 0; o < N; o++) {
      const i = order[o] as number;
      const v = X[i] as SparseVector;
      const yi = sign[i] as number;
      let dot = b * B;
      for (let j = 0; j < v.idx.length; j++) dot += (w[v.idx[j] as number] as number) * (v.val[j] as number);
      const a = alpha[i] as number;
      const G = yi * dot - 1 + a * (diag[i] as number);
      const PG = a === 0 ? Math.min(G, 0) : G;
      if (PG > maxPG) maxPG = PG;
      if (PG < minPG) minPG = PG;
      if (Math.abs(PG) > 1e-12) {
        const na = Math.max(a - G / (qd[i] as number), 0);
        const d = (na - a) * yi;
        alpha[i] = na;
        for (let j = 0; j < v.idx.length; j++) {
          const f = v.idx[j] as number;
          w[f] = (w[f] as number) + d * (v.val[j] as number);
        }
        b += d * B;
      }
    }
    epochs = epoch + 1;
    gap = maxPG - minPG;
    if (gap < opt.tolerance) break;
  }
  return { w, b: b * B, epochs, gap };
}

/** Drops vocabulary features whose weights are all tiny. */
export function prune(model: LinearTextClassifier, threshold: number): LinearTextClassifier {
  const K = model.labels.length;
  const keep: number[] = [];
  for (let f = 0; f < model.hashes.length; f++) {
    let m = 0;
    for (let c = 0; c < K; c++) m = Math.max(m, Math.abs(model.weights[f * K + c] as number));
    if (m >= threshold) keep.push(f);
  }
  const weights = new Float32Array(keep.length * K);
  keep.forEach((f, i) => weights.set(model.weights.subarray(f * K, f * K + K), i * K));
  return new LinearTextClassifier({
    labels: model.labels,
    features: model.features,
    hashes: Uint32Array.from(keep.map((f) => model.hashes[f] as number)),
    idf: Float32Array.from(keep.map((f) => model.idf[f] as number)),
    weights,
    bias: model.bias,
    temperature: model.temperature,
    meta: model.meta,
  });
}

/** Fits the softmax temperature that minimises log-loss on held-out scores (golden-section search). */
export function fitTemperature(scores: readonly Float64Array[], gold: readonly number[]): number {
  const loss = (t: number): number => {
    let l = 0;
    for (let i = 0; i < scores.length; i++) l -= Math.log(Math.max(softmax(scores[i] as Float64Array, t)[gold[i] as number] as number, 1e-12));
    return l;
  };
  let lo = 0.1;
  let hi = 50;
  const g = (Math.sqrt(5) - 1) / 2;
  let a = hi - g * (hi - lo);
  let bb = lo + g * (hi - lo);
  let la = loss(a);
  let lb = loss(bb);
  for (let it = 0; it < 60; it++) {
    if (la < lb) {
      hi = bb;
      bb = a;
      lb = la;
      a = hi - g * (hi - lo);
      la = loss(a);
    } else {
      lo = a;
      a = bb;
      la = lb;
      bb = lo + g * (hi - lo);
      lb = loss(bb);
    }
  }
  return (lo + hi) / 2;
}

/**
 * The sum of two linear models trained on the same texts with the same features (so the same
 * vocabulary and IDF): scoring with it equals adding the two models' scores. Used to fold the
 * plain SVM into the NB-SVM of the same features.
 */
export function addModels(a: LinearTextClassifier, b: LinearTextClassifier): LinearTextClassifier {
  const same = a.labels.join('\n') === b.labels.join('\n') && a.hashes.length === b.hashes.length && a.hashes.every((h, i) => h === b.hashes[i]);
  if (!same) throw new Error('models differ in labels or vocabulary');
  const weights = new Float32Array(a.weights.length);
  for (let i = 0; i < weights.length; i++) weights[i] = (a.weights[i] as number) + (b.weights[i] as number);
  const bias = Float64Array.from(a.bias, (x, c) => x + (b.bias[c] as number));
  const sum = new LinearTextClassifier({ labels: a.labels, features: a.features, hashes: a.hashes, idf: a.idf, weights, bias, temperature: a.temperature, meta: a.meta });
  return LinearTextClassifier.fromJSON(sum.toJSON());
}
