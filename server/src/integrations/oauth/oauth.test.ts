import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, type TestPlatform } from '../../testing/testPlatform.ts';
import { client, newOrder } from '../../testing/http.ts';

let p: TestPlatform;
let admin: ReturnType<typeof client>;
let center: string;
let housing: string;
beforeAll(async () => {
  p = await createTestPlatform({ env: { OAUTH_TOKEN_TTL_SECONDS: '600' } });
  admin = client(p.app, await p.login('admin'));
  center = p.ids.departments.get('A市12345政务服务便民热线中心')!;
  housing = p.ids.departments.get('A市住房和城乡建设局')!;
});
afterAll(() => p?.close());

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;

function tokenRequest(form: Record<string, string | string[]>, headers: Record<string, string> = {}) {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(form)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
  return p.app.inject({ method: 'POST', url: '/api/v1/oauth/token', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, payload: body.toString() });
}

async function register(role: string, departmentId: string, scopes: string[]) {
  const res = await admin.post('/api/v1/oauth/clients', { name: `${role} app`, role, departmentId, scopes });
  expect(res.status).toBe(201);
  return res.body as { id: string; clientId: string; clientSecret: string };
}

async function tokenFor(c: { clientId: string; clientSecret: string }, scope?: string) {
  const res = await tokenRequest({ grant_type: 'client_credentials', ...(scope ? { scope } : {}) }, { authorization: basic(c.clientId, c.clientSecret) });
  expect(res.statusCode).toBe(200);
  return res.json().access_token as string;
}

describe('OAuth2 clients (admin)', () => {
  it('registers a client and shows its secret once; only administrators may', async () => {
    const c = await register('agent', center, ['read', 'write']);
    expect(c.clientId).toMatch(/^hc_/);
    expect(c.clientSecret).toMatch(/^hcs_/);
    const list = (await admin.get('/api/v1/oauth/clients')).body as Record<string, unknown>[];
    const row = list.find((x) => x.id === c.id)!;
    expect(row).toMatchObject({ clientId: c.clientId, role: 'agent', departmentId: center, scopes: ['read', 'write'], revokedAt: null });
    expect(JSON.stringify(list)).not.toContain(c.clientSecret);
    expect(row).not.toHaveProperty('secretHash');
    const agent = client(p.app, await p.login('agent'));
    expect((await agent.post('/api/v1/oauth/clients', { name: 'x', role: 'agent', departmentId: center, scopes: ['read'] })).status).toBe(403);
    expect((await admin.post('/api/v1/oauth/clients', { name: 'x', role: 'admin', departmentId: center, scopes: ['read'] })).status).toBe(400);
    expect((await admin.post('/api/v1/oauth/clients', { name: 'x', role: 'agent', departmentId: center, scopes: ['delete'] })).status).toBe(400);
    expect((await admin.post('/api/v1/oauth/clients', { name: 'x', role: 'agent', departmentId: '00000000-0000-4000-8000-000000000001', scopes: ['read'] })).body.error.code).toBe('DEPARTMENT_NOT_FOUND');
  });
});

describe('POST /api/v1/oauth/token (RFC 6749 §4.4)', () => {
  it('issues a bearer token to a client authenticated by HTTP Basic or by the body', async () => {
    const c = await register('agent', center, ['read', 'write']);
    const viaBasic = await tokenRequest({ grant_type: 'client_credentials' }, { authorization: basic(c.clientId, c.clientSecret) });
    expect(viaBasic.statusCode).toBe(200);
    expect(viaBasic.headers['cache-control']).toBe('no-store');
    expect(viaBasic.headers.pragma).toBe('no-cache');
    expect(viaBasic.json()).toEqual({ access_token: expect.stringMatching(/^hat_/), token_type: 'Bearer', expires_in: 600, scope: 'read write' });
    const viaBody = await tokenRequest({ grant_type: 'client_credentials', client_id: c.clientId, client_secret: c.clientSecret, scope: 'read' });
    expect(viaBody.json()).toMatchObject({ token_type: 'Bearer', scope: 'read' });
  });

  it('answers the errors of §5.2', async () => {
    const c = await register('agent', center, ['read']);
    const err = async (res: Awaited<ReturnType<typeof tokenRequest>>, status: number, error: string) => {
      expect(res.statusCode).toBe(status);
      expect(res.json()).toEqual({ error, error_description: expect.any(String) });
      expect(res.headers['cache-control']).toBe('no-store');
      return res;
    };
    const noCred = await err(await tokenRequest({ grant_type: 'client_credentials' }), 401, 'invalid_client');
    expect(noCred.headers['www-authenticate']).toMatch(/^Basic realm=/);
    const wrong = await err(await tokenRequest({ grant_type: 'client_credentials' }, { authorization: basic(c.clientId, 'guess') }), 401, 'invalid_client');
    expect(wrong.headers['www-authenticate']).toMatch(/^Basic/);
    await err(await tokenRequest({ grant_type: 'client_credentials', client_id: 'hc_nobody', client_secret: 'x' }), 401, 'invalid_client');
    await err(await tokenRequest({ grant_type: 'client_credentials', client_id: c.clientId }, { authorization: basic(c.clientId, c.clientSecret) }), 400, 'invalid_request');
    await err(await tokenRequest({}, { authorization: basic(c.clientId, c.clientSecret) }), 400, 'invalid_request');
    await err(await tokenRequest({ grant_type: ['client_credentials', 'client_credentials'] }, { authorization: basic(c.clientId, c.clientSecret) }), 400, 'invalid_request');
    await err(await tokenRequest({ grant_type: 'password', username: 'a', password: 'b' }, { authorization: basic(c.clientId, c.clientSecret) }), 400, 'unsupported_grant_type');
    await err(await tokenRequest({ grant_type: 'client_credentials', scope: 'write' }, { authorization: basic(c.clientId, c.clientSecret) }), 400, 'invalid_scope');
    await err(await tokenRequest({ grant_type: 'client_credentials', scope: 'read admin' }, { authorization: basic(c.clientId, c.clientSecret) }), 400, 'invalid_scope');
    const json = await p.app.inject({ method: 'POST', url: '/api/v1/oauth/token', payload: { grant_type: 'client_credentials' }, headers: { authorization: basic(c.clientId, c.clientSecret) } });
    await err(json, 400, 'invalid_request');
  });
});

