// Texts for the telephone IVR's "policies and services" branch: published, public, currently valid
// articles tagged for it (`ivr` by default), each cut to a short spoken passage. The IVR reads
// them by TTS; it needs no knowledge of how articles are stored.
import type { Ctx } from '../context.ts';
import { plainText } from './highlight.ts';
import { KnowledgeReader } from './reader.ts';
import { candidates } from './repository.ts';

export interface SpokenArticle {
  articleId: string;
  title: string;
  /** What the TTS reads: the title, then the summary (or first paragraph), phone numbers digit by digit. */
  text: string;
}

const MAX_SPOKEN_CHARS = 160;
const DIGITS = '零幺二三四五六七八九';

/** Phone numbers and other long digit strings are read digit by digit, 1 as 幺 as on Chinese phone lines. */
export function speakDigits(text: string): string {
  return text.replace(/\d[\d-]{3,}\d/g, (m) => m.replace(/-/g, '，').replace(/\d/g, (d) => DIGITS[Number(d)]!));
}

export function spokenText(title: string, summary: string, body: string): string {
  const source = (summary || plainText(body).split(/\n\s*\n/)[0] || '').replace(/https?:\/\/\S+/g, '').replace(/\s+/g, '');
  let passage = source;
  if (passage.length > MAX_SPOKEN_CHARS) {
    const cut = passage.slice(0, MAX_SPOKEN_CHARS);
    const stop = cut.lastIndexOf('。');
    passage = stop > 0 ? cut.slice(0, stop + 1) : cut;
  }
  return speakDigits(`${title}。${passage}`);
}

/** The IVR branch's articles, most recently published first. */
export async function ivrKnowledgeTexts(ctx: Ctx, opts: { tag?: string; limit?: number } = {}): Promise<SpokenArticle[]> {
  const filter = new KnowledgeReader(ctx).publicFilter({ tag: opts.tag ?? 'ivr' });
  const rows = await candidates(ctx.db, null, filter, opts.limit ?? 9);
  return rows.map((r) => ({ articleId: r.articleId, title: r.title, text: spokenText(r.title, r.summary, r.body) }));
}
