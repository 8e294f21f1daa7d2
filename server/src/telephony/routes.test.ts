import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, type TestPlatform } from '../testing/testPlatform.ts';
import { client } from '../testing/http.ts';
import { startTelephony } from './runtime.ts';

const quietTts = { engineId: 'quiet@1', synthesize: async () => new Int16Array(800) };

let p: TestPlatform;
beforeAll(async () => {
  p = await createTestPlatform({ env: { SIP_PORT: '0', SIP_HOST: '127.0.0.1', RTP_PORT_MIN: '43200', RTP_PORT_MAX: '43299' } });
  p.ctx.telephony = await startTelephony(p.ctx, { tts: quietTts });
}, 60_000);
afterAll(async () => p?.close());

describe('IVR flows in the database', () => {
  it('the built-in flows are stored on first start and running in the engine', async () => {
    const admin = client(p.app, await p.login('admin'));
    const res = await admin.get('/api/v1/telephony/flows');
    expect(res.status).toBe(200);
    expect(res.body.items.filter((f: { active: boolean }) => f.active).map((f: { flowId: string }) => f.flowId).sort()).toEqual(['default', 'direct']);
    expect(p.ctx.telephony!.flows.get('default')).toBeDefined();
  });

  it('publishing a changed flow stores a new version, activates it and swaps it into the engine for new calls; rollback swaps back', async () => {
    const admin = client(p.app, await p.login('admin'));
    const current = (await admin.get('/api/v1/telephony/flows/direct')).body;
    const before = p.ctx.telephony!.flows.get('direct')!;
    const doc = structuredClone(current.document) as { name: string; version: number };
    doc.name = '直接转人工（夜间测试版）';
    const pub = await admin.post('/api/v1/telephony/flows', doc);
    expect(pub.status).toBe(201);
    expect(pub.body.version).toBe(current.version + 1);
    expect(p.ctx.telephony!.flows.get('direct')!.name).toBe('直接转人工（夜间测试版）');
    expect(before.name).toBe(current.document.name); // a call holding the old version keeps it
    const back = await admin.post(`/api/v1/telephony/flows/direct/versions/${current.version}/activate`);
    expect(back.status).toBe(200);
    expect(p.ctx.telephony!.flows.get('direct')!.version).toBe(current.version);
    const versions = (await admin.get('/api/v1/telephony/flows')).body.items.filter((f: { flowId: string }) => f.flowId === 'direct');
    expect(versions.map((v: { version: number; active: boolean }) => [v.version, v.active])).toEqual([[current.version + 1, false], [current.version, true]]);
  });

  it('an invalid flow is refused with 422 INVALID_FLOW and the reasons; nothing changes', async () => {
    const admin = client(p.app, await p.login('admin'));
    const before = (await admin.get('/api/v1/telephony/flows')).body.items.length;
    const res = await admin.post('/api/v1/telephony/flows', { id: 'default', name: 'x', version: 1, start: 'nowhere', nodes: {} });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('INVALID_FLOW');
    expect(Array.isArray(res.body.error.details)).toBe(true);
    expect(res.body.error.details.length).toBeGreaterThan(0);
    expect((await admin.get('/api/v1/telephony/flows')).body.items.length).toBe(before);
    expect((await admin.post('/api/v1/telephony/flows', { name: 'no id' })).body.error.code).toBe('VALIDATION_FAILED');
    expect((await admin.get('/api/v1/telephony/flows/nosuch')).status).toBe(404);
    expect((await admin.post('/api/v1/telephony/flows/default/versions/999/activate')).status).toBe(404);
  });

  it('only the city center’s admins publish; supervisors read; agents and departments get 403', async () => {
    const doc = (await client(p.app, await p.login('admin')).get('/api/v1/telephony/flows/direct')).body.document;
    const sup = client(p.app, await p.login('supervisor'));
    expect((await sup.get('/api/v1/telephony/flows')).status).toBe(200);
    expect((await sup.post('/api/v1/telephony/flows', doc)).status).toBe(403);
    expect((await client(p.app, await p.login('agent')).get('/api/v1/telephony/flows')).status).toBe(403);
    expect((await client(p.app, await p.login('handler')).get('/api/v1/telephony/status')).status).toBe(403);
  });
});

describe('SIP extensions', () => {
  it('admins create one (secret generated and shown once), list never shows secrets, delete removes the credentials', async () => {
    const admin = client(p.app, await p.login('admin'));
    const created = await admin.put('/api/v1/telephony/extensions/8101', { displayName: '测试分机' });
    expect(created.status).toBe(200);
    expect(created.body.secret).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(p.ctx.telephony!.extensions.secretOf('8101')).toBe(created.body.secret);
    const list = await admin.get('/api/v1/telephony/extensions');
    expect(JSON.stringify(list.body)).not.toContain(created.body.secret);
    expect(list.body.items.map((e: { extension: string }) => e.extension)).toContain('8101');
    const disabled = await admin.put('/api/v1/telephony/extensions/8101', { displayName: '测试分机', enabled: false });
    expect(disabled.body.secret).toBeUndefined();
    expect(p.ctx.telephony!.extensions.secretOf('8101')).toBeUndefined();
    expect((await admin.del('/api/v1/telephony/extensions/8101')).status).toBe(204);
    expect((await admin.del('/api/v1/telephony/extensions/8101')).status).toBe(404);
  });

  it('bad input: malformed extension, short secret, unknown user, unknown field', async () => {
    const admin = client(p.app, await p.login('admin'));
    expect((await admin.put('/api/v1/telephony/extensions/80a1', { displayName: 'x' })).status).toBe(400);
    expect((await admin.put('/api/v1/telephony/extensions/8102', { displayName: 'x', secret: 'short' })).body.error.code).toBe('VALIDATION_FAILED');
    expect((await admin.put('/api/v1/telephony/extensions/8102', { displayName: 'x', userId: '00000000-0000-4000-8000-000000000001' })).body.error.code).toBe('USER_NOT_FOUND');
    expect((await admin.put('/api/v1/telephony/extensions/8102', { displayName: 'x', extra: 1 })).status).toBe(400);
    expect((await client(p.app, await p.login('supervisor')).put('/api/v1/telephony/extensions/8102', { displayName: 'x' })).status).toBe(403);
  });

  it('status shows the listening ports and the flows running', async () => {
    const res = await client(p.app, await p.login('supervisor')).get('/api/v1/telephony/status');
    expect(res.body).toMatchObject({ running: true, sip: { udpPort: p.ctx.telephony!.ports.udp, webSocketPath: '/sip', hotlineNumber: '12345' }, tts: 'quiet@1' });
  });
});
