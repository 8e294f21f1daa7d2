import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// Locates and loads the shared SIP conformance corpus (RFC 4475 + RFC 5118 torture messages and
// EXPECTATIONS.tsv). It lives next to the repository checkout, at <repoRoot>/../shared/conformance/sip,
// and may be absent (e.g. a bare clone): callers skip, never fail, in that case.
// Test/bench support only — not exported from the package.

export type Verdict = 'valid' | 'invalid' | 'tolerate';

export interface CorpusEntry {
  /** Path relative to the corpus directory, as written in EXPECTATIONS.tsv ("rfc4475/esc01.dat"). */
  file: string;
  /** "4475 3.1.1.3" */
  section: string;
  verdict: Verdict;
  /** The table's description of what a UAS must do. */
  expectation: string;
  bytes: Buffer;
}

export const CORPUS_SKIP_MESSAGE = 'conformance corpus ../shared/conformance/sip not found; skipping';

/** Walks up from a module URL (import.meta.url) to the directory whose package.json declares workspaces. */
export function findRepoRoot(moduleUrl: string): string {
  let dir = path.dirname(fileURLToPath(moduleUrl));
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        const json = JSON.parse(readFileSync(pkg, 'utf8')) as { workspaces?: unknown };
        if (json.workspaces !== undefined) return dir;
      } catch {
        // unreadable package.json: keep walking
      }
    }
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`no workspace root above ${moduleUrl}`);
    dir = up;
  }
}

export function corpusDir(repoRoot: string): string {
  return path.resolve(repoRoot, '..', 'shared', 'conformance', 'sip');
}

/** The corpus rows with their bytes, or null when the corpus directory (or its table) is absent. */
export function loadCorpus(moduleUrl: string): CorpusEntry[] | null {
  const dir = corpusDir(findRepoRoot(moduleUrl));
  const table = path.join(dir, 'EXPECTATIONS.tsv');
  if (!existsSync(table)) return null;
  const rows = readFileSync(table, 'utf8').split('\n').slice(1);
  const out: CorpusEntry[] = [];
  for (const row of rows) {
    if (row.trim() === '') continue;
    const [file, section, verdict, expectation] = row.replace(/\r$/, '').split('\t');
    if (file === undefined || section === undefined || expectation === undefined) throw new Error(`bad EXPECTATIONS.tsv row: ${row}`);
    if (verdict !== 'valid' && verdict !== 'invalid' && verdict !== 'tolerate') throw new Error(`bad verdict in row: ${row}`);
    out.push({ file, section, verdict, expectation, bytes: readFileSync(path.join(dir, file)) });
  }
  return out;
}
