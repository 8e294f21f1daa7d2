import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, type TestPlatform } from '../testing/testPlatform.ts';
import { client, newOrder } from '../testing/http.ts';
import { conversationServiceFor } from '../conversations/index.ts';
import { CitizenService } from './service.ts';

let p: TestPlatform;
let citizens: CitizenService;
let agent: ReturnType<typeof client>;
let leader: ReturnType<typeof client>;
let supervisor: ReturnType<typeof client>;

beforeAll(async () => {
  p = await createTestPlatform();
  citizens = new CitizenService(p.ctx);
  agent = client(p.app, await p.login('agent'));
  leader = client(p.app, await p.login('leader'));
  supervisor = client(p.app, await p.login('supervisor'));
});
afterAll(() => p?.close());

describe('one citizen across channels', () => {
  it('resolves the same person from differently written numbers and addresses', async () => {
    const a = await citizens.resolve({ kind: 'phone', value: '+86 138-1234-5678' });
    expect(await citizens.resolve({ kind: 'phone', value: '13812345678' })).toBe(a);
    expect(await citizens.resolve({ kind: 'phone', value: '008613812345678' })).toBe(a);
    const e = await citizens.resolve({ kind: 'email', value: ' Someone@Example.ORG ' });
    expect(await citizens.resolve({ kind: 'email', value: 'someone@example.org' })).toBe(e);
    expect(e).not.toBe(a);
    // A kind a later channel brings is stored as it comes.
    const app = await citizens.resolve({ kind: 'app_user', value: 'u-771' });
    expect(await citizens.resolve({ kind: 'app_user', value: 'u-771' })).toBe(app);
  });

  it('refuses identities that cannot be one', async () => {
    await expect(citizens.resolve({ kind: 'phone', value: 'call me' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(citizens.resolve({ kind: 'email', value: 'nobody' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(citizens.resolve({ kind: 'Bad Kind', value: 'x' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    const res = await agent.get('/api/v1/citizens?kind=phone&value=abc');
    expect([res.status, res.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('hotline staff see identities in clear (audited); leaders masked; departments not at all', async () => {
    const id = await citizens.resolve({ kind: 'phone', value: '13912345678' });
    const clear = await agent.get('/api/v1/citizens?kind=phone&value=139 1234 5678');
    expect(clear.status).toBe(200);
    expect(clear.body).toMatchObject({ id, masked: false, identities: [{ kind: 'phone', value: '13912345678' }] });
    const audited = await p.ctx.db.query(`SELECT 1 FROM audit_log WHERE action = 'personalData.read' AND entity = 'citizen' AND entity_id = $1`, [id]);
    expect(audited.length).toBe(1);
    const masked = await leader.get(`/api/v1/citizens/${id}`);
    expect(masked.body).toMatchObject({ masked: true, identities: [{ kind: 'phone', value: '139****5678' }] });
    const handler = client(p.app, await p.login('handler'));
    expect((await handler.get(`/api/v1/citizens/${id}`)).status).toBe(403);
    expect((await leader.post(`/api/v1/citizens/${id}/identities`, { kind: 'email', value: 'x@example.org' })).status).toBe(403);
    const missing = await agent.get('/api/v1/citizens/00000000-0000-4000-8000-000000000000');
    expect([missing.status, missing.body.error.code]).toEqual([404, 'CITIZEN_NOT_FOUND']);
  });

  it('linking an identity another citizen has merges the two: identities and conversations move, an audit row records it', async () => {
    const service = conversationServiceFor(p.ctx);
    const wechat = await service.receive('wechat', { kind: 'wechat', value: 'oMergeTest00000000000000001' }, { kind: 'event', text: '（关注了公众号）' });
    const byPhone = await service.receive('sms', { kind: 'phone', value: '13655556666' }, { kind: 'event', text: '（测试）' });
    const res = await agent.post(`/api/v1/citizens/${wechat.citizenId}/identities`, { kind: 'phone', value: '136 5555 6666' });
    expect(res.status).toBe(200);
    expect(res.body.mergedFrom).toBe(byPhone.citizenId);
    expect(res.body.identities.map((i: { kind: string }) => i.kind).sort()).toEqual(['phone', 'wechat']);
    const moved = await p.ctx.db.query<{ citizen_id: string }>('SELECT citizen_id FROM conversations WHERE id = $1', [byPhone.conversationId]);
    expect(moved[0]!.citizen_id).toBe(wechat.citizenId);
    // The absorbed record answers with the survivor.
    expect((await agent.get(`/api/v1/citizens/${byPhone.citizenId}`)).body.id).toBe(wechat.citizenId);
    const audit = await p.ctx.db.query<{ detail: { from: string; identities: number; conversations: number } }>(
      `SELECT detail FROM audit_log WHERE action = 'citizen.merge' AND entity_id = $1`,
      [wechat.citizenId],
    );
    expect(audit.map((a) => a.detail)).toEqual([expect.objectContaining({ from: byPhone.citizenId, identities: 1, conversations: 1, reason: 'link' })]);
    // Linking again changes nothing.
    expect((await agent.post(`/api/v1/citizens/${wechat.citizenId}/identities`, { kind: 'phone', value: '13655556666' })).body.mergedFrom).toBeNull();
  });

  it('an explicit merge is for a supervisor', async () => {
    const a = await citizens.resolve({ kind: 'email', value: 'merge.a@example.org' });
    const b = await citizens.resolve({ kind: 'email', value: 'merge.b@example.org' });
    expect((await agent.post(`/api/v1/citizens/${a}/merge`, { fromId: b })).status).toBe(403);
    const res = await supervisor.post(`/api/v1/citizens/${a}/merge`, { fromId: b });
    expect(res.status).toBe(200);
    expect(res.body.identities.map((i: { value: string }) => i.value).sort()).toEqual(['merge.a@example.org', 'merge.b@example.org']);
    expect((await supervisor.post(`/api/v1/citizens/${a}/merge`, { fromId: a })).status).toBe(400);
  });

  it('history holds conversations and the orders registered with their phone, within the caller’s scope', async () => {
    const r = await conversationServiceFor(p.ctx).receive('sms', { kind: 'phone', value: '13788889999' }, { kind: 'text', text: '公交站台的顶棚漏雨' });
    await r.settled;
    const order = (await agent.post('/api/v1/work-orders', newOrder({ citizen: { name: '周女士', phone: '13788889999' } }))).body;
    await agent.post('/api/v1/work-orders', newOrder({ citizen: { name: '别人', phone: '13700000000' } }));
    const h = await agent.get(`/api/v1/citizens/${r.citizenId}/history`);
    expect(h.body.conversations.map((c: { id: string; preview: string }) => [c.id, c.preview])).toEqual([[r.conversationId, '公交站台的顶棚漏雨']]);
    expect(h.body.workOrders.map((w: { id: string }) => w.id)).toEqual([order.id]);
    // A leader sees that conversations happened, not what was said.
    const masked = await leader.get(`/api/v1/citizens/${r.citizenId}/history`);
    expect(masked.body.conversations[0].preview).toBeNull();
    // A district sub-center does not see the city center's orders.
    const districtDispatcher = (await p.ctx.db.query<{ username: string }>(
      `SELECT u.username FROM users u JOIN departments d ON d.id = u.department_id WHERE d.kind = 'district_center' AND u.role = 'dispatcher' LIMIT 1`,
    ))[0]!.username;
    const district = client(p.app, await p.login(districtDispatcher));
    expect((await district.get(`/api/v1/citizens/${r.citizenId}/history`)).body.workOrders).toEqual([]);
  });
});
