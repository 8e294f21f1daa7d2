// Incremental (single-pass) clustering of appeals into hotspots by topic and place. Each appeal
// is a TF-IDF vector of character bigrams; it joins the open cluster whose centroid is most
// similar, adjusted for place (the same estate or road raises similarity, two different named
// places or districts lower it), or starts a new cluster. A cluster closes when no appeal has
// joined it for a window, so a recurring topic months later is a new hotspot.
//
// Single-pass clustering is order-dependent; appeals are added in time order, which is the order
// a live system sees them in, so the result is what an operator would have seen at each moment.

import { placeNames, samePlaceName, topicTokens } from './text.ts';

export interface HotspotDoc {
  id: string;
  /** Milliseconds since the epoch. */
  at: number;
  title: string;
  body: string;
  likes?: number;
  /** Who raised it (a board user, a caller's phone): volume counts people, not messages. */
  reporter?: string;
  /** Places known from structured fields (district and street names of a work order). */
  places?: string[];
  /** The district (or county) the appeal is in, when known. */
  district?: string | null;
}

export interface Cluster {
  id: number;
  docs: HotspotDoc[];
  /** Each member's title and body vectors, parallel to docs. */
  vectors: DocVectors[];
  firstAt: number;
  lastAt: number;
  likes: number;
  /** Named places and districts with how many members mention them. */
  places: Map<string, number>;
  districts: Map<string, number>;
  title: Centroid;
  body: Centroid;
  /** Set when the cluster was merged into another (its members moved there). */
  mergedInto?: number;
}

export interface DocVectors {
  title: Map<string, number>;
  body: Map<string, number>;
}

/** Sum of member vectors and its squared norm (kept incrementally). */
interface Centroid {
  sum: Map<string, number>;
  norm2: number;
}

export interface ClusterOptions {
  /** A cluster stays open this long after its last appeal. */
  windowMs: number;
  /** Minimum adjusted similarity to join a cluster. */
  threshold: number;
  /** Share of the title in the similarity; the body has the rest. */
  titleWeight: number;
}

export const DEFAULT_CLUSTER_OPTIONS: ClusterOptions = { windowMs: 30 * 86_400_000, threshold: 0.3, titleWeight: 0.6 };

const DISTRICT = /^[A-Z]\d{1,2}[区县]$/;
const MAX_POSTINGS = 400;
const MAX_CANDIDATES = 24;
const MAX_TERMS = 100;
/** Two clusters merge only when clearly closer than an appeal needs to be to join one. */
const MERGE_MARGIN = 0.05;

export class HotspotClusterer {
  readonly clusters: Cluster[] = [];
  private readonly df = new Map<string, number>();
  private docsSeen = 0;
  private primed = false;
  /** Token → ids of clusters whose members contain it. */
  private readonly index = new Map<string, Set<number>>();
  private readonly opts: ClusterOptions;
  private readonly tokenCache = new WeakMap<HotspotDoc, { title: Map<string, number>; body: Map<string, number> }>();
  private readonly idfCache = new Map<string, number>();

  constructor(opts: Partial<ClusterOptions> = {}) {
    this.opts = { ...DEFAULT_CLUSTER_OPTIONS, ...opts };
  }

  /**
   * Counts document frequencies over a whole batch before clustering it, so the first appeals are
   * weighed with the same IDF as the last. Without it, frequencies grow as appeals arrive.
   */
  prime(docs: readonly HotspotDoc[]): void {
    for (const d of docs) this.countDf(this.tokens(d));
    this.docsSeen = docs.length;
    this.primed = true;
  }

  /** Title and body tokens of a document, computed once (priming and adding both need them). */
  private tokens(d: HotspotDoc): { title: Map<string, number>; body: Map<string, number> } {
    let t = this.tokenCache.get(d);
    if (!t) {
      t = { title: topicTokens(d.title, ''), body: topicTokens('', d.body) };
      this.tokenCache.set(d, t);
    }
    return t;
  }

  /** Similarity of an appeal to a cluster: title and body cosines, weighted. */
  similarity(v: DocVectors, c: Cluster): { sim: number; dotTitle: number; dotBody: number } {
    const dotTitle = dot(v.title, c.title.sum);
    const dotBody = dot(v.body, c.body.sum);
    const cosT = c.title.norm2 > 0 ? dotTitle / Math.sqrt(c.title.norm2) : 0;
    const cosB = c.body.norm2 > 0 ? dotBody / Math.sqrt(c.body.norm2) : 0;
    const a = v.body.size && c.body.norm2 > 0 ? this.opts.titleWeight : 1;
    return { sim: a * cosT + (1 - a) * cosB, dotTitle, dotBody };
  }

