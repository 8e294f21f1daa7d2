import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, type TestPlatform } from '../testing/testPlatform.ts';
import { client } from '../testing/http.ts';

let p: TestPlatform;
let dispatcher: ReturnType<typeof client>;
let supervisor: ReturnType<typeof client>;
let admin: ReturnType<typeof client>;
let agent: ReturnType<typeof client>;
let deptLeader: ReturnType<typeof client>;
let anon: ReturnType<typeof client>;
let housing: string;

const article = (over: Record<string, unknown> = {}) => ({
  title: '测试：犬只免疫证明补办',
  body: '犬只免疫证明遗失的，可到原接种点补办。',
  summary: '到原接种点补办犬只免疫证明。',
  audience: 'public',
  tags: ['测试'],
  ...over,
});

const auditActions = async (id: string) =>
  (await p.ctx.db.query<{ action: string }>(`SELECT action FROM audit_log WHERE entity = 'knowledge' AND entity_id = $1 ORDER BY id`, [id])).map((r) => r.action);

beforeAll(async () => {
  p = await createTestPlatform();
  dispatcher = client(p.app, await p.login('dispatcher'));
  supervisor = client(p.app, await p.login('supervisor'));
  admin = client(p.app, await p.login('admin'));
  agent = client(p.app, await p.login('agent'));
  deptLeader = client(p.app, await p.login('dept_leader'));
  anon = client(p.app, {});
  housing = p.ids.departments.get('A市住房和城乡建设局')!;
});
afterAll(() => p?.close());

