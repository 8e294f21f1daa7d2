// Near-duplicate appeals (the same issue at the same place, raised again within a window):
// MinHash signatures of character-bigram sets, locality-sensitive hashing into bands to find
// candidate pairs without comparing every pair, then the exact Jaccard similarity and a place
// check on the candidates.

import { hanBigrams, placeNames, samePlaceName } from './text.ts';

export interface DuplicateDoc {
  id: string;
  at: number;
  title: string;
  body: string;
  /** District (or county) when known from structured fields. */
  district?: string | null;
}

export interface DuplicatePair {
  a: string;
  b: string;
  jaccard: number;
  hoursApart: number;
}

export interface DuplicateOptions {
  /** Minimum Jaccard similarity of the bigram sets. */
  threshold: number;
  windowMs: number;
}

export const DEFAULT_DUPLICATE_OPTIONS: DuplicateOptions = { threshold: 0.6, windowMs: 30 * 86_400_000 };

const HASHES = 64;
const BANDS = 16;
const ROWS = HASHES / BANDS;
// Fixed seeds: signatures must be stable between runs and nodes.
const SEEDS = Array.from({ length: HASHES }, (_, i) => Math.imul(i + 1, 0x9e3779b1) >>> 0);

export function shingles(title: string, body: string): Set<string> {
  return new Set([...hanBigrams(title), ...hanBigrams(body, 3000)]);
}

function fnv(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function mix(h: number, seed: number): number {
  let x = (h ^ seed) >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/** MinHash signature: for each of 64 hash functions, the smallest hash over the set. */
export function minhash(set: Set<string>): Uint32Array {
  const sig = new Uint32Array(HASHES).fill(0xffffffff);
  for (const s of set) {
    const h = fnv(s);
    for (let i = 0; i < HASHES; i++) {
      const v = mix(h, SEEDS[i]!);
      if (v < sig[i]!) sig[i] = v;
    }
  }
  return sig;
}

export function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 && b.size === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let inter = 0;
  for (const x of small) if (large.has(x)) inter++;
  return inter / (a.size + b.size - inter);
}

/** Two appeals may be about the same place unless they name different districts or places. */
export function placesCompatible(a: DuplicateDoc, b: DuplicateDoc): boolean {
  const da = a.district ?? placeNames(a.title + a.body).find((p) => /^[A-Z]\d{1,2}[区县]$/.test(p));
  const db = b.district ?? placeNames(b.title + b.body).find((p) => /^[A-Z]\d{1,2}[区县]$/.test(p));
  if (da && db && da !== db) return false;
  const pa = placeNames(a.title).filter((p) => !/^[A-Z]\d/.test(p));
  const pb = placeNames(b.title).filter((p) => !/^[A-Z]\d/.test(p));
  if (pa.length && pb.length && !pa.some((x) => pb.some((y) => samePlaceName(x, y)))) return false;
  return true;
}

/** Every near-duplicate pair among the documents. */
export function findNearDuplicates(docs: readonly DuplicateDoc[], opts: Partial<DuplicateOptions> = {}): DuplicatePair[] {
  const o = { ...DEFAULT_DUPLICATE_OPTIONS, ...opts };
  const sets = docs.map((d) => shingles(d.title, d.body));
  const buckets = new Map<string, number[]>();
  sets.forEach((set, i) => {
    if (set.size === 0) return;
    const sig = minhash(set);
    for (let b = 0; b < BANDS; b++) {
      const key = `${b}:${Array.from(sig.subarray(b * ROWS, (b + 1) * ROWS)).join(',')}`;
      const list = buckets.get(key);
      if (list) list.push(i);
      else buckets.set(key, [i]);
    }
  });
  const seen = new Set<string>();
  const out: DuplicatePair[] = [];
  for (const list of buckets.values()) {
    if (list.length < 2 || list.length > 200) continue;
    for (let x = 0; x < list.length; x++) {
      for (let y = x + 1; y < list.length; y++) {
        const [i, j] = [list[x]!, list[y]!];
        const key = i < j ? `${i}:${j}` : `${j}:${i}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const [a, b] = [docs[i]!, docs[j]!];
        if (Math.abs(a.at - b.at) > o.windowMs) continue;
        const sim = jaccard(sets[i]!, sets[j]!);
        if (sim < o.threshold || !placesCompatible(a, b)) continue;
        out.push({ a: a.id, b: b.id, jaccard: Math.round(sim * 1000) / 1000, hoursApart: Math.round(Math.abs(a.at - b.at) / 36_000) / 100 });
      }
    }
  }
  return out.sort((p, q) => q.jaccard - p.jaccard);
}

/** Pairs joined into groups (a chain of duplicates is one group). */
export function duplicateGroups(pairs: readonly DuplicatePair[]): string[][] {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let r = x;
    while (parent.get(r) !== undefined && parent.get(r) !== r) r = parent.get(r)!;
    parent.set(x, r);
    return r;
  };
  for (const p of pairs) {
    if (!parent.has(p.a)) parent.set(p.a, p.a);
    if (!parent.has(p.b)) parent.set(p.b, p.b);
    const [ra, rb] = [find(p.a), find(p.b)];
    if (ra !== rb) parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb);
  }
  const groups = new Map<string, string[]>();
  for (const x of parent.keys()) {
    const r = find(x);
    const g = groups.get(r) ?? [];
    g.push(x);
    groups.set(r, g);
  }
  return [...groups.values()].filter((g) => g.length > 1).map((g) => g.sort());
}
