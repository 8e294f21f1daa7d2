// The shipped classifier's top-k first-level categories, each with the n-grams of the text that
// pushed towards it. The classifier's own `evidence` explains only the winner; a dispatcher
// choosing between the first two needs the words behind each, so contributions are computed here
// from the model's weights (feature value × (weight for the class − mean weight for the others)).

import { countFeatures } from '../classifier/features.ts';
import { HashIndex, LinearTextClassifier, vectorizeCounts } from '../classifier/model.ts';
import { shippedModelPath } from '../classifier/index.ts';
import { AppError } from '../../errors.ts';

export interface CategoryScore {
  label: string;
  confidence: number;
  evidence: string[];
}

interface Loaded {
  model: LinearTextClassifier;
  index: HashIndex;
}

let loaded: Loaded | null = null;

function model(): Loaded {
  if (loaded) return loaded;
  let m: LinearTextClassifier;
  try {
    m = LinearTextClassifier.load(shippedModelPath());
  } catch (e) {
    throw new AppError('CLASSIFIER_UNAVAILABLE', 'the text classifier model is not available', { reason: (e as Error).message });
  }
  loaded = { model: m, index: new HashIndex(m.hashes) };
  return loaded;
}

/** Loads the model now (about 0.2 s) so the first request does not pay for it. */
export function warmUpClassifier(): void {
  model();
}

export function classifierLabels(): readonly string[] {
  return model().model.labels;
}

export function topCategories(text: string, k = 3, evidenceCount = 5): CategoryScore[] {
  const { model: m, index } = model();
  const counts = countFeatures(text, m.features, true);
  const v = vectorizeCounts(counts, index, m.idf);
  const probs = m.probabilities(m.scoreVector(v));
  const order = [...probs.keys()].sort((a, b) => (probs[b] as number) - (probs[a] as number)).slice(0, k);
  return order.map((c) => ({ label: m.labels[c] as string, confidence: round(probs[c] as number), evidence: evidenceFor(m, v, counts.names ?? [], c, evidenceCount) }));
}

function evidenceFor(m: LinearTextClassifier, v: ReturnType<typeof vectorizeCounts>, names: string[], cls: number, n: number): string[] {
  const k = m.labels.length;
  const items: { name: string; score: number }[] = [];
  for (let j = 0; j < v.idx.length; j++) {
    const f = v.idx[j] as number;
    let others = 0;
    for (let c = 0; c < k; c++) if (c !== cls) others += m.weights[f * k + c] as number;
    const score = (v.val[j] as number) * ((m.weights[f * k + cls] as number) - others / (k - 1));
    const name = names[v.pos[j] as number];
    if (score > 0 && name !== undefined) items.push({ name: name.startsWith('w:') ? name.slice(2) : name, score });
  }
  items.sort((a, b) => b.score - a.score);
  const out: string[] = [];
  for (const it of items) {
    // Single characters and digit placeholders explain nothing to a person; nested n-grams repeat.
    if ([...it.name.replace(/0/g, '')].length < 2) continue;
    if (out.some((o) => o.includes(it.name) || it.name.includes(o))) continue;
    out.push(it.name);
    if (out.length >= n) break;
  }
  return out;
}

const round = (x: number) => Math.round(x * 1000) / 1000;
