// The training recipe of the shipped model, chosen by grouped 5-fold cross-validation on the
// citizen-messages training data (see README.md beside this file).

import { DEFAULT_EMBEDDING_OPTIONS } from './embeddings.ts';
import type { EmbeddingOptions } from './embeddings.ts';
import type { EnsembleRecipe } from './ensemble.ts';
import { DEFAULT_FEATURE_CONFIG } from './features.ts';
import { DEFAULT_MLP_OPTIONS } from './mlp.ts';
import { DEFAULT_TRAIN_OPTIONS } from './train.ts';
import type { TrainOptions } from './train.ts';

/** The n-gram member alone (also what `train()` does by default). */
export const SHIPPED_TRAIN_OPTIONS: TrainOptions = {
  ...DEFAULT_TRAIN_OPTIONS,
  features: { ...DEFAULT_FEATURE_CONFIG },
};

export const SHIPPED_RECIPE: EnsembleRecipe = {
  primary: SHIPPED_TRAIN_OPTIONS,
  addPlainSvm: true,
  secondary: {
    ...DEFAULT_TRAIN_OPTIONS,
    features: { ...DEFAULT_FEATURE_CONFIG, charNgramMax: 2, wordBigrams: true, wordsMaxChars: undefined },
  },
  dense: { weight: 0.1, mlp: { ...DEFAULT_MLP_OPTIONS } },
};

export const SHIPPED_EMBEDDING_OPTIONS: EmbeddingOptions = { ...DEFAULT_EMBEDDING_OPTIONS };
