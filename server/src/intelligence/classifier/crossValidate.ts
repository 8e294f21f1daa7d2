// Stratified k-fold cross-validation and classification metrics.
//
// Cross-validation runs over a corpus of items grouped so that identical texts (after
// normalisation) and a title linked to its body always fall in the same fold: otherwise a held-out
// body's own title, or a duplicate, would be "recognised" from the training folds. Metrics are
// reported per kind of text (title, body, title+body).

import { DisjointSets, linkTitlesToBodies } from './link.ts';
import type { Link } from './link.ts';
import type { FeatureCounts } from './features.ts';
import type { LinearTextClassifier, ModelMeta } from './model.ts';
import { EnsembleInputs } from './ensemble.ts';
import type { EnsembleClassifier, EnsembleRecipe, Scorer } from './ensemble.ts';
import type { WordVectors } from './embeddings.ts';
import { DEFAULT_TRAIN_OPTIONS, featurizeAll, fitTemperature, rng, shuffleInPlace, train } from './train.ts';
import type { LabeledText, TrainOptions } from './train.ts';

export interface ClassMetrics {
  label: string;
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface Metrics {
  labels: string[];
  accuracy: number;
  macroF1: number;
  perClass: ClassMetrics[];
  /** confusion[gold][predicted] */
  confusion: number[][];
  n: number;
}

export function computeMetrics(labels: readonly string[], gold: readonly string[], predicted: readonly string[]): Metrics {
  const K = labels.length;
  const at = new Map(labels.map((l, i) => [l, i]));
  const confusion = labels.map(() => new Array<number>(K).fill(0));
  let correct = 0;
  for (let i = 0; i < gold.length; i++) {
    const g = at.get(gold[i] as string);
    const p = at.get(predicted[i] as string);
    if (g === undefined || p === undefined) continue;
    (confusion[g] as number[])[p]! += 1;
    if (g === p) correct++;
  }
  const perClass: ClassMetrics[] = labels.map((label, c) => {
    const tp = (confusion[c] as number[])[c] as number;
    const support = (confusion[c] as number[]).reduce((a, b) => a + b, 0);
    const predictedN = confusion.reduce((a, row) => a + (row[c] as number), 0);
    const precision = predictedN > 0 ? tp / predictedN : 0;
    const recall = support > 0 ? tp / support : 0;
    const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
    return { label, precision, recall, f1, support };
  });
  const present = perClass.filter((c) => c.support > 0);
  return {
    labels: [...labels],
    accuracy: gold.length > 0 ? correct / gold.length : 0,
    macroF1: present.length > 0 ? present.reduce((a, c) => a + c.f1, 0) / present.length : 0,
    perClass,
    confusion,
    n: gold.length,
  };
}

export interface CorpusItem extends LabeledText {
  /** What the text is: "title", "body", "title+body", or "text" for a generic file. */
  kind: string;
  /** Items of one group (duplicates, a title and its body) always share a fold. */
  group: number;
}

export interface CorpusOptions {
  /** Title-body links at or above this score put both in one group. */
  groupMinScore: number;
  /** Links at or above this score (same label) also give a joined "title+body" example. */
  joinMinScore: number;
}

export const DEFAULT_CORPUS_OPTIONS: CorpusOptions = { groupMinScore: 0.3, joinMinScore: 0.5 };

/** Texts with the same key are duplicates (independent of feature normalisation settings). */
export function duplicateKey(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, '');
}

/** Groups a flat list of examples by normalised text (exact duplicates share a group). */
export function buildFlatCorpus(data: readonly LabeledText[], kind = 'text'): CorpusItem[] {
  const byText = new Map<string, number>();
  return data.map((d) => {
    const key = duplicateKey(d.text);
    let g = byText.get(key);
    if (g === undefined) {
      g = byText.size;
      byText.set(key, g);
    }
    return { label: d.label, text: d.text, kind, group: g };
  });
}

/**
 * Titles, bodies, and joined title+body texts of confidently linked pairs, grouped so that
 * duplicates and linked title/body pairs never straddle folds.
 */
