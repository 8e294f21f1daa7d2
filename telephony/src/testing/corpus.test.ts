import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { corpusDir, findRepoRoot, loadCorpus } from './corpus.ts';

// The corpus loader must find the repo root from a module URL and report an absent corpus as
// null (so the conformance suites skip instead of failing on a checkout without it).

describe('conformance corpus loader', () => {
  const tmp = mkdtempSync(path.join(tmpdir(), 'sip-corpus-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('finds the workspace root above a module and resolves ../shared/conformance/sip from it', () => {
    const root = findRepoRoot(import.meta.url);
    expect(existsSync(path.join(root, 'package.json'))).toBe(true);
    expect(existsSync(path.join(root, 'telephony'))).toBe(true);
    expect(corpusDir(root)).toBe(path.resolve(root, '..', 'shared', 'conformance', 'sip'));
  });

  it('returns null when the corpus is absent', () => {
    const repo = path.join(tmp, 'repo');
    mkdirSync(path.join(repo, 'pkg'), { recursive: true });
    writeFileSync(path.join(repo, 'package.json'), JSON.stringify({ workspaces: ['pkg'] }));
    const moduleUrl = pathToFileURL(path.join(repo, 'pkg', 'x.test.ts')).href;
    expect(findRepoRoot(moduleUrl)).toBe(repo);
    expect(loadCorpus(moduleUrl)).toBeNull();
  });

  it('reads the table and the message bytes when present', () => {
    const repo = path.join(tmp, 'repo2');
    const dir = path.join(tmp, 'shared', 'conformance', 'sip', 'rfc4475');
    mkdirSync(path.join(repo, 'pkg'), { recursive: true });
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(repo, 'package.json'), JSON.stringify({ workspaces: [] }));
    writeFileSync(path.join(dir, 'a.dat'), 'OPTIONS sip:a@b SIP/2.0\r\n\r\n');
    writeFileSync(path.join(dir, '..', 'EXPECTATIONS.tsv'), 'file\trfc_section\tverdict\twhat\nrfc4475/a.dat\t4475 0\tvalid\tparse it\n');
    const rows = loadCorpus(pathToFileURL(path.join(repo, 'pkg', 'x.ts')).href);
    expect(rows).toHaveLength(1);
    expect(rows![0]).toMatchObject({ file: 'rfc4475/a.dat', section: '4475 0', verdict: 'valid', expectation: 'parse it' });
    expect(rows![0]!.bytes.toString()).toBe('OPTIONS sip:a@b SIP/2.0\r\n\r\n');
  });
});
