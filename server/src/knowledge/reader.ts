// Reading published knowledge: the staff search, the public search and article, and the agent's
// suggestions. Staff see internal and public articles; the public sees public, currently valid ones.
import type { Ctx } from '../context.ts';
import { WorkCalendar } from '../calendar/workCalendar.ts';
import * as repo from './repository.ts';
import { highlight, rankedSearch, type Hit } from './search.ts';
import { presentHit, presentPublicArticle, presentPublicHit } from './presenter.ts';
import type { CandidateFilter } from './repository.ts';
import type { SearchQuery } from './schema.ts';
import { articleNotFound } from './service.ts';

/** A suggestion below this score shares too little with the conversation to be worth showing. */
const SUGGEST_MIN_SCORE = 0.08;

export class KnowledgeReader {
  constructor(private readonly ctx: Ctx) {}

  today(): string {
    return WorkCalendar.localDate(this.ctx.clock.now());
  }

  async search(query: SearchQuery) {
    const filter: CandidateFilter = {
      kind: query.kind,
      audience: query.audience,
      categoryId: query.categoryId,
      tag: query.tag,
      validOn: query.validToday === false ? undefined : this.today(),
    };
    const r = await this.page(query.q, filter, query.page, query.pageSize);
    const today = this.today();
    return { ...r, items: r.items.map((h) => presentHit(h, today)) };
  }

  async publicSearch(query: { q?: string; categoryId?: string; tag?: string; page: number; pageSize: number }) {
    const r = await this.page(query.q, this.publicFilter({ categoryId: query.categoryId, tag: query.tag }), query.page, query.pageSize);
    return { ...r, items: r.items.map(presentPublicHit) };
  }

  async publicArticle(id: string) {
    const [live] = (await repo.versions(this.ctx.db, id)).filter((v) => v.status === 'published');
    const today = this.today();
    const visible = live && live.kind === 'article' && live.audience === 'public' && (!live.validFrom || live.validFrom <= today) && (!live.validTo || live.validTo >= today);
    // Same answer for "absent" and "not public", so internal article ids cannot be probed.
    if (!visible) throw articleNotFound();
    return presentPublicArticle(live);
  }

  /** Articles and reply templates for the agent's knowledge panel, from a conversation's or work order's text. */
  async suggest(text: string, opts: { categoryId?: string; limit?: number } = {}) {
    const validOn = this.today();
    const limit = opts.limit ?? 5;
    const ranked = async (kind: 'article' | 'template', n: number) => {
      const r = await rankedSearch(this.ctx.db, text, { kind, validOn }, { mode: 'any', preferCategoryId: opts.categoryId });
      return (r?.hits ?? []).filter((h) => h.score >= SUGGEST_MIN_SCORE).slice(0, n).map(highlight);
    };
    const [articles, templates] = [await ranked('article', limit), await ranked('template', Math.min(limit, 3))];
    return {
      articles: articles.map((h) => presentHit(h, validOn)),
      templates: templates.map((h) => ({ ...presentHit(h, validOn), body: h.row.body })),
    };
  }

  /** Published, public, currently valid articles (not templates): what citizens and the bot may see. */
  publicFilter(extra: Pick<CandidateFilter, 'categoryId' | 'tag'> = {}): CandidateFilter {
    return { kind: 'article', audience: 'public', validOn: this.today(), ...extra };
  }

  private async page(q: string | undefined, filter: CandidateFilter, page: number, pageSize: number) {
    const offset = (page - 1) * pageSize;
    const ranked = q ? await rankedSearch(this.ctx.db, q, filter, { mode: 'all' }) : null;
    // A query of nothing but question words and punctuation asks for nothing: no hits, not everything.
    if (q && !ranked) return { items: [], total: 0, matched: 'all' as const, page, pageSize };
    if (!ranked) {
      const rows = await repo.candidates(this.ctx.db, null, filter, pageSize, offset);
      const hits: Hit[] = rows.map((row) => ({ row, score: 0, complete: true, terms: [] }));
      return { items: hits.map(highlight), total: await repo.countPublished(this.ctx.db, filter), matched: 'all' as const, page, pageSize };
    }
    return { items: ranked.hits.slice(offset, offset + pageSize).map(highlight), total: ranked.hits.length, matched: ranked.matched, page, pageSize };
  }
}
