// Highlighting of matched terms. Everything of the article is HTML-escaped; the only markup we
// emit is <mark>…</mark> around matched ranges, so the client may render the result as HTML.

import { normaliseChars } from './query.ts';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

type Range = [start: number, end: number];

/** Ranges of `text` (UTF-16 offsets) where any term occurs, merged when they touch or overlap. */
export function matchRanges(text: string, terms: readonly string[]): Range[] {
  const hay = normaliseChars(text);
  const ranges: Range[] = [];
  for (const raw of new Set(terms.map((t) => normaliseChars(t)).filter(Boolean))) {
    for (let i = hay.indexOf(raw); i >= 0; i = hay.indexOf(raw, i + 1)) ranges.push([i, i + raw.length]);
  }
  ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: Range[] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

/** `text` escaped, with each matched range wrapped in <mark>. */
export function markHtml(text: string, terms: readonly string[]): string {
  let out = '';
  let at = 0;
  for (const [s, e] of matchRanges(text, terms)) {
    out += escapeHtml(text.slice(at, s)) + '<mark>' + escapeHtml(text.slice(s, e)) + '</mark>';
    at = e;
  }
  return out + escapeHtml(text.slice(at));
}

/** Plain text of light markdown: headings, emphasis, list bullets and link targets removed. */
export function plainText(markdown: string): string {
  return markdown
    .replace(/^\s{0,3}#{1,6}\s+/gm, '')
    .replace(/^\s*[-*+]\s+/gm, '')
    .replace(/\*\*|__|`/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1');
}

/**
 * An escaped excerpt of about `length` characters around the densest cluster of matches, with
 * the matches marked; the start of the text when nothing matches.
 */
export function snippetHtml(body: string, terms: readonly string[], length = 120): string {
  const text = plainText(body).replace(/\s+/g, ' ').trim();
  if (text.length <= length) return markHtml(text, terms);
  const ranges = matchRanges(text, terms);
  let bestStart = 0;
  let bestScore = -1;
  for (const [s] of ranges) {
    const start = Math.max(0, Math.min(s - 20, text.length - length));
    const score = ranges.filter(([a, b]) => a >= start && b <= start + length).reduce((n, [a, b]) => n + (b - a), 0);
    if (score > bestScore) {
      bestScore = score;
      bestStart = start;
    }
  }
  // Do not cut a surrogate pair in half.
  if (bestStart > 0 && /[\uDC00-\uDFFF]/.test(text[bestStart]!)) bestStart--;
  let end = Math.min(text.length, bestStart + length);
  if (end < text.length && /[\uDC00-\uDFFF]/.test(text[end]!)) end++;
  const excerpt = text.slice(bestStart, end);
  return (bestStart > 0 ? '…' : '') + markHtml(excerpt, terms) + (end < text.length ? '…' : '');
}
