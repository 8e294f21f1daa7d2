// Work-order text classifier: first-level category (城乡建设, 环境保护, 交通运输, 教育文体,
// 劳动和社会保障, 商贸旅游, 卫生计生) of a citizen's message, title, or title + body.
//
//   const classifier = loadShippedClassifier();
//   classifier.classify('房东装修噪音太大'); // { label: '城乡建设', confidence: 0.8, ranked: [...], evidence: [...] }

import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { REPO_ROOT } from './dataset.ts';
import { EnsembleClassifier } from './ensemble.ts';
import type { Prediction, RankedLabel } from './model.ts';

export type { Prediction, RankedLabel } from './model.ts';
export { LinearTextClassifier } from './model.ts';
export { EnsembleClassifier } from './ensemble.ts';
export { train, DEFAULT_TRAIN_OPTIONS } from './train.ts';
export type { TrainOptions, LabeledText } from './train.ts';
export { normalizeText } from './features.ts';

export interface Classification {
  label: string;
  /** Calibrated probability of `label`, 0..1. */
  confidence: number;
  ranked: RankedLabel[];
  /** Words / character n-grams of the text that most support `label`. */
  evidence: string[];
}

export interface WorkOrderClassifier {
  readonly labels: readonly string[];
  classify(text: string): Classification;
}

export const MODELS_DIR = resolve(REPO_ROOT, 'server/models');
/** Candidate file names of the shipped model, in order of preference. */
export const SHIPPED_MODEL_FILES = ['classifier.json.gz', 'classifier.json'].map((f) => resolve(MODELS_DIR, f));

export function shippedModelPath(): string {
  const found = SHIPPED_MODEL_FILES.find((f) => existsSync(f));
  if (!found) throw new Error(`no shipped classifier model in ${MODELS_DIR} (run: npx tsx server/src/intelligence/classifier/cli/train.ts)`);
  return found;
}

/** Wraps a model as a classifier. */
export function asClassifier(model: { readonly labels: readonly string[]; predict(text: unknown): Prediction }): WorkOrderClassifier {
  return {
    labels: model.labels,
    classify(text: string): Classification {
      const p: Prediction = model.predict(text);
      return { label: p.label, confidence: p.confidence, ranked: p.ranked, evidence: p.evidence };
    },
  };
}

const models = new Map<string, EnsembleClassifier>();
const cache = new Map<string, WorkOrderClassifier>();

/** The shipped model (or another model file), loaded on first use and then cached. */
export function loadShippedModel(file?: string): EnsembleClassifier {
  const path = file ?? shippedModelPath();
  let m = models.get(path);
  if (!m) {
    m = EnsembleClassifier.load(path);
    models.set(path, m);
  }
  return m;
}

/**
 * The classifier shipped in server/models/, loaded on first use and then cached (or another model
 * file, e.g. one a city retrained on its own closed work orders).
 */
export function loadShippedClassifier(file?: string): WorkOrderClassifier {
  const path = file ?? shippedModelPath();
  let c = cache.get(path);
  if (!c) {
    c = asClassifier(loadShippedModel(path));
    cache.set(path, c);
  }
  return c;
}
