// Linking titles to bodies of the same message.
//
// titles.train.tsv and bodies.train.tsv use unrelated ids, yet many titles are the subject line of
// a message whose body is in the other file (same proper nouns, same label). Links are found by
// rare character trigrams: a title is linked to a body when the IDF-weighted share of the title's
// trigrams found in the body is high. Links serve two purposes: linked items are kept in the same
// cross-validation fold (otherwise a held-out body's own title would leak into training), and
// confident links give "title + body" training examples.

import { normalizeText, unitSegments } from './features.ts';

export interface Link {
  title: number;
  body: number;
  /** IDF-weighted fraction of the title's trigrams present in the body, 0..1. */
  score: number;
}

function trigrams(text: string): Set<string> {
  const out = new Set<string>();
  for (const seg of unitSegments(normalizeText(text, 100_000))) {
    for (let i = 0; i + 3 <= seg.length; i++) out.add((seg[i] as string) + seg[i + 1] + seg[i + 2]);
  }
  return out;
}

/**
 * Every (title, body) pair whose score reaches `minScore`. Trigrams occurring in more than
 * `maxDf` bodies are too common to vote (they still count in the title's total weight).
 */
export function linkTitlesToBodies(titles: readonly string[], bodies: readonly string[], minScore = 0.3, maxDf = 40): Link[] {
  const bodyGrams = bodies.map(trigrams);
  const df = new Map<string, number>();
  for (const s of bodyGrams) for (const g of s) df.set(g, (df.get(g) ?? 0) + 1);
  const N = bodies.length;
  const idf = (g: string): number => Math.log((N + 1) / ((df.get(g) ?? 0) + 1));
  const postings = new Map<string, number[]>();
  bodyGrams.forEach((s, b) => {
    for (const g of s) {
      if ((df.get(g) as number) > maxDf) continue;
      const list = postings.get(g);
      if (list) list.push(b);
      else postings.set(g, [b]);
    }
  });
  const links: Link[] = [];
  titles.forEach((title, t) => {
    const grams = trigrams(title);
    // Too little text to link reliably ("您好！").
    if (grams.size < 3) return;
    let total = 0;
    const acc = new Map<number, number>();
    for (const g of grams) {
      const w = idf(g);
      total += w;
      for (const b of postings.get(g) ?? []) acc.set(b, (acc.get(b) ?? 0) + w);
    }
    if (total <= 0) return;
    for (const [b, w] of acc) {
      const score = w / total;
      if (score >= minScore) links.push({ title: t, body: b, score });
    }
  });
  return links;
}

/** Union-find over integer ids. */
export class DisjointSets {
  private readonly parent: Int32Array;
  constructor(n: number) {
    this.parent = Int32Array.from({ length: n }, (_, i) => i);
  }
  find(x: number): number {
    let r = x;
    while (this.parent[r] !== r) r = this.parent[r] as number;
    while (this.parent[x] !== r) {
      const next = this.parent[x] as number;
      this.parent[x] = r;
      x = next;
    }
    return r;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
}
