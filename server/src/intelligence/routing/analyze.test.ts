import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, type TestPlatform } from '../../testing/testPlatform.ts';
import { client } from '../../testing/http.ts';

let p: TestPlatform;
let agent: ReturnType<typeof client>;

beforeAll(async () => {
  p = await createTestPlatform();
  agent = client(p.app, await p.login('agent'));
});
afterAll(() => p?.close());

const URL = '/api/v1/intelligence/analyze';

describe('POST /api/v1/intelligence/analyze', () => {
  it('a gas leak: emergency, the gas company through the catalogue, the district from the address, facts extracted', async () => {
    const res = await agent.post(URL, {
      title: '小区燃气泄漏',
      content: '我住在A市A1区东风街道人民路12号，昨天晚上八点开始楼道里燃气泄漏，味道很大，燃气公司电话打不通。我的电话13812345678。',
    });
    expect(res.status).toBe(200);
    const a = res.body;
    expect(a.urgency).toMatchObject({ value: 'emergency', kinds: ['gas'] });
    expect(a.categories[0]).toMatchObject({ label: '城乡建设', categoryId: expect.any(String) });
    expect(a.categories[0].evidence.length).toBeGreaterThan(0);
    expect(a.categories.length).toBe(3);
    for (const c of a.categories) expect(c.confidence).toBeGreaterThanOrEqual(0);
    expect(a.chosenCategory.fullName).toBe('城乡建设/城市建设和市政管理/燃气供应');
    expect(a.departments[0].name).toBe('A市燃气集团有限公司');
    expect(a.district.name).toBe('A1区');
    expect(a.extraction.phones[0].value).toMatchObject({ number: '13812345678' });
    expect(a.extraction.addresses[0].value).toMatchObject({ districtName: 'A1区', streetName: '东风街道', detail: '人民路12号' });
    expect(a.extraction.dateTimes[0].value).toMatchObject({ date: '2026-11-22', time: '20:00' });
    // An emergency is never dispatched without a person.
    expect(a.autoDispatch).toEqual({ dispatch: false, reason: 'emergency' });
    expect(a.tookMs).toBeGreaterThan(0);
  });

  it('unpaid wages: labour category with the words behind it, one department, eligible for automatic dispatch', async () => {
    const res = await agent.post(URL, { content: '公司已经拖欠我们三个月工资了，老板一直推脱不给，也没有缴纳社保' });
    expect(res.status).toBe(200);
    expect(res.body.categories[0]).toMatchObject({ label: '劳动和社会保障' });
    expect(res.body.categories[0].evidence).toEqual(expect.arrayContaining([expect.stringMatching(/工资|拖欠/)]));
    expect(res.body.departments[0].name).toBe('A市人力资源和社会保障局');
    expect(res.body.departmentUnique).toBe(true);
    expect(res.body.type.value).toBe('complaint');
    expect(res.body.autoDispatch).toMatchObject({ dispatch: true, reason: 'ok', departmentId: res.body.departments[0].departmentId });
  });

  it('a district chosen by the agent picks the district-specific catalogue entry', async () => {
    const districts = await p.ctx.db.query<{ id: string }>("SELECT id FROM regions WHERE name = 'A3区'");
    const res = await agent.post(URL, { content: '小区门口垃圾堆了一个星期没人清运，环卫不来打扫，臭气熏天', districtId: districts[0]!.id });
    expect(res.status).toBe(200);
    expect(res.body.district.name).toBe('A3区');
    expect(res.body.departments.map((d: { name: string }) => d.name)).toContain('A3区12345热线分中心');
  });

  it('high-risk emotion is reported with its words', async () => {
    const res = await agent.post(URL, { content: '工资拖了半年，我真的活不下去了，再不给钱我就从楼顶跳下去' });
    expect(res.body.emotion).toMatchObject({ risk: 'high', reasons: expect.arrayContaining(['selfHarm']) });
    expect(res.body.autoDispatch.reason).toBe('emergency');
  });

  it.each([
    ['no content', { title: 'x' }, '/content'],
    ['empty content', { content: '   ' }, '/content'],
    ['over-long content', { content: '长'.repeat(5001) }, '/content'],
    ['over-long title', { title: '长'.repeat(121), content: 'x' }, '/title'],
    ['unknown field', { content: 'x', colour: 'red' }, 'colour'],
    ['bad district id', { content: 'x', districtId: 'A1区' }, '/districtId'],
  ])('%s → 400 VALIDATION_FAILED', async (_n, body, where) => {
    const res = await agent.post(URL, body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(JSON.stringify(res.body.error.details)).toContain(where);
  });

  it('a district id that is not a district → 400', async () => {
    const [street] = await p.ctx.db.query<{ id: string }>("SELECT id FROM regions WHERE level = 'street' LIMIT 1");
    const res = await agent.post(URL, { content: 'x', districtId: street!.id });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual({ districtId: street!.id });
  });

  it('malformed JSON → 400 MALFORMED_JSON', async () => {
    const res = await p.app.inject({ method: 'POST', url: URL, headers: { ...(await p.login('agent')), 'content-type': 'application/json' }, payload: '{"content":' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('MALFORMED_JSON');
  });

  it('only hotline center staff: a department handler and a leader get 403, no session 401', async () => {
    for (const u of ['handler', 'leader', 'auditor']) {
      const res = await client(p.app, await p.login(u)).post(URL, { content: '路灯坏了' });
      expect(res.status, u).toBe(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
    }
    for (const u of ['dispatcher', 'supervisor']) expect((await client(p.app, await p.login(u)).post(URL, { content: '路灯坏了' })).status, u).toBe(200);
    const anon = await p.app.inject({ method: 'POST', url: URL, payload: { content: '路灯坏了' } });
    expect(anon.statusCode).toBe(401);
  });
});

describe('POST /api/v1/intelligence/transcripts/emotion', () => {
  it('reads the citizen’s turns only', async () => {
    const res = await agent.post('/api/v1/intelligence/transcripts/emotion', {
      turns: [
        { speaker: 'agent', text: '您好，请问有什么可以帮您？' },
        { speaker: 'citizen', text: '你们简直气死人了！！！一直踢皮球，我要找媒体曝光' },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body.turns).toEqual([expect.objectContaining({ index: 1 })]);
    expect(res.body.overall.risk).toBe('high');
  });

  it('rejects an unknown speaker and an empty transcript', async () => {
    expect((await agent.post('/api/v1/intelligence/transcripts/emotion', { turns: [{ speaker: 'robot', text: 'x' }] })).status).toBe(400);
    expect((await agent.post('/api/v1/intelligence/transcripts/emotion', { turns: [] })).status).toBe(400);
  });
});
