// Where the ensemble's word vectors come from when training or evaluating:
//   1. the data set's unlabelled message files, when present (the shipped model's source);
//   2. otherwise the word vectors inside the currently shipped model;
//   3. otherwise the training texts themselves (their text only).
// Evaluation may reuse the shipped model's vectors: they were learnt without labels and without
// the labelled training texts, so no held-out fold has been seen by them.

import { existsSync } from 'node:fs';
import { trainWordVectors } from './embeddings.ts';
import type { EmbeddingOptions, WordVectors } from './embeddings.ts';
import { EnsembleClassifier } from './ensemble.ts';
import { loadUnlabelledTexts } from './dataset.ts';
import { SHIPPED_EMBEDDING_OPTIONS } from './recipe.ts';

export interface VectorSourceOptions {
  dataDir: string;
  /** Model file whose word vectors may be reused. */
  shippedModel?: string;
  /** Prefer the shipped model's vectors over learning them again (evaluation). */
  preferShipped: boolean;
  /** Texts to learn from when nothing else is available. */
  fallbackTexts: () => string[];
  embedding?: Partial<EmbeddingOptions>;
  log: (msg: string) => void;
}

export function shippedWordVectors(file: string | undefined): WordVectors | undefined {
  if (!file || !existsSync(file)) return undefined;
  try {
    return EnsembleClassifier.load(file).dense?.vectors;
  } catch {
    return undefined;
  }
}

export function resolveWordVectors(o: VectorSourceOptions): { vectors: WordVectors; source: string } {
  // The model file is read at most once, whichever branch asks for it.
  let read = false;
  let fromModel: WordVectors | undefined;
  const shipped = (): WordVectors | undefined => {
    if (!read) fromModel = shippedWordVectors(o.shippedModel);
    read = true;
    return fromModel;
  };
  if (o.preferShipped) {
    const v = shipped();
    if (v) return { vectors: v, source: `word vectors of ${o.shippedModel}` };
  }
  const unlabelled = loadUnlabelledTexts(o.dataDir);
  const opts = { ...SHIPPED_EMBEDDING_OPTIONS, ...o.embedding, log: o.log };
  if (unlabelled.length > 0) {
    o.log(`learning word vectors from ${unlabelled.length} unlabelled texts in ${o.dataDir}`);
    return { vectors: trainWordVectors(unlabelled, opts), source: `word vectors learnt from ${unlabelled.length} unlabelled texts` };
  }
  const v = shipped();
  if (v) return { vectors: v, source: `word vectors of ${o.shippedModel}` };
  const texts = o.fallbackTexts();
  o.log(`learning word vectors from the ${texts.length} training texts`);
  return { vectors: trainWordVectors(texts, opts), source: `word vectors learnt from ${texts.length} training texts` };
}