describe('knowledge workflow: draft → reviewing → published', () => {
  it('an editor drafts and submits, another reviewer approves, and each step is audited', async () => {
    const created = await dispatcher.post('/api/v1/knowledge/articles', article());
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect(created.body).toMatchObject({ status: 'draft', live: null, draft: { version: 1, revision: 1, status: 'draft' } });

    // Readers do not see unpublished articles at all.
    expect((await agent.get(`/api/v1/knowledge/articles/${id}`)).body.error.code).toBe('KNOWLEDGE_ARTICLE_NOT_FOUND');

    const submitted = await dispatcher.post(`/api/v1/knowledge/articles/${id}/submit`);
    expect(submitted.body).toMatchObject({ status: 'reviewing', draft: { status: 'reviewing' } });
    const queue = await supervisor.get('/api/v1/knowledge/articles?status=reviewing');
    expect(queue.body.items.map((i: { articleId: string }) => i.articleId)).toContain(id);

    const approved = await supervisor.post(`/api/v1/knowledge/articles/${id}/review`, { approve: true, comment: '可以发布' });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'published', draft: null, live: { version: 1, status: 'published', reviewerName: '班长 刘敏', reviewComment: '可以发布' } });
    expect((await agent.get(`/api/v1/knowledge/articles/${id}`)).body.live.title).toBe('测试：犬只免疫证明补办');
    expect((await anon.get(`/api/v1/public/knowledge/${id}`)).body.title).toBe('测试：犬只免疫证明补办');
    expect(await auditActions(id)).toEqual(['knowledge.create', 'knowledge.submit', 'knowledge.approve']);
  });

  it('the author (or anyone who edited the version) cannot approve it', async () => {
    const id = (await supervisor.post('/api/v1/knowledge/articles', article({ title: '测试：班长自己写的文章' }))).body.id;
    await supervisor.post(`/api/v1/knowledge/articles/${id}/submit`);
    const own = await supervisor.post(`/api/v1/knowledge/articles/${id}/review`, { approve: true });
    expect(own.status).toBe(403);
    expect(own.body.error.code).toBe('SELF_REVIEW_FORBIDDEN');
    expect((await supervisor.get(`/api/v1/knowledge/articles/${id}`)).body.permissions.review).toBe(false);

    // A second editor's save makes them a contributor too.
    const id2 = (await dispatcher.post('/api/v1/knowledge/articles', article({ title: '测试：两人合写' }))).body.id;
    await admin.put(`/api/v1/knowledge/articles/${id2}`, article({ title: '测试：两人合写（管理员改）' }));
    await dispatcher.post(`/api/v1/knowledge/articles/${id2}/submit`);
    expect((await admin.post(`/api/v1/knowledge/articles/${id2}/review`, { approve: true })).body.error.code).toBe('SELF_REVIEW_FORBIDDEN');
    expect((await supervisor.post(`/api/v1/knowledge/articles/${id2}/review`, { approve: true })).status).toBe(200);
  });

  it('editing a published article opens version 2 while version 1 stays live until approval', async () => {
    const id = (await dispatcher.post('/api/v1/knowledge/articles', article({ title: '测试：旧标题', body: '旧的正文内容' }))).body.id;
    await dispatcher.post(`/api/v1/knowledge/articles/${id}/submit`);
    await supervisor.post(`/api/v1/knowledge/articles/${id}/review`, { approve: true });

    const edited = await dispatcher.put(`/api/v1/knowledge/articles/${id}`, article({ title: '测试：新标题', body: '新的正文内容', version: 1 }));
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ status: 'draft', live: { version: 1, title: '测试：旧标题' }, draft: { version: 2, title: '测试：新标题' } });

    // Citizens and readers still get version 1, in search too.
    expect((await anon.get(`/api/v1/public/knowledge/${id}`)).body.body).toBe('旧的正文内容');
    const found = await agent.get(`/api/v1/knowledge/search?q=${encodeURIComponent('旧标题')}`);
    expect(found.body.items.map((i: { id: string }) => i.id)).toContain(id);

    await dispatcher.post(`/api/v1/knowledge/articles/${id}/submit`);
    expect((await anon.get(`/api/v1/public/knowledge/${id}`)).body.body).toBe('旧的正文内容');
    const approved = await supervisor.post(`/api/v1/knowledge/articles/${id}/review`, { approve: true });
    expect(approved.body).toMatchObject({ status: 'published', live: { version: 2, title: '测试：新标题' }, draft: null });
    expect((await anon.get(`/api/v1/public/knowledge/${id}`)).body.body).toBe('新的正文内容');

    const history = await dispatcher.get(`/api/v1/knowledge/articles/${id}/versions`);
    expect(history.body.map((v: { version: number; status: string }) => [v.version, v.status])).toEqual([
      [2, 'published'],
      [1, 'archived'],
    ]);
    expect((await dispatcher.get(`/api/v1/knowledge/articles/${id}/versions/1`)).body.body).toBe('旧的正文内容');
    expect(await auditActions(id)).toEqual(['knowledge.create', 'knowledge.submit', 'knowledge.approve', 'knowledge.edit', 'knowledge.submit', 'knowledge.approve']);
  });

  it('a rejection needs a comment and sends the version back to draft with it', async () => {
    const id = (await dispatcher.post('/api/v1/knowledge/articles', article({ title: '测试：待驳回' }))).body.id;
    await dispatcher.post(`/api/v1/knowledge/articles/${id}/submit`);
    const bare = await supervisor.post(`/api/v1/knowledge/articles/${id}/review`, { approve: false });
    expect(bare.status).toBe(400);
    expect(bare.body.error.code).toBe('VALIDATION_FAILED');
    const rejected = await supervisor.post(`/api/v1/knowledge/articles/${id}/review`, { approve: false, comment: '请补充办理地点' });
    expect(rejected.body).toMatchObject({ status: 'draft', draft: { status: 'draft', reviewComment: '请补充办理地点' } });
    expect((await auditActions(id)).at(-1)).toBe('knowledge.reject');
  });

  it('refuses steps in the wrong state, edits of a version in review, and stale edits', async () => {
    const id = (await dispatcher.post('/api/v1/knowledge/articles', article({ title: '测试：状态检查' }))).body.id;
    const early = await supervisor.post(`/api/v1/knowledge/articles/${id}/review`, { approve: true });
    expect([early.status, early.body.error.code]).toEqual([409, 'ILLEGAL_TRANSITION']);

    const saved = await dispatcher.put(`/api/v1/knowledge/articles/${id}`, article({ title: '测试：状态检查（改）', revision: 1 }));
    expect(saved.body.draft.revision).toBe(2);
    const stale = await dispatcher.put(`/api/v1/knowledge/articles/${id}`, article({ title: '测试：过期的修改', revision: 1 }));
    expect([stale.status, stale.body.error.code]).toEqual([409, 'STALE_VERSION']);
    expect((await dispatcher.get(`/api/v1/knowledge/articles/${id}`)).body.draft.title).toBe('测试：状态检查（改）');

    await dispatcher.post(`/api/v1/knowledge/articles/${id}/submit`);
    const again = await dispatcher.post(`/api/v1/knowledge/articles/${id}/submit`);
    expect([again.status, again.body.error.code]).toEqual([409, 'ILLEGAL_TRANSITION']);
    const inReview = await dispatcher.put(`/api/v1/knowledge/articles/${id}`, article());
    expect([inReview.status, inReview.body.error.code]).toEqual([409, 'ILLEGAL_TRANSITION']);
    const archive = await supervisor.post(`/api/v1/knowledge/articles/${id}/archive`, {});
    expect([archive.status, archive.body.error.code]).toEqual([409, 'ILLEGAL_TRANSITION']);
  });

  it('archives a live article (it leaves search) and discards a draft', async () => {
    const id = (await dispatcher.post('/api/v1/knowledge/articles', article({ title: '测试：即将下架的说明' }))).body.id;
    await dispatcher.post(`/api/v1/knowledge/articles/${id}/submit`);
    await supervisor.post(`/api/v1/knowledge/articles/${id}/review`, { approve: true });
    expect((await dispatcher.post(`/api/v1/knowledge/articles/${id}/archive`, {})).status).toBe(403);
    const archived = await supervisor.post(`/api/v1/knowledge/articles/${id}/archive`, { reason: '政策到期' });
    expect(archived.body).toMatchObject({ status: 'archived', live: null });
    expect((await anon.get(`/api/v1/public/knowledge/${id}`)).status).toBe(404);

    const draftOnly = (await dispatcher.post('/api/v1/knowledge/articles', article({ title: '测试：写错了的草稿' }))).body.id;
    expect((await dispatcher.del(`/api/v1/knowledge/articles/${draftOnly}/draft`)).body).toEqual({ deleted: true });
    expect((await dispatcher.get(`/api/v1/knowledge/articles/${draftOnly}`)).status).toBe(404);
    expect(await auditActions(draftOnly)).toEqual(['knowledge.create', 'knowledge.discard']);
  });
});