describe('Bearer access tokens on the REST API', () => {
  it('act with the client’s role and data scope: a center app registers app orders, a bureau app sees only its own', async () => {
    const appClient = await register('agent', center, ['read', 'write']);
    const bureauClient = await register('dept_handler', housing, ['read']);
    const app = client(p.app, { authorization: `Bearer ${await tokenFor(appClient)}` });
    const me = (await app.get('/api/v1/auth/me')).body;
    expect(me).toMatchObject({ username: `client:${appClient.clientId}`, role: 'agent', departmentId: center });
    const created = await app.post('/api/v1/work-orders', newOrder({ channel: 'app', title: '来自城市 App 的诉求' }));
    expect(created.status).toBe(201);
    expect(created.body.channel).toBe('app');
    const [audit] = await p.ctx.db.query<{ actor_name: string }>("SELECT actor_name FROM audit_log WHERE action = 'workOrder.register' AND entity_id = $1", [created.body.id]);
    expect(audit!.actor_name).toBe(`client:${appClient.clientId}`);

    const bureau = client(p.app, { authorization: `Bearer ${await tokenFor(bureauClient)}` });
    expect((await bureau.get(`/api/v1/work-orders/${created.body.id}`)).status).toBe(404);
    const dispatcher = client(p.app, await p.login('dispatcher'));
    await dispatcher.act(created.body.id, 'dispatch', { leadDepartmentId: housing });
    expect((await bureau.get(`/api/v1/work-orders/${created.body.id}`)).status).toBe(200);
    // A bureau's app is masked like the bureau's staff would be, never given more.
    const list = (await bureau.get('/api/v1/work-orders')).body;
    expect(list.items.map((i: { id: string }) => i.id)).toEqual([created.body.id]);
  });

  it('a read-only token cannot write; sessions still work beside tokens', async () => {
    const c = await register('agent', center, ['read', 'write']);
    const reader = client(p.app, { authorization: `Bearer ${await tokenFor(c, 'read')}` });
    expect((await reader.get('/api/v1/work-orders')).status).toBe(200);
    const refused = await reader.post('/api/v1/work-orders', newOrder({ channel: 'app' }));
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: 'INSUFFICIENT_SCOPE', details: { needed: 'write', granted: ['read'] } });
    const agent = client(p.app, await p.login('agent'));
    expect((await agent.post('/api/v1/work-orders', newOrder())).status).toBe(201);
  });

  it('expires after expires_in, and dies with its client', async () => {
    const c = await register('agent', center, ['read']);
    const token = await tokenFor(c);
    const auth = { authorization: `Bearer ${token}` };
    expect((await p.app.inject({ url: '/api/v1/auth/me', headers: auth })).statusCode).toBe(200);
    p.clock.advance(601_000);
    const expired = await p.app.inject({ url: '/api/v1/auth/me', headers: auth });
    expect(expired.statusCode).toBe(401);
    expect(expired.json().error.message).toContain('expired');
    const fresh = { authorization: `Bearer ${await tokenFor(c)}` };
    expect((await admin.del(`/api/v1/oauth/clients/${c.id}`)).status).toBe(200);
    expect((await p.app.inject({ url: '/api/v1/auth/me', headers: fresh })).statusCode).toBe(401);
    expect((await tokenRequest({ grant_type: 'client_credentials' }, { authorization: basic(c.clientId, c.clientSecret) })).statusCode).toBe(401);
    expect((await admin.del(`/api/v1/oauth/clients/${c.id}`)).body.error.code).toBe('OAUTH_CLIENT_NOT_FOUND');
    expect((await p.app.inject({ url: '/api/v1/auth/me', headers: { authorization: 'Bearer hat_forged' } })).statusCode).toBe(401);
  });
});