export function buildCitizenCorpus(
  titles: readonly LabeledText[],
  bodies: readonly LabeledText[],
  options: Partial<CorpusOptions> = {},
): { items: CorpusItem[]; links: Link[] } {
  const opt = { ...DEFAULT_CORPUS_OPTIONS, ...options };
  const nT = titles.length;
  const sets = new DisjointSets(nT + bodies.length);
  const byText = new Map<string, number>();
  [...titles, ...bodies].forEach((d, i) => {
    const key = duplicateKey(d.text);
    const first = byText.get(key);
    if (first === undefined) byText.set(key, i);
    else sets.union(first, i);
  });
  const links = linkTitlesToBodies(
    titles.map((t) => t.text),
    bodies.map((b) => b.text),
    Math.min(opt.groupMinScore, opt.joinMinScore),
  );
  // Group by each title's best body, plus any other very strong link; a long body that matches
  // many titles weakly would otherwise chain hundreds of unrelated messages into one group.
  const best = new Map<number, Link>();
  const bestAny = new Map<number, Link>();
  for (const l of links) if ((bestAny.get(l.title)?.score ?? -1) < l.score) bestAny.set(l.title, l);
  const perBody = new Map<number, Link[]>();
  for (const l of links) {
    if (l.score < opt.groupMinScore || (l !== bestAny.get(l.title) && l.score < 0.6)) continue;
    const list = perBody.get(l.body) ?? [];
    list.push(l);
    perBody.set(l.body, list);
  }
  for (const list of perBody.values()) {
    list.sort((a, b) => b.score - a.score);
    for (const l of list.slice(0, 5)) sets.union(l.title, nT + l.body);
  }
  for (const l of links) {
    const t = titles[l.title] as LabeledText;
    const b = bodies[l.body] as LabeledText;
    if (l.score >= opt.joinMinScore && t.label === b.label && (best.get(l.title)?.score ?? -1) < l.score) best.set(l.title, l);
  }
  const items: CorpusItem[] = [
    ...titles.map((d, i) => ({ label: d.label, text: d.text, kind: 'title', group: sets.find(i) })),
    ...bodies.map((d, i) => ({ label: d.label, text: d.text, kind: 'body', group: sets.find(nT + i) })),
  ];
  for (const l of [...best.values()].sort((a, b) => a.title - b.title)) {
    const t = titles[l.title] as LabeledText;
    const b = bodies[l.body] as LabeledText;
    items.push({ label: t.label, text: joinTitleBody(t.text, b.text), kind: 'title+body', group: sets.find(l.title) });
  }
  return { items, links };
}

/** How a title and a body are put on one line. */
export function joinTitleBody(title: string, body: string): string {
  return `${title} ${body}`;
}

/** Fold of each item: whole groups are dealt round-robin per label (stratified) after a seeded shuffle. */
export function assignFolds(items: readonly CorpusItem[], k: number, seed = 7): Int32Array {
  const groups = new Map<number, number[]>();
  items.forEach((d, i) => {
    const g = groups.get(d.group);
    if (g) g.push(i);
    else groups.set(d.group, [i]);
  });
  const byLabel = new Map<string, number[][]>();
  for (const members of groups.values()) {
    const label = (items[members[0] as number] as CorpusItem).label;
    const list = byLabel.get(label) ?? [];
    list.push(members);
    byLabel.set(label, list);
  }
  const folds = new Int32Array(items.length);
  const rand = rng(seed);
  const load = new Float64Array(k);
  for (const label of [...byLabel.keys()].sort()) {
    const list = shuffleInPlace(byLabel.get(label) as number[][], rand);
    // Largest groups first, each to the currently lightest fold, keeps folds balanced.
    list.sort((a, b) => b.length - a.length);
    const perLabel = new Float64Array(k);
    for (const members of list) {
      let f = 0;
      for (let j = 1; j < k; j++) {
        if ((perLabel[j] as number) < (perLabel[f] as number) || ((perLabel[j] as number) === (perLabel[f] as number) && (load[j] as number) < (load[f] as number))) f = j;
      }
      for (const i of members) folds[i] = f;
      perLabel[f] = (perLabel[f] as number) + members.length;
      load[f] = (load[f] as number) + members.length;
    }
  }
  return folds;
}

export interface KindResult {
  metrics: Metrics;
  msPerMessage: number;
}

