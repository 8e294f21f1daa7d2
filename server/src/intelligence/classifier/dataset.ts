// Loading labelled messages from TSV files.
//
// The citizen-messages data set has `id<TAB>label<TAB>text` with a header line, one record per
// line and no quoting (a body never contains a raw tab or newline). A city's own export for
// retraining may be plain `label<TAB>text` lines, with or without a header.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Example {
  id: string;
  label: string;
  text: string;
}

/** The repository root (four levels above this file: server/src/intelligence/classifier). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');

/** Default location of the citizen-messages data set, beside the repository. */
export const DEFAULT_DATA_DIR = resolve(REPO_ROOT, '../shared/datasets/citizen-messages');

/** Parses TSV text into labelled examples. Accepts `id,label,text` (header required) or `label,text`. */
export function parseLabeledTsv(content: string, source = 'tsv'): Example[] {
  const lines = content.replace(/^\ufeff/, '').split(/\r?\n/);
  const out: Example[] = [];
  let labelCol = 0;
  let textCol = 1;
  let idCol = -1;
  let start = 0;
  const header = (lines[0] ?? '').split('\t').map((h) => h.trim().toLowerCase());
  if (header.includes('label')) {
    labelCol = header.indexOf('label');
    textCol = ['text', 'body', 'title', 'content'].map((h) => header.indexOf(h)).find((i) => i >= 0) ?? -1;
    if (textCol < 0) throw new Error(`${source}: header has a label column but no text/title/body column`);
    idCol = header.indexOf('id');
    start = 1;
  }
  for (let i = start; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.trim() === '') continue;
    const cols = line.split('\t');
    const label = (cols[labelCol] ?? '').trim();
    // In the two-column format a stray tab inside the text is kept as part of the text.
    const text = start === 0 && textCol === 1 ? cols.slice(1).join('\t') : (cols[textCol] ?? '');
    if (label === '' || text.trim() === '') continue;
    out.push({ id: idCol >= 0 ? (cols[idCol] ?? String(i)) : `${source}:${i + 1}`, label, text });
  }
  return out;
}

export function loadLabeledTsv(file: string): Example[] {
  return parseLabeledTsv(readFileSync(file, 'utf8'), file);
}

export interface CitizenMessages {
  titles: Example[];
  bodies: Example[];
}

/** Loads titles.train.tsv and bodies.train.tsv from the data directory. */
export function loadCitizenMessages(dir: string = DEFAULT_DATA_DIR): CitizenMessages {
  return {
    titles: loadLabeledTsv(resolve(dir, 'titles.train.tsv')),
    bodies: loadLabeledTsv(resolve(dir, 'bodies.train.tsv')),
  };
}

export function hasCitizenMessages(dir: string = DEFAULT_DATA_DIR): boolean {
  return existsSync(resolve(dir, 'titles.train.tsv')) && existsSync(resolve(dir, 'bodies.train.tsv'));
}

/** Reads `--name VALUE` (or `--name=VALUE`) from an argument list. */
export function argValue(args: readonly string[], name: string): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === name) return args[i + 1];
    if (a.startsWith(name + '=')) return a.slice(name.length + 1);
  }
  return undefined;
}

/** Unlabelled message files of the data set whose text columns teach the word vectors. */
export const UNLABELLED_FILES = ['hotspot-messages.tsv', 'messages-with-replies.tsv'];

/**
 * The title, body and reply texts of the data set's unlabelled files (no labels are read). Files
 * that are missing are skipped; an empty list means there is nothing to learn word vectors from.
 */
export function loadUnlabelledTexts(dir: string = DEFAULT_DATA_DIR): string[] {
  const out: string[] = [];
  for (const f of UNLABELLED_FILES) {
    const file = resolve(dir, f);
    if (!existsSync(file)) continue;
    const lines = readFileSync(file, 'utf8').replace(/^\ufeff/, '').split(/\r?\n/);
    const header = (lines[0] ?? '').split('\t').map((h) => h.trim().toLowerCase());
    const cols = ['title', 'body', 'reply'].map((c) => header.indexOf(c)).filter((i) => i >= 0);
    for (const line of lines.slice(1)) {
      const cells = line.split('\t');
      for (const c of cols) if ((cells[c] ?? '').trim() !== '') out.push(cells[c] as string);
    }
  }
  return out;
}
