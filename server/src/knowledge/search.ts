// Ranked search over published knowledge. The database finds every published version holding
// any concept of the query (GIN index on the tokens); ranking happens here. Each concept weighs
// by its rarity in the published collection (an IDF); an article earns a concept's full weight
// when its title holds it, a little less from a tag or the summary, and less again from the body alone. The
// score is the share of the query's weight an article earns, 0–1, so a threshold (the bot's)
// means the same for every query.
import type { Queryable } from '../db/db.ts';
import { documentTokens } from '../search/tokenize.ts';
import { markHtml, snippetHtml } from './highlight.ts';
import { holds, parseQuery, toTsquery, type Concept } from './query.ts';
import { candidates, countPublished, synonymGroups, type Candidate, type CandidateFilter } from './repository.ts';

const TITLE_FACTOR = 1;
const TAG_FACTOR = 0.85;
const SUMMARY_FACTOR = 0.75;
const BODY_FACTOR = 0.45;
/** A noise bigram (Concept.core false) counts at this share, and only beside a real term. */
const NOISE_FACTOR = 0.3;
/**
 * A term no article holds weighs as one held by a tenth of them: it is part of what was asked and
 * nothing answers it, but an unknown word is not necessarily the heart of the question.
 */
const UNSEEN_SHARE = 0.1;
/** More candidates than this are cut (newest first); the knowledge base of a city is far smaller. */
const MAX_CANDIDATES = 2000;

export interface Hit {
  row: Candidate;
  score: number;
  /** Whether the article holds every core concept of the query. */
  complete: boolean;
  terms: string[];
}

export interface HighlightedHit extends Hit {
  titleHtml: string;
  snippetHtml: string;
}

export interface RankedResult {
  hits: Hit[];
  /** `all`: every hit holds all the query's terms; `any`: none did, so partial matches are shown. */
  matched: 'all' | 'any';
}

export interface RankOptions {
  /** `all` keeps articles holding every core concept (falling back to `any` when none does). */
  mode: 'all' | 'any';
  /** Articles of this category rank a little higher (the agent's current work order). */
  preferCategoryId?: string;
}

/** Ranks published versions for the query; null when the query has nothing to search for. */
export async function rankedSearch(q: Queryable, text: string, filter: CandidateFilter, opts: RankOptions): Promise<RankedResult | null> {
  const concepts = parseQuery(text, await synonymGroups(q));
  const tsquery = toTsquery(concepts, 'any');
  if (!tsquery) return null;
  const rows = await candidates(q, tsquery, filter, MAX_CANDIDATES);
  const total = rows.length ? Math.max(rows.length, await countPublished(q, filter)) : 0;
  const scored = score(rows, total, concepts, opts.preferCategoryId).filter((h) => h.score > 0);
  const complete = scored.filter((h) => h.complete);
  const matched = opts.mode === 'all' && complete.length ? 'all' : 'any';
  const hits = (matched === 'all' ? complete : scored).sort((a, b) => b.score - a.score || +(b.row.publishedAt ?? 0) - +(a.row.publishedAt ?? 0));
  return { hits, matched };
}

function score(rows: Candidate[], n: number, concepts: Concept[], preferCategoryId?: string): Hit[] {
  const docs = rows.map((row) => {
    // Tags and summary are tokenised only when the title does not settle a concept.
    let tags: Set<string> | undefined;
    let summary: Set<string> | undefined;
    return {
      row,
      tokens: new Set(row.tokens),
      title: new Set(row.titleTokens),
      tags: () => (tags ??= new Set(documentTokens(row.tags.join(' ')))),
      summary: () => (summary ??= new Set(documentTokens(row.summary))),
    };
  });
  const holding = concepts.map((c) => docs.map((d) => holds(d.tokens, c)));
  const weights = concepts.map((c, i) => {
    const df = holding[i]!.filter(Boolean).length;
    if (!c.core) return df ? Math.log(1 + n / df) * NOISE_FACTOR : 0;
    // A term in one article only weighs as one in two: in a small collection rarity is partly chance.
    return Math.log(1 + n / (df ? Math.max(df, 2) : Math.max(n * UNSEEN_SHARE, 2)));
  });
  const total = weights.reduce((a, b) => a + b, 0) || 1;
  return docs.map((d, j) => {
    let got = 0;
    let complete = true;
    let core = false;
    const terms: string[] = [];
    concepts.forEach((c, i) => {
      const alt = holding[i]![j];
      if (!alt) {
        if (c.core) complete = false;
        return;
      }
      if (c.core) core = true;
      terms.push(...c.alternatives.filter((a) => holds(d.tokens, { ...c, alternatives: [a] })).map((a) => a.text));
      const factor = holds(d.title, c) ? TITLE_FACTOR : holds(d.tags(), c) ? TAG_FACTOR : holds(d.summary(), c) ? SUMMARY_FACTOR : BODY_FACTOR;
      got += weights[i]! * factor;
    });
    // Noise alone (an article sharing only a stray bigram with the query) is no match.
    let s = core ? got / total : 0;
    if (preferCategoryId && d.row.categoryId === preferCategoryId) s = Math.min(1, s * 1.15);
    return { row: d.row, score: Math.round(s * 1000) / 1000, complete, terms };
  });
}

/** The hit's title and an excerpt of its body, escaped, with the matched terms marked (only for hits shown). */
export function highlight(hit: Hit): HighlightedHit {
  const source = hit.terms.length ? hit.row.body : hit.row.summary || hit.row.body;
  return { ...hit, titleHtml: markHtml(hit.row.title, hit.terms), snippetHtml: snippetHtml(source, hit.terms) };
}