describe('knowledge roles', () => {
  it('readers may not write, submit or review; only supervisors and admins review', async () => {
    expect((await agent.post('/api/v1/knowledge/articles', article())).body.error.code).toBe('FORBIDDEN');
    expect((await agent.get('/api/v1/knowledge/articles')).status).toBe(403);
    const id = (await dispatcher.post('/api/v1/knowledge/articles', article({ title: '测试：角色检查' }))).body.id;
    expect((await agent.post(`/api/v1/knowledge/articles/${id}/submit`)).status).toBe(403);
    await dispatcher.post(`/api/v1/knowledge/articles/${id}/submit`);
    const byAgent = await client(p.app, await p.login('agent02')).post(`/api/v1/knowledge/articles/${id}/review`, { approve: true });
    expect(byAgent.status).toBe(403);
    expect((await deptLeader.post(`/api/v1/knowledge/articles/${id}/review`, { approve: true })).body.error.code).toBe('FORBIDDEN');
    expect((await anon.get(`/api/v1/knowledge/articles/${id}`)).status).toBe(401);
  });

  it('a department leader edits only the articles of their own department', async () => {
    const own = await deptLeader.post('/api/v1/knowledge/articles', article({ title: '测试：住建局职责补充说明' }));
    expect(own.status).toBe(201);
    expect(own.body.draft.ownerDepartmentId).toBe(housing);
    const other = await deptLeader.post('/api/v1/knowledge/articles', article({ ownerDepartmentId: p.ids.departments.get('A市教育局') }));
    expect(other.body.error.code).toBe('FORBIDDEN');

    const centers = (await dispatcher.post('/api/v1/knowledge/articles', article({ title: '测试：中心的文章' }))).body.id;
    const edit = await deptLeader.put(`/api/v1/knowledge/articles/${centers}`, article({ ownerDepartmentId: housing }));
    expect(edit.status).toBe(403);
    expect((await deptLeader.get(`/api/v1/knowledge/articles/${centers}`)).body.permissions.edit).toBe(false);
  });
});
