import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, type TestPlatform } from '../testing/testPlatform.ts';
import { client } from '../testing/http.ts';

const LIMIT = 40;
let p: TestPlatform;
let anon: ReturnType<typeof client>;
const ids = new Map<string, string>();

type PublicItem = { id: string; title: string; titleHtml: string; snippetHtml: string };
const publicSearch = async (query: string) => (await anon.get(`/api/v1/public/knowledge?${query}`)).body as { items: PublicItem[]; total: number };

beforeAll(async () => {
  p = await createTestPlatform({ env: { RATE_LIMIT_PER_MINUTE: String(LIMIT) } });
  anon = client(p.app, {});
  const rows = await p.ctx.db.query<{ id: string; title: string }>(
    `SELECT a.id, v.title FROM knowledge_articles a JOIN knowledge_versions v ON v.article_id = a.id AND v.version = (SELECT max(version) FROM knowledge_versions x WHERE x.article_id = a.id)`,
  );
  for (const r of rows) ids.set(r.title, r.id);
});
afterAll(() => p?.close());

describe('public knowledge endpoint', () => {
  it('answers without signing in and finds published public articles with highlights', async () => {
    const r = await publicSearch(`q=${encodeURIComponent('燃气泄漏')}`);
    expect(r.items[0]!.title).toBe('闻到燃气味怎么办：燃气泄漏应急处置');
    expect(r.items[0]!.titleHtml).toContain('<mark>燃气泄漏</mark>');
    // No workflow or internal detail leaks.
    expect(Object.keys(r.items[0]!).sort()).toEqual(['categoryName', 'id', 'score', 'snippetHtml', 'summary', 'tags', 'title', 'titleHtml']);
  });

  it('hides internal articles, reply templates, drafts, articles in review, archived, expired and not-yet-valid ones', async () => {
    const everything = (await publicSearch('pageSize=100')).items.map((i) => i.title);
    const hidden = [
      '派单指引：噪声扰民类诉求派单口径', // internal
      '欠薪诉求受理告知', // template
      '小区安装新能源汽车充电桩怎么报装', // draft
      '2027年度城乡居民医保集中缴费通知', // in review
      '既有住宅加装电梯财政补贴（2024年）', // archived
      '2025年秋季义务教育招生报名时间安排', // expired
      '2027年春节期间热线服务安排', // not yet valid
    ];
    for (const t of hidden) expect(everything, t).not.toContain(t);
    expect(everything).toContain('居住证申领和签注');
    // The same by query, so the ranking path filters as well as the listing path.
    expect((await publicSearch(`q=${encodeURIComponent('派单指引')}`)).items.map((i) => i.title).filter((t) => t.startsWith('派单指引'))).toEqual([]);
    expect((await publicSearch(`q=${encodeURIComponent('充电桩')}`)).total).toBe(0);
  });

  it('shows the published version of an article whose new version waits in draft', async () => {
    const r = await anon.get(`/api/v1/public/knowledge/${ids.get('生活垃圾分类投放指南')}`);
    expect(r.status).toBe(200);
    expect(r.body.body).not.toContain('破袋投放');
  });

  it('answers 404 alike for internal, draft, expired and unknown articles', async () => {
    for (const t of ['派单指引：噪声扰民类诉求派单口径', '小区安装新能源汽车充电桩怎么报装', '2025年秋季义务教育招生报名时间安排', '欠薪诉求受理告知']) {
      const r = await anon.get(`/api/v1/public/knowledge/${ids.get(t)}`);
      expect([t, r.status, r.body.error.code]).toEqual([t, 404, 'KNOWLEDGE_ARTICLE_NOT_FOUND']);
    }
    expect((await anon.get('/api/v1/public/knowledge/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await anon.get('/api/v1/public/knowledge/not-a-uuid')).body.error.code).toBe('VALIDATION_FAILED');
  });

  it('rejects bad query parameters precisely', async () => {
    const long = await anon.get(`/api/v1/public/knowledge?q=${'长'.repeat(201)}`);
    expect([long.status, long.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect((await anon.get('/api/v1/public/knowledge?pageSize=0')).status).toBe(400);
    expect((await anon.get('/api/v1/public/knowledge?categoryId=x')).status).toBe(400);
  });

  it('is rate-limited like the other public routes', async () => {
    const statuses: number[] = [];
    for (let i = 0; i <= LIMIT; i++) statuses.push((await anon.get(`/api/v1/public/knowledge?q=${encodeURIComponent('停水')}`)).status);
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(LIMIT);
  });
});
