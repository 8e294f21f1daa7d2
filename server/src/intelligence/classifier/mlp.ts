// A small feed-forward network (one ReLU hidden layer, softmax output) over dense document
// vectors, trained with Adam on a class-balanced cross-entropy. It is the ensemble's "meaning"
// member: on word-vector averages it is much weaker than the n-gram SVMs alone, but it errs on
// different messages, which is what an ensemble needs.

import { b64, fromB64, rng } from './numeric.ts';

export interface MlpOptions {
  hidden: number;
  epochs: number;
  learningRate: number;
  batch: number;
  /** L2 penalty on all parameters. */
  l2: number;
  seed: number;
}

export const DEFAULT_MLP_OPTIONS: MlpOptions = { hidden: 128, epochs: 12, learningRate: 0.003, batch: 32, l2: 1e-5, seed: 3 };

export const MLP_FORMAT = 'hotline12345-mlp';

export class Mlp {
  constructor(
    readonly inputs: number,
    readonly hidden: number,
    readonly outputs: number,
    /** hidden × inputs */
    readonly w1: Float32Array,
    readonly b1: Float32Array,
    /** outputs × hidden */
    readonly w2: Float32Array,
    readonly b2: Float32Array,
  ) {
    if (w1.length !== hidden * inputs || b1.length !== hidden || w2.length !== outputs * hidden || b2.length !== outputs) {
      throw new Error('network weights do not match its shape');
    }
  }

  /** Output logits for one input vector (hidden activations written to `h` when given). */
  logits(x: ArrayLike<number>, h: Float64Array = new Float64Array(this.hidden)): Float64Array {
    const { inputs: D, hidden: H, outputs: K } = this;
    for (let j = 0; j < H; j++) {
      let s = this.b1[j] as number;
      const base = j * D;
      for (let k = 0; k < D; k++) s += (this.w1[base + k] as number) * (x[k] as number);
      h[j] = s > 0 ? s : 0;
    }
    const out = new Float64Array(K);
    for (let c = 0; c < K; c++) {
      let s = this.b2[c] as number;
      const base = c * H;
      for (let j = 0; j < H; j++) s += (this.w2[base + j] as number) * (h[j] as number);
      out[c] = s;
    }
    return out;
  }

  toJSON(): unknown {
    return { format: MLP_FORMAT, version: 1, inputs: this.inputs, hidden: this.hidden, outputs: this.outputs, w1: b64(this.w1), b1: b64(this.b1), w2: b64(this.w2), b2: b64(this.b2) };
  }

  static fromJSON(json: unknown): Mlp {
    const o = json as Record<string, unknown>;
    if (!o || o.format !== MLP_FORMAT || o.version !== 1) throw new Error('not a network model');
    const D = Number(o.inputs);
    const H = Number(o.hidden);
    const K = Number(o.outputs);
    const arr = (key: string, n: number) => new Float32Array(fromB64(String(o[key]), n * 4));
    return new Mlp(D, H, K, arr('w1', H * D), arr('b1', H), arr('w2', K * H), arr('b2', K));
  }
}

/** Trains the network on vectors `x` with class indices `y` (0..classes-1). */
export function trainMlp(x: readonly ArrayLike<number>[], y: ArrayLike<number>, classes: number, options: Partial<MlpOptions> = {}): Mlp {
  const opt = { ...DEFAULT_MLP_OPTIONS, ...options };
  const N = x.length;
  if (N === 0) throw new Error('no training vectors');
  const D = (x[0] as ArrayLike<number>).length;
  const H = opt.hidden;
  const K = classes;
  const rand = rng(opt.seed);
  const limit = Math.sqrt(6 / (D + H));
  const net = new Mlp(D, H, K, Float32Array.from({ length: H * D }, () => (rand() * 2 - 1) * limit), new Float32Array(H), new Float32Array(K * H), new Float32Array(K));
  const params = [net.w1, net.b1, net.w2, net.b2];
  const grads = params.map((p) => new Float64Array(p.length));
  const m1 = params.map((p) => new Float64Array(p.length));
  const m2 = params.map((p) => new Float64Array(p.length));
  // Class-balanced weights: every class contributes equally to the loss (macro-F1 is the goal).
  const classWeight = new Float64Array(K);
  for (let i = 0; i < N; i++) classWeight[y[i] as number] = (classWeight[y[i] as number] as number) + 1;
  for (let c = 0; c < K; c++) classWeight[c] = (classWeight[c] as number) > 0 ? N / (K * (classWeight[c] as number)) : 0;

  const order = Int32Array.from({ length: N }, (_, i) => i);
  const h = new Float64Array(H);
  const dh = new Float64Array(H);
  let t = 0;
  for (let epoch = 0; epoch < opt.epochs; epoch++) {
    for (let i = N - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      const tmp = order[i] as number;
      order[i] = order[j] as number;
      order[j] = tmp;
    }
    for (let start = 0; start < N; start += opt.batch) {
      for (const g of grads) g.fill(0);
      const end = Math.min(N, start + opt.batch);
      for (let o = start; o < end; o++) {
        const i = order[o] as number;
        const xi = x[i] as ArrayLike<number>;
        const s = net.logits(xi, h);
        let max = -Infinity;
        for (let c = 0; c < K; c++) max = Math.max(max, s[c] as number);
        let z = 0;
        for (let c = 0; c < K; c++) z += Math.exp((s[c] as number) - max);
        dh.fill(0);
        const w = classWeight[y[i] as number] as number;
        const [g0, g1, g2, g3] = grads as [Float64Array, Float64Array, Float64Array, Float64Array];
        for (let c = 0; c < K; c++) {
          const d = w * (Math.exp((s[c] as number) - max) / z - (c === y[i] ? 1 : 0));
          g3[c] = (g3[c] as number) + d;
          for (let j = 0; j < H; j++) {
            g2[c * H + j] = (g2[c * H + j] as number) + d * (h[j] as number);
            dh[j] = (dh[j] as number) + d * (net.w2[c * H + j] as number);
          }
        }
        for (let j = 0; j < H; j++) {
          if ((h[j] as number) <= 0) continue;
          const d = dh[j] as number;
          g1[j] = (g1[j] as number) + d;
          for (let k = 0; k < D; k++) g0[j * D + k] = (g0[j * D + k] as number) + d * (xi[k] as number);
        }
      }
      t++;
      const size = end - start;
      const c1 = 1 - 0.9 ** t;
      const c2 = 1 - 0.999 ** t;
      params.forEach((p, pi) => {
        const g = grads[pi] as Float64Array;
        const a = m1[pi] as Float64Array;
        const b = m2[pi] as Float64Array;
        for (let q = 0; q < p.length; q++) {
          const gr = (g[q] as number) / size + opt.l2 * (p[q] as number);
          a[q] = 0.9 * (a[q] as number) + 0.1 * gr;
          b[q] = 0.999 * (b[q] as number) + 0.001 * gr * gr;
          p[q] = (p[q] as number) - (opt.learningRate * ((a[q] as number) / c1)) / (Math.sqrt((b[q] as number) / c2) + 1e-8);
        }
      });
    }
  }
  return net;
}
