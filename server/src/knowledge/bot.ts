// The question-answering bot of the portal and WeChat. It answers only from published, public,
// currently valid articles: a confident top hit is answered with the article's summary (or first
// paragraph) and its source; two close candidates, or one that is not quite sure, give a
// clarifying question listing them; nothing good enough hands over to a person.
import type { Ctx } from '../context.ts';
import type { Queryable } from '../db/db.ts';
import { plainText } from './highlight.ts';
import { KnowledgeReader } from './reader.ts';
import { rankedSearch, type Hit } from './search.ts';
import { botSettingsBody, type BotSettings } from './schema.ts';

export type BotAnswer =
  | { kind: 'answer'; text: string; articleId: string; title: string; score: number }
  | { kind: 'clarify'; text: string; options: { articleId: string; title: string }[] }
  | { kind: 'handover' };

/** Defaults measured on the demo knowledge base with our own test questions (see bot.test.ts). */
export const DEFAULT_BOT_SETTINGS: BotSettings = { answerScore: 0.5, minScore: 0.35, clarifyRatio: 0.85 };
const SETTINGS_KEY = 'knowledge.bot';
const MAX_OPTIONS = 3;
const MAX_ANSWER_CHARS = 300;

export async function loadBotSettings(q: Queryable): Promise<BotSettings> {
  const [r] = await q.query<{ value: unknown }>('SELECT value FROM settings WHERE key = $1', [SETTINGS_KEY]);
  const parsed = botSettingsBody.safeParse(r?.value);
  return parsed.success ? parsed.data : DEFAULT_BOT_SETTINGS;
}

export async function saveBotSettings(q: Queryable, s: BotSettings): Promise<void> {
  await q.query('INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value', [SETTINGS_KEY, JSON.stringify(s)]);
}

export interface BotCandidate {
  articleId: string;
  title: string;
  summary: string;
  body: string;
  score: number;
}

/** The decision alone, on ranked candidates (best first): pure, so thresholds can be tested directly. */
export function decide(hits: readonly BotCandidate[], s: BotSettings): BotAnswer {
  const top = hits[0];
  if (!top || top.score < s.minScore) return { kind: 'handover' };
  const close = hits.filter((h) => h.score >= s.minScore && h.score >= top.score * s.clarifyRatio).slice(0, MAX_OPTIONS);
  if (close.length === 1 && top.score >= s.answerScore) return answerWith(top);
  const options = (close.length > 1 ? close : hits.filter((h) => h.score >= s.minScore).slice(0, MAX_OPTIONS)).map((h) => ({ articleId: h.articleId, title: h.title }));
  return { kind: 'clarify', text: clarifyText(options.map((o) => o.title)), options };
}

export function answerWith(c: Omit<BotCandidate, 'score'> & { score?: number }): Extract<BotAnswer, { kind: 'answer' }> {
  const text = `${excerpt(c.summary || firstParagraph(c.body))}\n（来源：${c.title}）`;
  return { kind: 'answer', text, articleId: c.articleId, title: c.title, score: c.score ?? 1 };
}

function clarifyText(titles: string[]): string {
  if (titles.length === 1) return `您想了解的是“${titles[0]}”吗？回复 1 查看，或换个说法描述您的问题；回复“人工”转人工客服。`;
  return [`您想了解的是以下哪一项？请回复序号：`, ...titles.map((t, i) => `${i + 1}. ${t}`), `都不是？请换个说法描述您的问题，或回复“人工”转人工客服。`].join('\n');
}

function firstParagraph(body: string): string {
  return (
    plainText(body)
      .split(/\n\s*\n/)
      .map((p) => p.trim())
      .find(Boolean) ?? ''
  );
}

function excerpt(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  if (t.length <= MAX_ANSWER_CHARS) return t;
  const cut = t.slice(0, MAX_ANSWER_CHARS);
  // End on a full stop when there is one in the second half of the excerpt.
  const stop = Math.max(cut.lastIndexOf('。'), cut.lastIndexOf('；'));
  return stop > MAX_ANSWER_CHARS / 2 ? cut.slice(0, stop + 1) : `${cut}…`;
}

export class KnowledgeBot {
  private readonly reader: KnowledgeReader;

  /** `settings` fixes the thresholds; without it they are read from the settings table on every question. */
  constructor(
    private readonly ctx: Ctx,
    private readonly settings?: BotSettings,
  ) {
    this.reader = new KnowledgeReader(ctx);
  }

  async answer(question: string): Promise<BotAnswer> {
    const q = question.trim().slice(0, 1000);
    if (!q) return { kind: 'handover' };
    const s = this.settings ?? (await loadBotSettings(this.ctx.db));
    const r = await rankedSearch(this.ctx.db, q, this.reader.publicFilter(), { mode: 'any' });
    return decide((r?.hits ?? []).slice(0, 10).map(candidate), s);
  }

  /** The answer for one article the citizen picked from a clarifying question; null if it is no longer public. */
  async answerArticle(articleId: string): Promise<BotAnswer | null> {
    try {
      const a = await this.reader.publicArticle(articleId);
      return answerWith({ articleId: a.id, title: a.title, summary: a.summary, body: a.body });
    } catch {
      return null;
    }
  }
}

function candidate(h: Hit): BotCandidate {
  return { articleId: h.row.articleId, title: h.row.title, summary: h.row.summary, body: h.row.body, score: h.score };
}
