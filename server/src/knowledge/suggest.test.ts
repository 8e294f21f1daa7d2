import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, type TestPlatform } from '../testing/testPlatform.ts';
import { client } from '../testing/http.ts';
import { ivrKnowledgeTexts, speakDigits, spokenText } from './ivr.ts';

let p: TestPlatform;
let agent: ReturnType<typeof client>;
let dispatcher: ReturnType<typeof client>;
let auth: Record<string, string>;

type Suggested = { title: string; titleHtml: string; snippetHtml: string; audience: string; body?: string };
const suggest = async (body: unknown) => agent.post('/api/v1/knowledge/suggest', body);
const knowledgeCounts = async () =>
  (await p.ctx.db.query<{ a: number; v: number }>('SELECT (SELECT count(*) FROM knowledge_articles)::int AS a, (SELECT count(*) FROM knowledge_versions)::int AS v'))[0]!;

beforeAll(async () => {
  p = await createTestPlatform();
  auth = await p.login('agent');
  agent = client(p.app, auth);
  dispatcher = client(p.app, await p.login('dispatcher'));
});
afterAll(() => p?.close());

describe('agent assist: POST /api/v1/knowledge/suggest', () => {
  it('suggests articles (internal ones too) and reply templates for a gas emergency, with highlights', async () => {
    const r = await suggest({ text: '来电人反映小区楼道里有很浓的煤气味，担心燃气管道泄漏，请尽快派人处理' });
    expect(r.status).toBe(200);
    const articles = r.body.articles as Suggested[];
    const templates = r.body.templates as Suggested[];
    expect(articles.map((a) => a.title)).toEqual(expect.arrayContaining(['闻到燃气味怎么办：燃气泄漏应急处置', '派单指引：水电气紧急诉求和安全隐患']));
    expect(articles.some((a) => a.audience === 'internal')).toBe(true);
    expect(articles[0]!.titleHtml).toContain('<mark>');
    expect(templates.map((t) => t.title)).toContain('紧急诉求告知：已通知抢险单位');
    // The agent gets the template's whole wording to paste into the reply.
    expect(templates.find((t) => t.title === '紧急诉求告知：已通知抢险单位')!.body).toContain('【抢险单位】');
  });

  it('suggests the wage-arrears article and template for a wage complaint, preferring the order’s category', async () => {
    const [cat] = await p.ctx.db.query<{ id: string }>(`SELECT id FROM categories WHERE full_name = '劳动和社会保障/工资福利'`);
    const r = await suggest({ text: '工地老板拖欠我们三个月工资，十几个工友都没拿到钱', categoryId: cat!.id, limit: 3 });
    expect(r.body.articles[0].title).toBe('被拖欠工资怎么办：劳动保障监察投诉');
    expect(r.body.articles.length).toBeLessThanOrEqual(3);
    expect(r.body.templates.map((t: Suggested) => t.title)).toContain('欠薪诉求受理告知');
  });

  it('suggests nothing for text that matches no knowledge, and never expired articles', async () => {
    expect((await suggest({ text: '今天天气怎么样' })).body).toEqual({ articles: [], templates: [] });
    const r = await suggest({ text: '2025年秋季义务教育招生报名时间安排', limit: 10 });
    expect(r.body.articles.map((a: Suggested) => a.title)).not.toContain('2025年秋季义务教育招生报名时间安排');
  });

  it('rejects bad input precisely', async () => {
    for (const [body, path] of [
      [{ text: '' }, '/text'],
      [{ text: '长'.repeat(5001) }, '/text'],
      [{ text: '停水', limit: 0 }, '/limit'],
      [{ text: '停水', categoryId: 'x' }, '/categoryId'],
      [{ text: '停水', workOrder: 1 }, '/'],
      [{}, '/text'],
    ] as const) {
      const r = await suggest(body);
      expect([r.status, r.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
      expect(r.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
    }
    const malformed = await p.app.inject({ method: 'POST', url: '/api/v1/knowledge/suggest', headers: { ...auth, 'content-type': 'application/json' }, payload: '{"text": "停' });
    expect(malformed.json().error.code).toBe('MALFORMED_JSON');
    expect((await client(p.app, {}).post('/api/v1/knowledge/suggest', { text: '停水' })).status).toBe(401);
  });
});

describe('bad input to the editor API loses nothing', () => {
  const valid = { title: '测试文章', body: '正文', audience: 'public' };

  it.each([
    [{ ...valid, title: 'x' }, '/title'],
    [{ ...valid, audience: 'everyone' }, '/audience'],
    [{ ...valid, body: '' }, '/body'],
    [{ ...valid, tags: ['a,b'] }, '/tags/0'],
    [{ ...valid, validFrom: '2026-02-30x' }, '/validFrom'],
    [{ ...valid, kind: 'faq' }, '/kind'],
    [{ ...valid, status: 'published' }, '/'],
  ])('POST %j → 400 at %s', async (body, path) => {
    const before = await knowledgeCounts();
    const r = await dispatcher.post('/api/v1/knowledge/articles', body);
    expect([r.status, r.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(r.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
    expect(await knowledgeCounts()).toEqual(before);
  });

  it('checks what the fields refer to and the order of validity dates', async () => {
    const before = await knowledgeCounts();
    const dates = await dispatcher.post('/api/v1/knowledge/articles', { ...valid, validFrom: '2026-12-01', validTo: '2026-11-01' });
    expect([dates.status, dates.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
    const cat = await dispatcher.post('/api/v1/knowledge/articles', { ...valid, categoryId: '00000000-0000-4000-8000-000000000000' });
    expect([cat.status, cat.body.error.code]).toEqual([404, 'CATEGORY_NOT_FOUND']);
    const dept = await dispatcher.post('/api/v1/knowledge/articles', { ...valid, ownerDepartmentId: '00000000-0000-4000-8000-000000000000' });
    expect([dept.status, dept.body.error.code]).toEqual([404, 'DEPARTMENT_NOT_FOUND']);
    expect(await knowledgeCounts()).toEqual(before);
  });

  it('answers 404 for unknown articles and 400 for malformed ids', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    for (const r of [
      await dispatcher.put(`/api/v1/knowledge/articles/${unknown}`, valid),
      await dispatcher.post(`/api/v1/knowledge/articles/${unknown}/submit`),
      await client(p.app, await p.login('supervisor')).post(`/api/v1/knowledge/articles/${unknown}/review`, { approve: true }),
      await dispatcher.get(`/api/v1/knowledge/articles/${unknown}/versions`),
      await dispatcher.get(`/api/v1/knowledge/articles/${unknown}`),
    ]) {
      expect([r.status, r.body.error.code]).toEqual([404, 'KNOWLEDGE_ARTICLE_NOT_FOUND']);
    }
    expect((await dispatcher.get('/api/v1/knowledge/articles/abc')).body.error.code).toBe('VALIDATION_FAILED');
    expect((await dispatcher.get('/api/v1/knowledge/search?validToday=maybe')).status).toBe(400);
    expect((await dispatcher.get('/api/v1/knowledge/articles?status=deleted')).status).toBe(400);
  });
});

describe('IVR texts of the policies-and-services branch', () => {
  it('reads phone numbers digit by digit', () => {
    expect(speakDigits('请拨打0731-96512或95598')).toBe('请拨打零七三幺，九六五幺二或九五五九八');
    expect(speakDigits('满15年')).toBe('满15年');
    expect(spokenText('标题', '', '# 小标题\n第一段**重点**。\n\n第二段')).toBe('标题。小标题第一段重点。');
  });

  it('gives short spoken texts of the public, valid articles tagged ivr only', async () => {
    const texts = await ivrKnowledgeTexts(p.ctx, { limit: 50 });
    const titles = texts.map((t) => t.title);
    expect(titles).toEqual(expect.arrayContaining(['闻到燃气味怎么办：燃气泄漏应急处置', '12345热线受理范围和不受理事项']));
    expect(titles).not.toContain('派单指引：噪声扰民类诉求派单口径');
    const gas = texts.find((t) => t.title.startsWith('闻到燃气味'))!;
    expect(gas.text.startsWith('闻到燃气味怎么办：燃气泄漏应急处置。')).toBe(true);
    expect(gas.text).toContain('零七三幺，九六五幺二');
    expect(texts.every((t) => t.text.length <= 240)).toBe(true);
    expect((await agent.get('/api/v1/knowledge/ivr')).body.length).toBe(Math.min(9, texts.length));
  });
});