export interface CrossValidationResult {
  /** Metrics per kind of text ("title", "body", "title+body", "text"). */
  byKind: Record<string, KindResult>;
  labels: string[];
  folds: number;
  /** Out-of-fold scores and gold label indices (for calibration). */
  scores: Float64Array[];
  gold: number[];
  /** Training items per fold, on average. */
  trainSize: number;
}

export interface CrossValidationOptions {
  folds: number;
  /** Evaluate only this many folds (e.g. 1 for a quick holdout). */
  maxFolds?: number;
  seed?: number;
  /** Kinds used for training (default: all). */
  trainKinds?: readonly string[];
  /** Kinds evaluated (default: all). */
  testKinds?: readonly string[];
  train?: Partial<TrainOptions>;
  log?: (msg: string) => void;
  /** Precomputed features of `items`, for parameter searches. */
  featureCache?: FeatureCounts[];
  /** Trains the model of a fold on the items at these indices (default: one linear model). */
  fit?: (trainIdx: readonly number[]) => Scorer;
}

export function crossValidate(items: readonly CorpusItem[], opts: CrossValidationOptions): CrossValidationResult {
  const k = Math.max(2, opts.folds);
  const log = opts.log ?? (() => {});
  const cfg = opts.train?.features ?? DEFAULT_TRAIN_OPTIONS.features;
  const feats = opts.fit ? [] : (opts.featureCache ?? featurizeAll(items.map((d) => d.text), cfg));
  const folds = assignFolds(items, k, opts.seed);
  const labels = [...new Set(items.map((d) => d.label))].sort();
  const kinds = [...new Set(items.map((d) => d.kind))];
  const trainKinds = new Set(opts.trainKinds ?? kinds);
  const testKinds = new Set(opts.testKinds ?? kinds);
  const gold: Record<string, string[]> = {};
  const pred: Record<string, string[]> = {};
  const ms: Record<string, number> = {};
  const allScores: Float64Array[] = [];
  const allGold: number[] = [];
  let trainTotal = 0;
  const nFolds = Math.min(k, opts.maxFolds ?? k);
  for (let f = 0; f < nFolds; f++) {
    const trainIdx: number[] = [];
    const testIdx: number[] = [];
    items.forEach((d, i) => {
      if (folds[i] === f) {
        if (testKinds.has(d.kind)) testIdx.push(i);
      } else if (trainKinds.has(d.kind)) trainIdx.push(i);
    });
    trainTotal += trainIdx.length;
    const model: Scorer = opts.fit
      ? opts.fit(trainIdx)
      : train(
          trainIdx.map((i) => items[i] as CorpusItem),
          { ...opts.train },
          trainIdx.map((i) => feats[i] as FeatureCounts),
        );
    const foldGold: string[] = [];
    const foldPred: string[] = [];
    for (const i of testIdx) {
      const d = items[i] as CorpusItem;
      const t0 = performance.now();
      const s = model.scores(d.text);
      ms[d.kind] = (ms[d.kind] ?? 0) + performance.now() - t0;
      let best = 0;
      for (let c = 1; c < s.length; c++) if ((s[c] as number) > (s[best] as number)) best = c;
      (gold[d.kind] ??= []).push(d.label);
      (pred[d.kind] ??= []).push(model.labels[best] as string);
      foldGold.push(d.label);
      foldPred.push(model.labels[best] as string);
      // Model labels can be a subset of all labels only in degenerate folds; map by name.
      const full = new Float64Array(labels.length).fill(-1e9);
      model.labels.forEach((l, c) => (full[labels.indexOf(l)] = s[c] as number));
      allScores.push(full);
      allGold.push(labels.indexOf(d.label));
    }
    const m = computeMetrics(labels, foldGold, foldPred);
    log(`fold ${f + 1}/${k}: train ${trainIdx.length}, test ${testIdx.length}, macro-F1 ${m.macroF1.toFixed(4)} (all kinds)`);
  }
  const byKind: Record<string, KindResult> = {};
  for (const kind of Object.keys(gold)) {
    const g = gold[kind] as string[];
    byKind[kind] = { metrics: computeMetrics(labels, g, pred[kind] as string[]), msPerMessage: (ms[kind] ?? 0) / Math.max(1, g.length) };
  }
  return { byKind, labels, folds: nFolds, scores: allScores, gold: allGold, trainSize: trainTotal / Math.max(1, nFolds) };
}

