// Trains the work-order classifier and writes the model file.
//
//   npx tsx server/src/intelligence/classifier/cli/train.ts                    # citizen-messages data set
//   npx tsx server/src/intelligence/classifier/cli/train.ts --data DIR         # data set elsewhere
//   npx tsx server/src/intelligence/classifier/cli/train.ts --input orders.tsv # a city's own closed orders
//
// Options:
//   --input FILE        label<TAB>text per line (or a header with label and text/title/body
//                       columns); repeatable. Replaces the data set unless --include-dataset.
//   --include-dataset   with --input: also train on the citizen-messages data set.
//   --out FILE          model file (default server/models/classifier.json.gz; .gz = gzip).
//   --C N               SVM regularisation (default from the training recipe).
//   --no-calibrate      skip the held-out temperature fit (faster).
//   --linear            train only the n-gram model (no ensemble; seconds instead of minutes).
//   --reuse-vectors     keep the word vectors of the current model instead of learning them.
//
// The ensemble's word vectors are learnt from the data set's unlabelled files when they are
// present, else taken from the current model, else learnt from the training texts.

import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { buildCitizenCorpus, buildFlatCorpus, trainCalibrated, trainEnsembleCalibrated } from '../crossValidate.ts';
import type { CorpusItem } from '../crossValidate.ts';
import { argValue, DEFAULT_DATA_DIR, loadCitizenMessages, loadLabeledTsv } from '../dataset.ts';
import { MODELS_DIR, SHIPPED_MODEL_FILES } from '../index.ts';
import { SHIPPED_RECIPE, SHIPPED_TRAIN_OPTIONS } from '../recipe.ts';
import { EnsembleInputs } from '../ensemble.ts';
import { resolveWordVectors } from '../wordVectorSource.ts';

function main(): void {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write('usage: train.ts [--data DIR] [--input FILE]... [--include-dataset] [--out FILE] [--C N] [--no-calibrate] [--linear] [--reuse-vectors]\n');
    return;
  }
  const log = (m: string): void => void process.stderr.write(m + '\n');
  const inputs: string[] = [];
  args.forEach((a, i) => {
    if (a === '--input' && args[i + 1]) inputs.push(args[i + 1] as string);
    else if (a.startsWith('--input=')) inputs.push(a.slice('--input='.length));
  });
  const dataDir = resolve(argValue(args, '--data') ?? DEFAULT_DATA_DIR);
  const out = resolve(argValue(args, '--out') ?? resolve(MODELS_DIR, 'classifier.json.gz'));
  const C = argValue(args, '--C');

  const items: CorpusItem[] = [];
  let description = '';
  if (inputs.length === 0 || args.includes('--include-dataset')) {
    const { titles, bodies } = loadCitizenMessages(dataDir);
    const corpus = buildCitizenCorpus(titles, bodies);
    items.push(...corpus.items);
    description = `citizen-messages: ${titles.length} titles, ${bodies.length} bodies, ${corpus.items.length - titles.length - bodies.length} linked title+body`;
    log(description);
  }
  for (const file of inputs) {
    const examples = loadLabeledTsv(resolve(file));
    log(`${file}: ${examples.length} examples`);
    const offset = items.reduce((m, d) => Math.max(m, d.group + 1), 0);
    items.push(...buildFlatCorpus(examples).map((d) => ({ ...d, group: d.group + offset })));
    description += `${description ? '; ' : ''}${file}: ${examples.length}`;
  }
  if (items.length === 0) throw new Error('no training examples');

  const t0 = performance.now();
  const primary = { ...SHIPPED_TRAIN_OPTIONS, ...(C !== undefined ? { C: Number(C) } : {}) };
  let model: { save(file: string): number; labels: readonly string[]; temperature: number };
  let summary: string;
  if (args.includes('--linear')) {
    const linear = trainCalibrated(items, { ...primary, log, meta: { data: description } }, !args.includes('--no-calibrate'));
    model = linear;
    summary = `n-gram model, ${linear.vocabularySize} features`;
  } else {
    const { vectors, source } = resolveWordVectors({
      dataDir,
      shippedModel: SHIPPED_MODEL_FILES.find((f) => existsSync(f)),
      preferShipped: args.includes('--reuse-vectors'),
      fallbackTexts: () => items.map((d) => d.text),
      log,
    });
    const recipe = { ...SHIPPED_RECIPE, primary };
    const meta = { data: description, wordVectors: source };
    const ensemble = args.includes('--no-calibrate')
      ? new EnsembleInputs(items, recipe, vectors).fit(undefined, 3, meta)
      : trainEnsembleCalibrated(items, recipe, vectors, meta, log);
    model = ensemble;
    summary = `ensemble: ${ensemble.members.map((m) => m.model.vocabularySize).join(' + ')} n-gram features, ${vectors.words.length} word vectors`;
  }
  mkdirSync(dirname(out), { recursive: true });
  const bytes = model.save(out);
  log(`trained on ${items.length} texts in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${summary}; labels ${model.labels.join(' ')}`);
  log(`temperature ${model.temperature.toFixed(3)}; wrote ${out} (${(bytes / 1024 / 1024).toFixed(2)} MB)`);
}

try {
  main();
} catch (err) {
  process.stderr.write(`train: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}
