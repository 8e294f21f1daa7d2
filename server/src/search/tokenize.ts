// Chinese full-text search without a database extension: text is cut into ICU dictionary words
// (Intl.Segmenter, built into Node and browsers) plus overlapping character bigrams of every
// Chinese run, the approach of Lucene's CJK analyzer. Bigrams make recall independent of how the
// segmenter happened to cut a phrase; whole words keep precision. The database stores the tokens
// as a tsvector (array_to_tsvector) with a GIN index and matches a tsquery built the same way.

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
const HAN = /\p{Script=Han}/u;
const MAX_TOKENS = 4000;

function normalise(text: string): string {
  // Full-width ASCII to half-width, then lower case, so "ＡＢＣ１２" finds "abc12".
  return text.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).toLowerCase();
}

function words(text: string): string[] {
  const out: string[] = [];
  for (const s of segmenter.segment(normalise(text))) if (s.isWordLike) out.push(s.segment);
  return out;
}

function bigrams(han: string): string[] {
  const chars = [...han];
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  return out;
}

/** Han runs of a text, so bigrams span the segmenter's word boundaries. */
function hanRuns(text: string): string[] {
  return normalise(text).match(/\p{Script=Han}+/gu) ?? [];
}

export function documentTokens(...parts: (string | null | undefined)[]): string[] {
  const text = parts.filter(Boolean).join('\n');
  const set = new Set<string>();
  for (const w of words(text)) {
    if (set.size >= MAX_TOKENS) break;
    if (!HAN.test(w) || [...w].length > 1) set.add(w);
  }
  for (const run of hanRuns(text)) {
    if ([...run].length === 1) set.add(run);
    for (const b of bigrams(run)) {
      if (set.size >= MAX_TOKENS) break;
      set.add(b);
    }
  }
  return [...set];
}

/** A tsquery (as text) that every document containing all the query's terms matches; null if nothing to search. */
export function searchQuery(q: string): string | null {
  const terms: string[] = [];
  for (const w of words(q)) {
    if (!HAN.test(w)) {
      terms.push(quote(w));
      continue;
    }
  }
  for (const run of hanRuns(q)) {
    const chars = [...run];
    if (chars.length === 1) terms.push(`(${quote(run)} | ${quote(run)}:*)`);
    else for (const b of bigrams(run)) terms.push(quote(b));
  }
  const unique = [...new Set(terms)].slice(0, 64);
  return unique.length ? unique.join(' & ') : null;
}

function quote(lexeme: string): string {
  return `'${lexeme.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}