  add(doc: HotspotDoc): Cluster {
    const tokens = this.tokens(doc);
    if (!this.primed) {
      this.countDf(tokens);
      this.docsSeen++;
    }
    const v: DocVectors = { title: this.vector(tokens.title), body: this.vector(tokens.body) };
    this.tokenCache.delete(doc);
    const named = [...new Set([...placeNames(`${doc.title} ${doc.body}`), ...(doc.places ?? [])])];
    const district = doc.district ?? named.find((p) => DISTRICT.test(p)) ?? null;
    const places = named.filter((p) => !DISTRICT.test(p) && p !== district);

    let best: Cluster | null = null;
    let bestSim = this.opts.threshold;
    let bestDots = { dotTitle: 0, dotBody: 0 };
    for (const id of this.candidates(v)) {
      const c = this.clusters[id]!;
      if (doc.at - c.lastAt > this.opts.windowMs) continue;
      const s = this.similarity(v, c);
      const sim = this.adjust(s.sim, c, places, district);
      if (sim >= bestSim) {
        best = c;
        bestSim = sim;
        bestDots = s;
      }
    }
    const c = best ?? this.open(doc.at);
    c.docs.push(doc);
    c.vectors.push(v);
    c.lastAt = Math.max(c.lastAt, doc.at);
    c.firstAt = Math.min(c.firstAt, doc.at);
    c.likes += doc.likes ?? 0;
    for (const p of places) c.places.set(p, (c.places.get(p) ?? 0) + 1);
    if (district) c.districts.set(district, (c.districts.get(district) ?? 0) + 1);
    addTo(c.title, v.title, bestDots.dotTitle);
    addTo(c.body, v.body, bestDots.dotBody);
    this.indexTokens(c, [...v.title.keys(), ...v.body.keys()]);
    return best ? this.mergeSimilar(c, doc.at) : c;
  }

  /** Open clusters, not merged away. */
  live(): Cluster[] {
    return this.clusters.filter((c) => c.mergedInto === undefined);
  }

  private indexTokens(c: Cluster, tokens: Iterable<string>): void {
    for (const t of tokens) {
      let set = this.index.get(t);
      if (!set) this.index.set(t, (set = new Set()));
      set.add(c.id);
    }
  }

  /**
   * Single-pass clustering commits early: two fragments of one event can form before the appeals
   * that bridge them arrive. When a grown cluster's centre comes close to another open cluster's,
   * the smaller is merged into the larger.
   */
  private mergeSimilar(c: Cluster, at: number): Cluster {
    const centre: DocVectors = { title: unit(c.title), body: unit(c.body) };
    for (const id of this.candidates(centre)) {
      const o = this.clusters[id]!;
      if (o === c || o.mergedInto !== undefined || at - o.lastAt > this.opts.windowMs) continue;
      const sim = this.adjust(this.similarity(centre, o).sim, o, [...c.places.keys()], top1(c.districts));
      if (sim < this.opts.threshold + MERGE_MARGIN) continue;
      const [big, small] = o.docs.length >= c.docs.length ? [o, c] : [c, o];
      absorb(big, small);
      this.indexTokens(big, [...small.title.sum.keys(), ...small.body.sum.keys()]);
      return big;
    }
    return c;
  }

  private open(at: number): Cluster {
    const c: Cluster = {
      id: this.clusters.length, docs: [], vectors: [], firstAt: at, lastAt: at, likes: 0, places: new Map(), districts: new Map(),
      title: { sum: new Map(), norm2: 0 }, body: { sum: new Map(), norm2: 0 },
    };
    this.clusters.push(c);
    return c;
  }

  private countDf(tokens: { title: Map<string, number>; body: Map<string, number> }): void {
    for (const t of tokens.title.keys()) this.df.set(t, (this.df.get(t) ?? 0) + 1);
    for (const t of tokens.body.keys()) if (!tokens.title.has(t)) this.df.set(t, (this.df.get(t) ?? 0) + 1);
  }

  private idf(t: string): number {
    if (!this.primed) return Math.log((this.docsSeen + 1) / ((this.df.get(t) ?? 0) + 1)) + 1;
    // Frequencies are fixed after priming, so each token's IDF is computed once.
    let v = this.idfCache.get(t);
    if (v === undefined) this.idfCache.set(t, (v = Math.log((this.docsSeen + 1) / ((this.df.get(t) ?? 0) + 1)) + 1));
    return v;
  }

