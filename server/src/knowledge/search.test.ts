import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, type TestPlatform } from '../testing/testPlatform.ts';
import { client } from '../testing/http.ts';

let p: TestPlatform;
let dispatcher: ReturnType<typeof client>;
let supervisor: ReturnType<typeof client>;
let agent: ReturnType<typeof client>;
let admin: ReturnType<typeof client>;

type Item = { id: string; title: string; titleHtml: string; snippetHtml: string; audience: string; valid: boolean; tags: string[]; kind: string; score: number };
const search = async (query: string) => (await agent.get(`/api/v1/knowledge/search?${query}`)).body as { items: Item[]; total: number; matched: string };
const q = (text: string) => `q=${encodeURIComponent(text)}`;

async function publish(body: Record<string, unknown>): Promise<string> {
  const created = await dispatcher.post('/api/v1/knowledge/articles', { audience: 'public', summary: '', ...body });
  if (created.status !== 201) throw new Error(JSON.stringify(created.body));
  await dispatcher.post(`/api/v1/knowledge/articles/${created.body.id}/submit`);
  await supervisor.post(`/api/v1/knowledge/articles/${created.body.id}/review`, { approve: true });
  return created.body.id;
}

beforeAll(async () => {
  p = await createTestPlatform();
  dispatcher = client(p.app, await p.login('dispatcher'));
  supervisor = client(p.app, await p.login('supervisor'));
  agent = client(p.app, await p.login('agent'));
  admin = client(p.app, await p.login('admin'));
});
afterAll(() => p?.close());

