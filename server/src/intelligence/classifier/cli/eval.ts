// k-fold cross-validation of the training recipe.
//
//   npx tsx server/src/intelligence/classifier/cli/eval.ts [--data DIR] [--folds 5] [--max-folds N]
//   npx tsx server/src/intelligence/classifier/cli/eval.ts --input orders.tsv   # a city's own data
//
// On the citizen-messages data set, titles, bodies and the linked title+body pairs are pooled;
// folds are grouped so a title and the body of the same message (and exact duplicates) are never
// split between training and test. Each fold trains one model on everything outside the fold and
// is scored separately on its titles and on its bodies. Prints accuracy, macro-F1, per-class F1,
// confusion matrix and milliseconds per message; the last line is one JSON object.

import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildCitizenCorpus, buildFlatCorpus, crossValidate, formatMetrics } from '../crossValidate.ts';
import type { CorpusItem, CrossValidationOptions, KindResult } from '../crossValidate.ts';
import { argValue, DEFAULT_DATA_DIR, loadCitizenMessages, loadLabeledTsv } from '../dataset.ts';
import { EnsembleInputs } from '../ensemble.ts';
import { SHIPPED_MODEL_FILES } from '../index.ts';
import { SHIPPED_RECIPE, SHIPPED_TRAIN_OPTIONS } from '../recipe.ts';
import { resolveWordVectors } from '../wordVectorSource.ts';

function main(): void {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write('usage: eval.ts [--data DIR | --input FILE] [--folds K] [--max-folds N] [--seed S] [--C N] [--linear] [--learn-vectors]\n');
    return;
  }
  const folds = Number(argValue(args, '--folds') ?? 5);
  const maxFolds = argValue(args, '--max-folds');
  const seed = Number(argValue(args, '--seed') ?? 7);
  const C = argValue(args, '--C');
  const input = argValue(args, '--input');
  if (!Number.isInteger(folds) || folds < 2) throw new Error('--folds must be an integer >= 2');

  const dataDir = resolve(argValue(args, '--data') ?? DEFAULT_DATA_DIR);
  let items: CorpusItem[];
  if (input) {
    items = buildFlatCorpus(loadLabeledTsv(resolve(input)));
    console.log(`${input}: ${items.length} examples`);
  } else {
    const { titles, bodies } = loadCitizenMessages(dataDir);
    const corpus = buildCitizenCorpus(titles, bodies);
    items = corpus.items;
    console.log(`${dataDir}: ${titles.length} titles, ${bodies.length} bodies, ${items.length - titles.length - bodies.length} linked title+body pairs`);
  }
  const t0 = performance.now();
  const primary = { ...SHIPPED_TRAIN_OPTIONS, ...(C !== undefined ? { C: Number(C) } : {}) };
  const cv: CrossValidationOptions = {
    folds,
    ...(maxFolds !== undefined ? { maxFolds: Number(maxFolds) } : {}),
    seed,
    train: primary,
    log: (m) => console.log(m),
  };
  if (args.includes('--linear')) {
    console.log('model: the n-gram NB-SVM alone');
  } else {
    // The shipped ensemble. Its word vectors are learnt without labels from the unlabelled files
    // (or reused from the shipped model, which learnt them the same way).
    const { vectors, source } = resolveWordVectors({
      dataDir,
      shippedModel: SHIPPED_MODEL_FILES.find((f) => existsSync(f)),
      preferShipped: !args.includes('--learn-vectors'),
      fallbackTexts: () => items.map((d) => d.text),
      log: (m) => console.log(m),
    });
    console.log(`model: ensemble (n-gram SVMs + word member + network on ${source})`);
    const inputs = new EnsembleInputs(items, { ...SHIPPED_RECIPE, primary }, vectors);
    cv.fit = (idx) => inputs.fit(idx);
  }
  const result = crossValidate(items, cv);
  console.log(`${result.folds} of ${folds} folds evaluated in ${((performance.now() - t0) / 1000).toFixed(1)} s (avg ${Math.round(result.trainSize)} training texts per fold)`);

  const names: Record<string, string> = { title: 'TITLES', body: 'BODIES', 'title+body': 'TITLE + BODY', text: 'TEXTS' };
  for (const [kind, r] of Object.entries(result.byKind)) {
    console.log(`\n== ${names[kind] ?? kind} ==`);
    console.log(formatMetrics(r.metrics));
    console.log(`ms/message: ${r.msPerMessage.toFixed(3)}`);
  }
  const k = result.byKind;
  const round = (x: number | undefined): number | null => (x === undefined ? null : Math.round(x * 10000) / 10000);
  // The slowest kind's mean time is reported as ms/message (bodies are the longest texts).
  const ms = Math.max(...Object.values(k).map((r: KindResult) => r.msPerMessage));
  const summary = {
    bench: 'classifier',
    folds: result.folds,
    titlesMacroF1: round(k.title?.metrics.macroF1),
    bodiesMacroF1: round(k.body?.metrics.macroF1),
    titleBodyMacroF1: round(k['title+body']?.metrics.macroF1),
    textsMacroF1: round(k.text?.metrics.macroF1),
    titlesAccuracy: round(k.title?.metrics.accuracy),
    bodiesAccuracy: round(k.body?.metrics.accuracy),
    msPerMessage: Math.round(ms * 1000) / 1000,
    msPerTitle: round(k.title?.msPerMessage),
    msPerBody: round(k.body?.msPerMessage),
  };
  console.log(JSON.stringify(Object.fromEntries(Object.entries(summary).filter(([, v]) => v !== null))));
}

try {
  main();
} catch (err) {
  process.stderr.write(`eval: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}
