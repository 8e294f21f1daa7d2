// The training recipe of the shipped model, chosen by grouped 5-fold cross-validation on the
// citizen-messages training data (see README.md beside this file).

import { DEFAULT_FEATURE_CONFIG } from './features.ts';
import { DEFAULT_TRAIN_OPTIONS } from './train.ts';
import type { TrainOptions } from './train.ts';

export const SHIPPED_TRAIN_OPTIONS: TrainOptions = {
  ...DEFAULT_TRAIN_OPTIONS,
  features: { ...DEFAULT_FEATURE_CONFIG },
};
