// Seeds the demo knowledge base: written by the demo dispatcher, approved by the demo supervisor,
// dated over the weeks before "now" so lists have an order. Runs after the directory is seeded.
import type { Ctx } from '../../context.ts';
import type { Queryable } from '../../db/db.ts';
import * as repo from '../../knowledge/repository.ts';
import { BUREAUS, CENTER } from '../city.ts';
import { CITY_LIFE } from './cityLife.ts';
import { HOTLINE } from './hotline.ts';
import { PUBLIC_SERVICES } from './publicServices.ts';
import { TEMPLATES } from './templates.ts';
import type { DemoArticle } from './types.ts';

export const DEMO_KNOWLEDGE: DemoArticle[] = [...PUBLIC_SERVICES, ...CITY_LIFE, ...HOTLINE, ...TEMPLATES];

const DAY = 86_400_000;

export async function seedKnowledge(ctx: Ctx): Promise<{ articles: number }> {
  const now = ctx.clock.now().getTime();
  await ctx.db.tx(async (q) => {
    const users = new Map((await q.query<{ id: string; username: string; display_name: string }>('SELECT id, username, display_name FROM users')).map((u) => [u.username, { id: u.id, name: u.display_name }]));
    const categories = new Map((await q.query<{ id: string; full_name: string }>('SELECT id, full_name FROM categories')).map((c) => [c.full_name, c.id]));
    const departments = new Map((await q.query<{ id: string; name: string }>('SELECT id, name FROM departments')).map((d) => [d.name, d.id]));
    const author = users.get('dispatcher');
    const reviewer = users.get('supervisor');
    if (!author || !reviewer) return; // not the demo directory
    const ownerName = (key?: string) => (key === 'center' ? CENTER.name : BUREAUS.find((b) => b.key === key)?.name);
    for (const [i, a] of DEMO_KNOWLEDGE.entries()) {
      const at = (daysAgo: number) => new Date(now - (DEMO_KNOWLEDGE.length - i + daysAgo) * DAY);
      const fields: repo.ArticleFields = {
        title: a.title,
        body: a.body,
        summary: a.summary,
        categoryId: (a.category && categories.get(a.category)) || null,
        tags: a.tags,
        audience: a.audience,
        validFrom: a.validFrom ?? null,
        validTo: a.validTo ?? null,
        ownerDepartmentId: departments.get(ownerName(a.owner) ?? '') ?? null,
      };
      const id = await repo.insertArticle(q, a.kind ?? 'article', author, at(30));
      let version = 1;
      if (a.earlier) {
        const v1 = await repo.insertVersion(q, id, 1, { ...fields, ...a.earlier }, 'draft', author, at(30));
        await publish(q, v1, reviewer, at(29));
        await repo.setStatus(q, v1, 'archived', at(2), { archived: true });
        version = 2;
      }
      const state = a.state ?? 'published';
      const vid = await repo.insertVersion(q, id, version, fields, 'draft', author, at(a.earlier ? 3 : 20));
      if (state === 'reviewing') await repo.setStatus(q, vid, 'reviewing', at(1), { submitted: true });
      if (state === 'published' || state === 'archived') await publish(q, vid, reviewer, at(a.earlier ? 2 : 19));
      if (state === 'archived') await repo.setStatus(q, vid, 'archived', at(5), { archived: true });
      if (a.pendingEdit) await repo.insertVersion(q, id, version + 1, { ...fields, ...a.pendingEdit }, 'draft', author, at(1));
    }
  });
  return { articles: DEMO_KNOWLEDGE.length };
}

async function publish(q: Queryable, versionId: string, reviewer: repo.Author, at: Date) {
  await repo.setStatus(q, versionId, 'reviewing', at, { submitted: true });
  await repo.setStatus(q, versionId, 'published', at, { reviewer, comment: null, published: true });
}
