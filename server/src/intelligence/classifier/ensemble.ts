// The shipped classifier: the sum of the class scores of several models that err differently.
//
//   * n-gram member: NB-SVM plus plain SVM over character 1–3-grams and short-text words (their
//     sum is itself one linear model, so it is stored as one);
//   * word member: NB-SVM over character 1–2-grams, words and word bigrams of the whole text;
//   * meaning member: a small network over the document's mean word vector, the vectors learnt
//     from unlabelled messages (see embeddings.ts), with a small weight.
//
// Confidence is the softmax of the summed scores at a temperature fitted on held-out data.
// Evidence comes from the n-gram member, whose features are substrings of the text.

import type { FeatureCounts } from './features.ts';
import { WordVectors } from './embeddings.ts';
import { Mlp, trainMlp } from './mlp.ts';
import { decodeModel, encodeModel, readModelFile, writeModelFile } from './modelFile.ts';
import type { MlpOptions } from './mlp.ts';
import { argmax, LinearTextClassifier, MODEL_FORMAT, softmax } from './model.ts';
import type { ModelMeta, Prediction } from './model.ts';
import { addModels, featurizeAll, train } from './train.ts';
import type { LabeledText, TrainOptions } from './train.ts';

export const ENSEMBLE_FORMAT = 'hotline12345-ensemble-text-classifier';

export interface EnsembleRecipe {
  /** The n-gram member (NB-SVM). */
  primary: TrainOptions;
  /** Also train a plain SVM (no NB scaling) on the primary features and add it in. */
  addPlainSvm: boolean;
  /** The word member; omitted = none. */
  secondary?: TrainOptions;
  /** The meaning member; omitted (or no word vectors) = none. */
  dense?: { weight: number; mlp: Partial<MlpOptions> };
}

/** Scores of a text under any classifier with fixed labels (what cross-validation needs). */
export interface Scorer {
  readonly labels: readonly string[];
  scores(text: unknown): Float64Array;
}

interface Member {
  model: LinearTextClassifier;
  weight: number;
}

interface DenseMember {
  vectors: WordVectors;
  net: Mlp;
  weight: number;
}

export class EnsembleClassifier implements Scorer {
  readonly labels: string[];
  temperature: number;
  readonly meta: ModelMeta;

  constructor(
    readonly members: Member[],
    readonly dense: DenseMember | undefined,
    temperature: number,
    meta: ModelMeta = {},
  ) {
    const first = members[0];
    if (!first) throw new Error('an ensemble needs at least one linear member');
    this.labels = first.model.labels;
    for (const m of members) if (m.model.labels.join('\n') !== this.labels.join('\n')) throw new Error('ensemble members disagree on labels');
    if (dense && dense.net.outputs !== this.labels.length) throw new Error('the network does not match the labels');
    if (dense && dense.net.inputs !== dense.vectors.dim) throw new Error('the network does not match the word vectors');
    this.temperature = temperature;
    this.meta = meta;
  }

  /** The n-gram member: explanations and per-class evidence come from it. */
  get primary(): LinearTextClassifier {
    return (this.members[0] as Member).model;
  }

  scores(text: unknown): Float64Array {
    const s = new Float64Array(this.labels.length);
    for (const m of this.members) {
      const ms = m.model.scores(text);
      for (let c = 0; c < s.length; c++) s[c] = (s[c] as number) + m.weight * (ms[c] as number);
    }
    if (this.dense) {
      const ds = this.dense.net.logits(this.dense.vectors.documentVector(text));
      for (let c = 0; c < s.length; c++) s[c] = (s[c] as number) + this.dense.weight * (ds[c] as number);
    }
    return s;
  }

  probabilities(scores: Float64Array): Float64Array {
    return softmax(scores, this.temperature);
  }

  predictIndex(text: unknown): number {
    return argmax(this.scores(text));
  }

  /** Ranked labels with confidences, and the strongest evidence for the winner. */
  predict(text: unknown, evidenceCount = 5): Prediction {
    const probs = this.probabilities(this.scores(text));
    const order = [...probs.keys()].sort((a, b) => (probs[b] as number) - (probs[a] as number));
    const ranked = order.map((c) => ({ label: this.labels[c] as string, confidence: probs[c] as number }));
    const evidence = evidenceCount > 0 ? this.primary.explain(text, order[0] as number, evidenceCount) : [];
    return { label: ranked[0]!.label, confidence: ranked[0]!.confidence, ranked, evidence };
  }

