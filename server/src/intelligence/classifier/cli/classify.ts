// Classifies one text per line from stdin; writes exactly one `label<TAB>confidence` line per
// input line to stdout and nothing else (diagnostics go to stderr).
//
//   printf '公交车绕路\n医院乱收费\n' | npx tsx server/src/intelligence/classifier/cli/classify.ts [--model FILE]
//
// Streams (constant memory for any number of lines). An empty line still gets a line (the prior
// best guess with a low confidence). A huge line is classified on its first MAX_LINE_CHARS
// characters; the rest is skipped without being buffered. Invalid UTF-8 becomes U+FFFD.

import { StringDecoder } from 'node:string_decoder';
import { argValue } from '../dataset.ts';
import { loadShippedClassifier } from '../index.ts';
import type { WorkOrderClassifier } from '../index.ts';

const MAX_LINE_CHARS = 100_000;
const FLUSH_BYTES = 64 * 1024;

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const modelFile = argValue(args, '--model');
  const classifier: WorkOrderClassifier = loadShippedClassifier(modelFile);
  const fallback = classifier.labels[0] ?? '';

  let out = '';
  const flush = async (force: boolean): Promise<void> => {
    if (out.length === 0 || (!force && out.length < FLUSH_BYTES)) return;
    const chunk = out;
    out = '';
    if (!process.stdout.write(chunk)) await new Promise<void>((r) => process.stdout.once('drain', r));
  };
  const emit = (line: string): void => {
    let label = fallback;
    let confidence = 0;
    try {
      const c = classifier.classify(line.endsWith('\r') ? line.slice(0, -1) : line);
      label = c.label;
      confidence = Number.isFinite(c.confidence) ? c.confidence : 0;
    } catch (err) {
      process.stderr.write(`classify: ${err instanceof Error ? err.message : String(err)}\n`);
    }
    out += `${label}\t${confidence.toFixed(4)}\n`;
  };

  const decoder = new StringDecoder('utf8');
  let current = '';
  let overflow = false;
  let pending = false; // a line has started (even if empty) and not been emitted
  const feed = (text: string): void => {
    let start = 0;
    while (start < text.length) {
      const nl = text.indexOf('\n', start);
      const end = nl < 0 ? text.length : nl;
      if (!overflow) {
        current += text.slice(start, Math.min(end, start + (MAX_LINE_CHARS - current.length)));
        if (current.length >= MAX_LINE_CHARS) overflow = true;
      }
      pending = true;
      if (nl < 0) break;
      emit(current);
      current = '';
      overflow = false;
      pending = false;
      start = nl + 1;
    }
  };
  for await (const chunk of process.stdin) {
    feed(decoder.write(chunk as Buffer));
    await flush(false);
  }
  feed(decoder.end());
  if (pending) emit(current);
  await flush(true);
}

main().catch((err: unknown) => {
  process.stderr.write(`classify: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