  /** Sublinear TF × IDF of the strongest MAX_TERMS tokens, L2-normalised. */
  private vector(tf: Map<string, number>): Map<string, number> {
    const weighted: [string, number][] = [];
    for (const [t, f] of tf) weighted.push([t, (f === 1 ? 1 : 1 + Math.log(f)) * this.idf(t)]);
    // A long body's weakest bigrams add cost, not topic.
    if (weighted.length > MAX_TERMS) weighted.sort((a, b) => b[1] - a[1]).length = MAX_TERMS;
    let n2 = 0;
    for (const [, w] of weighted) n2 += w * w;
    const inv = n2 > 0 ? 1 / Math.sqrt(n2) : 0;
    return new Map(weighted.map(([t, w]) => [t, w * inv]));
  }

  /**
   * The clusters most likely to be similar: those sharing the appeal's strongest tokens, scored by
   * the shared weight. Tokens found in very many clusters are too common to narrow anything down.
   */
  private candidates(v: DocVectors): number[] {
    const top = [...v.title, ...v.body].sort((a, b) => b[1] - a[1]).slice(0, 24);
    const acc = new Map<number, number>();
    for (const [t, w] of top) {
      const ids = this.index.get(t);
      if (!ids || ids.size > MAX_POSTINGS) continue;
      for (const raw of ids) {
        const id = this.resolve(raw);
        acc.set(id, (acc.get(id) ?? 0) + w);
      }
    }
    return [...acc].sort((a, b) => b[1] - a[1]).slice(0, MAX_CANDIDATES).map(([id]) => id);
  }

  /** The cluster an id ended up in after merges. */
  private resolve(id: number): number {
    let c = this.clusters[id]!;
    while (c.mergedInto !== undefined) c = this.clusters[c.mergedInto]!;
    return c.id;
  }

  private adjust(sim: number, c: Cluster, places: string[], district: string | null): number {
    if (places.length && c.places.size) {
      const shared = places.some((p) => [...c.places.keys()].some((q) => samePlaceName(p, q)));
      sim = shared ? sim + 0.1 : sim * 0.6;
    }
    if (district && c.districts.size && !c.districts.has(district)) sim *= 0.8;
    return sim;
  }
}

function dot(a: Map<string, number>, b: Map<string, number>): number {
  let s = 0;
  for (const [t, w] of a) s += w * (b.get(t) ?? 0);
  return s;
}

/** Adds a unit vector to a centroid: |c + v|² = |c|² + 2 c·v + |v|². */
function addTo(c: Centroid, v: Map<string, number>, dotWithC: number): void {
  if (v.size === 0) return;
  c.norm2 += 2 * dotWithC + 1;
  for (const [t, w] of v) c.sum.set(t, (c.sum.get(t) ?? 0) + w);
}

function unit(c: Centroid): Map<string, number> {
  const inv = c.norm2 > 0 ? 1 / Math.sqrt(c.norm2) : 0;
  const out = new Map<string, number>();
  for (const [t, w] of c.sum) out.set(t, w * inv);
  return out;
}

function top1(m: Map<string, number>): string | null {
  let best: string | null = null;
  let n = 0;
  for (const [k, v] of m) if (v > n) [best, n] = [k, v];
  return best;
}

/** Moves every member of `small` into `big` and recomputes big's centroids. */
function absorb(big: Cluster, small: Cluster): void {
  big.docs.push(...small.docs);
  big.vectors.push(...small.vectors);
  big.firstAt = Math.min(big.firstAt, small.firstAt);
  big.lastAt = Math.max(big.lastAt, small.lastAt);
  big.likes += small.likes;
  for (const [k, v] of small.places) big.places.set(k, (big.places.get(k) ?? 0) + v);
  for (const [k, v] of small.districts) big.districts.set(k, (big.districts.get(k) ?? 0) + v);
  for (const part of ['title', 'body'] as const) {
    for (const [t, w] of small[part].sum) big[part].sum.set(t, (big[part].sum.get(t) ?? 0) + w);
    let n2 = 0;
    for (const w of big[part].sum.values()) n2 += w * w;
    big[part].norm2 = n2;
  }
  small.mergedInto = big.id;
  small.docs = [];
  small.vectors = [];
}