export function formatMetrics(m: Metrics): string {
  const lines: string[] = [];
  lines.push(`n=${m.n}  accuracy=${m.accuracy.toFixed(4)}  macro-F1=${m.macroF1.toFixed(4)}`);
  lines.push('class            precision  recall   F1      support');
  for (const c of m.perClass) {
    lines.push(`${pad(c.label, 16)} ${c.precision.toFixed(4)}     ${c.recall.toFixed(4)}   ${c.f1.toFixed(4)}  ${c.support}`);
  }
  lines.push('confusion (rows = gold, columns = predicted, in label order):');
  const short = m.labels.map((l) => l.slice(0, 2));
  lines.push(pad('', 16) + short.map((s) => s.padStart(6 - s.length)).join(''));
  m.confusion.forEach((row, i) => lines.push(pad(m.labels[i] as string, 16) + row.map((x) => String(x).padStart(6)).join('')));
  return lines.join('\n');
}

/** Pads by display width (CJK characters count double). */
function pad(s: string, width: number): string {
  let w = 0;
  for (const ch of s) w += /[\u2e80-\uffef]/.test(ch) ? 2 : 1;
  return s + ' '.repeat(Math.max(0, width - w));
}

/**
 * Trains on all items and calibrates the softmax temperature on a held-out fifth (grouped
 * split): a model is trained on the other four fifths, its held-out scores fix the temperature,
 * then the final model is trained on everything.
 */
export function trainCalibrated(items: readonly CorpusItem[], options: Partial<TrainOptions> = {}, calibrate = true): LinearTextClassifier {
  const cfg = options.features ?? DEFAULT_TRAIN_OPTIONS.features;
  const feats = featurizeAll(items.map((d) => d.text), cfg);
  let temperature = options.temperature;
  if (calibrate && temperature === undefined && new Set(items.map((d) => d.group)).size >= 10) {
    const folds = assignFolds(items, 5, options.seed ?? 7);
    const tr: number[] = [];
    const te: number[] = [];
    items.forEach((_, i) => (folds[i] === 0 ? te : tr).push(i));
    const m = train(tr.map((i) => items[i] as CorpusItem), { ...options, log: undefined }, tr.map((i) => feats[i] as FeatureCounts));
    const scores = te.map((i) => m.scores((items[i] as CorpusItem).text));
    const gold = te.map((i) => m.labels.indexOf((items[i] as CorpusItem).label));
    const ok = gold.map((g, j) => (g >= 0 ? j : -1)).filter((j) => j >= 0);
    temperature = fitTemperature(ok.map((j) => scores[j] as Float64Array), ok.map((j) => gold[j] as number));
    options.log?.(`calibrated temperature ${temperature.toFixed(3)} on ${ok.length} held-out items`);
  }
  const model = train(items, { ...options, ...(temperature !== undefined ? { temperature } : {}) }, feats);
  return model;
}

/**
 * Trains the ensemble on all items with the softmax temperature fitted on a held-out fifth
 * (grouped split), as `trainCalibrated` does for a single model.
 */
export function trainEnsembleCalibrated(
  items: readonly CorpusItem[],
  recipe: EnsembleRecipe,
  vectors: WordVectors | undefined,
  meta: ModelMeta = {},
  log: (msg: string) => void = () => {},
): EnsembleClassifier {
  const inputs = new EnsembleInputs(items, recipe, vectors);
  let temperature = 3;
  if (new Set(items.map((d) => d.group)).size >= 10) {
    const folds = assignFolds(items, 5, recipe.primary.seed ?? 7);
    const tr: number[] = [];
    const te: number[] = [];
    items.forEach((_, i) => (folds[i] === 0 ? te : tr).push(i));
    const m = inputs.fit(tr);
    const ok = te.filter((i) => m.labels.includes((items[i] as CorpusItem).label));
    temperature = fitTemperature(
      ok.map((i) => m.scores((items[i] as CorpusItem).text)),
      ok.map((i) => m.labels.indexOf((items[i] as CorpusItem).label)),
    );
    log(`calibrated temperature ${temperature.toFixed(3)} on ${ok.length} held-out items`);
  }
  return inputs.fit(undefined, temperature, meta);
}