describe('knowledge search', () => {
  it('expands synonyms: 医保 finds an article that only says 医疗保险, and marks it', async () => {
    const id = await publish({ title: '职工医疗保险个人账户家庭共济', body: '职工医疗保险个人账户可以给配偶、父母、子女共济使用。' });
    const r = await search(q('医保共济'));
    expect(r.matched).toBe('all');
    const hit = r.items.find((i) => i.id === id)!;
    expect(hit.titleHtml).toBe('职工<mark>医疗保险</mark>个人账户家庭<mark>共济</mark>');
    expect(hit.snippetHtml).toContain('<mark>医疗保险</mark>');
  });

  it('escapes HTML of articles in titles and snippets; only <mark> is markup', async () => {
    const id = await publish({ title: '测试<img src=x onerror=alert(1)>窗口迁移', body: '<script>alert(1)</script>办事窗口迁移到新大厅 & 二楼' });
    const hit = (await search(q('窗口迁移'))).items.find((i) => i.id === id)!;
    expect(hit.titleHtml).toBe('测试&lt;img src=x onerror=alert(1)&gt;<mark>窗口迁移</mark>');
    expect(hit.snippetHtml).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(hit.snippetHtml).toContain('&amp;');
    expect(hit.titleHtml + hit.snippetHtml).not.toMatch(/<(?!\/?mark>)/);
  });

  it('ranks an article with the terms in its title above one with them only in the body', async () => {
    const inBody = await publish({ title: '测试：社区服务中心开放时间', body: '周末可以办理犬只疫苗补种登记。' });
    const inTitle = await publish({ title: '测试：犬只疫苗补种登记', body: '到社区服务中心办理。' });
    const ids = (await search(q('疫苗补种'))).items.map((i) => i.id);
    expect(ids.indexOf(inTitle)).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf(inTitle)).toBeLessThan(ids.indexOf(inBody));
  });

  it('shows staff internal and public articles and filters by audience, tag, kind and category', async () => {
    const internal = await search(q('派单指引'));
    expect(internal.items.length).toBeGreaterThan(0);
    expect(internal.items.every((i) => i.audience === 'internal')).toBe(true);

    const onlyPublic = await search(`${q('噪声')}&audience=public`);
    expect(onlyPublic.items.length).toBeGreaterThan(0);
    expect(onlyPublic.items.every((i) => i.audience === 'public')).toBe(true);

    const tagged = await search(`tag=ivr&pageSize=100`);
    expect(tagged.total).toBe(tagged.items.length);
    expect(tagged.items.every((i) => i.tags.includes('ivr'))).toBe(true);

    const templates = await search(`kind=template&${q('欠薪')}`);
    expect(templates.items.map((i) => i.title)).toContain('欠薪诉求受理告知');
    expect(templates.items.every((i) => i.kind === 'template')).toBe(true);

    const [cat] = await p.ctx.db.query<{ id: string }>(`SELECT id FROM categories WHERE full_name = '政法/户籍证件'`);
    const byCategory = await search(`categoryId=${cat!.id}&pageSize=100`);
    expect(byCategory.items.map((i) => i.title).sort()).toEqual(['户口迁入A市（落户）的条件和材料', '居住证申领和签注', '居民身份证换领、补领和异地办理'].sort());
  });

  it('hides expired and not-yet-valid articles unless validToday=false, and says which are valid', async () => {
    const today = await search(`${q('招生报名时间安排')}&pageSize=50`);
    expect(today.items.map((i) => i.title)).not.toContain('2025年秋季义务教育招生报名时间安排');
    const all = await search(`${q('招生报名时间安排')}&validToday=false&pageSize=50`);
    const expired = all.items.find((i) => i.title === '2025年秋季义务教育招生报名时间安排')!;
    expect(expired.valid).toBe(false);
    const future = await search(`${q('春节期间热线服务安排')}&validToday=false`);
    expect(future.items.find((i) => i.title.startsWith('2027年春节'))?.valid).toBe(false);
  });

  it('falls back to partial matches when no article holds every term, and says so', async () => {
    const r = await search(q('居住证 火星移民'));
    expect(r.matched).toBe('any');
    expect(r.items[0]!.title).toBe('居住证申领和签注');
  });

  it('lists everything published without a query, and nothing for a query of only question words', async () => {
    const all = await search('pageSize=5');
    const [n] = await p.ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM knowledge_versions WHERE status = 'published' AND (valid_from IS NULL OR valid_from <= '2026-11-23') AND (valid_to IS NULL OR valid_to >= '2026-11-23')`);
    expect(all.total).toBe(n!.n);
    expect(all.items).toHaveLength(5);
    expect((await search(q('请问怎么？'))).total).toBe(0);
  });

  it('uses the synonym list administrators edit', async () => {
    const id = await publish({ title: '高空抛物的举报和处理', body: '从建筑物中抛掷物品的，由公安机关依法处理。' });
    expect((await search(q('楼上扔东西'))).items.map((i) => i.id)).not.toContain(id);
    expect((await dispatcher.post('/api/v1/knowledge/synonyms', { terms: ['扔东西', '高空抛物'] })).status).toBe(403);
    const created = await admin.post('/api/v1/knowledge/synonyms', { terms: ['扔东西', '高空抛物'] });
    expect(created.status).toBe(201);
    expect((await search(q('楼上扔东西'))).items[0]!.id).toBe(id);
    expect((await dispatcher.get('/api/v1/knowledge/synonyms')).body.map((s: { terms: string[] }) => s.terms)).toContainEqual(['扔东西', '高空抛物']);
    expect((await admin.del(`/api/v1/knowledge/synonyms/${created.body.id}`)).status).toBe(204);
    expect((await search(q('楼上扔东西'))).items.map((i) => i.id)).not.toContain(id);
    const [audit] = await p.ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action LIKE 'knowledge.synonym.%'`);
    expect(audit!.n).toBe(2);
  });

  it('counts tags of published knowledge', async () => {
    const tags = (await agent.get('/api/v1/knowledge/tags')).body as { tag: string; count: number }[];
    expect(tags.find((t) => t.tag === 'ivr')!.count).toBeGreaterThan(5);
  });
});
