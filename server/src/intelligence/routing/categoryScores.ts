// The shipped classifier's top-k first-level categories, each with the n-grams of the text that
// pushed towards it. The classifier's own `evidence` explains only the winner; a dispatcher
// choosing between the first two needs the words behind each, so each class is explained by the
// n-gram member (feature value × (weight for the class − mean weight for the others)).

import type { EnsembleClassifier } from '../classifier/ensemble.ts';
import { loadShippedModel } from '../classifier/index.ts';
import { AppError } from '../../errors.ts';

export interface CategoryScore {
  label: string;
  confidence: number;
  evidence: string[];
}

let loaded: EnsembleClassifier | null = null;

function model(): EnsembleClassifier {
  if (loaded) return loaded;
  try {
    loaded = loadShippedModel();
  } catch (e) {
    throw new AppError('CLASSIFIER_UNAVAILABLE', 'the text classifier model is not available', { reason: (e as Error).message });
  }
  return loaded;
}

/** Loads the model now (about a second) so the first request does not pay for it. */
export function warmUpClassifier(): void {
  model();
}

export function classifierLabels(): readonly string[] {
  return model().labels;
}

export function topCategories(text: string, k = 3, evidenceCount = 5): CategoryScore[] {
  const m = model();
  const probs = m.probabilities(m.scores(text));
  const order = [...probs.keys()].sort((a, b) => (probs[b] as number) - (probs[a] as number)).slice(0, k);
  const evidence = m.primary.explainEach(text, order, evidenceCount);
  return order.map((c, i) => ({ label: m.labels[c] as string, confidence: round(probs[c] as number), evidence: evidence[i] as string[] }));
}

const round = (x: number) => Math.round(x * 1000) / 1000;