  toJSON(): unknown {
    return {
      format: ENSEMBLE_FORMAT,
      version: 1,
      labels: this.labels,
      temperature: this.temperature,
      meta: this.meta,
      members: this.members.map((m) => ({ weight: m.weight, model: m.model.toJSON() })),
      ...(this.dense ? { dense: { weight: this.dense.weight, vectors: this.dense.vectors.toJSON(), net: this.dense.net.toJSON() } } : {}),
    };
  }

  /** Reads an ensemble, or a single linear model (an older model file) as a one-member ensemble. */
  static fromJSON(json: unknown): EnsembleClassifier {
    const o = json as Record<string, any>;
    if (o && o.format === MODEL_FORMAT) {
      const model = LinearTextClassifier.fromJSON(o);
      return new EnsembleClassifier([{ model, weight: 1 }], undefined, model.temperature, model.meta);
    }
    if (!o || o.format !== ENSEMBLE_FORMAT) throw new Error('not a hotline classifier model');
    if (o.version !== 1) throw new Error(`unsupported model version ${String(o.version)}`);
    if (!Array.isArray(o.members)) throw new Error('corrupt model: no members');
    const members = (o.members as { weight: unknown; model: unknown }[]).map((m) => ({ weight: Number(m.weight), model: LinearTextClassifier.fromJSON(m.model) }));
    const dense = o.dense ? { weight: Number(o.dense.weight), vectors: WordVectors.fromJSON(o.dense.vectors), net: Mlp.fromJSON(o.dense.net) } : undefined;
    return new EnsembleClassifier(members, dense, Number(o.temperature), (o.meta ?? {}) as ModelMeta);
  }

  /** Serialised model bytes; gzip-compressed when asked. */
  serialize(gzip: boolean): Buffer {
    return encodeModel(this.toJSON(), gzip);
  }

  save(file: string): number {
    return writeModelFile(file, this.toJSON());
  }

  static deserialize(bytes: Buffer): EnsembleClassifier {
    return EnsembleClassifier.fromJSON(decodeModel(bytes));
  }

  static load(file: string): EnsembleClassifier {
    return EnsembleClassifier.fromJSON(readModelFile(file));
  }
}

/**
 * Features and document vectors of a fixed list of texts, computed once so that the folds of a
 * cross-validation (or the calibration split) share them.
 */
export class EnsembleInputs {
  readonly primary: FeatureCounts[];
  readonly secondary: FeatureCounts[] | undefined;
  readonly dense: Float64Array[] | undefined;

  constructor(
    readonly items: readonly LabeledText[],
    readonly recipe: EnsembleRecipe,
    readonly vectors: WordVectors | undefined,
  ) {
    const texts = items.map((d) => d.text);
    this.primary = featurizeAll(texts, recipe.primary.features);
    this.secondary = recipe.secondary ? featurizeAll(texts, recipe.secondary.features) : undefined;
    this.dense = recipe.dense && vectors ? texts.map((t) => vectors.documentVector(t)) : undefined;
  }

  /** Trains the ensemble on the items at `idx` (all items when omitted). */
  fit(idx?: readonly number[], temperature = 3, meta: ModelMeta = {}): EnsembleClassifier {
    const at = idx ?? this.items.map((_, i) => i);
    const data = at.map((i) => this.items[i] as LabeledText);
    const pick = <T>(a: readonly T[]): T[] => at.map((i) => a[i] as T);
    const { recipe } = this;
    const quiet = { log: undefined };
    let primary = train(data, { ...recipe.primary, ...quiet }, pick(this.primary));
    if (recipe.addPlainSvm) primary = addModels(primary, train(data, { ...recipe.primary, ...quiet, nbAlpha: 0 }, pick(this.primary)));
    const members: Member[] = [{ model: primary, weight: 1 }];
    if (recipe.secondary && this.secondary) members.push({ model: train(data, { ...recipe.secondary, ...quiet }, pick(this.secondary)), weight: 1 });
    let dense: DenseMember | undefined;
    if (recipe.dense && this.dense && this.vectors) {
      const labels = primary.labels;
      const net = trainMlp(pick(this.dense), data.map((d) => labels.indexOf(d.label)), labels.length, recipe.dense.mlp);
      dense = { vectors: this.vectors, net, weight: recipe.dense.weight };
    }
    return new EnsembleClassifier(members, dense, temperature, { trainedAt: new Date().toISOString(), examples: data.length, ...meta });
  }
}
