import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, type TestPlatform } from '../testing/testPlatform.ts';
import { client, newOrder } from '../testing/http.ts';

let p: TestPlatform;
let agent: ReturnType<typeof client>;
let dispatcher: ReturnType<typeof client>;
let handler: ReturnType<typeof client>;
let auth: Record<string, string>;
let housing: string;

const counts = async () => {
  const [r] = await p.ctx.db.query<{ o: number; e: number; a: number; f: number }>(
    `SELECT (SELECT count(*) FROM work_orders)::int AS o, (SELECT count(*) FROM work_order_events)::int AS e,
            (SELECT count(*) FROM work_order_assignments)::int AS a, (SELECT count(*) FROM attachments)::int AS f`,
  );
  return r!;
};

beforeAll(async () => {
  p = await createTestPlatform({ env: { ATTACHMENT_MAX_BYTES: '65536' } });
  auth = await p.login('agent');
  agent = client(p.app, auth);
  dispatcher = client(p.app, await p.login('dispatcher'));
  handler = client(p.app, await p.login('handler'));
  housing = p.ids.departments.get('A市住房和城乡建设局')!;
});
afterAll(() => p?.close());

describe('bad input gets a precise error and leaves nothing behind', () => {
  it('malformed JSON → 400 MALFORMED_JSON', async () => {
    const before = await counts();
    const res = await p.app.inject({ method: 'POST', url: '/api/v1/work-orders', headers: { ...auth, 'content-type': 'application/json' }, payload: '{"channel": "phone",' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('MALFORMED_JSON');
    expect(await counts()).toEqual(before);
  });

  it.each([
    ['missing content', { content: undefined }, '/content'],
    ['missing citizen', { citizen: undefined }, '/citizen'],
    ['over-long content', { content: '长'.repeat(5001) }, '/content'],
    ['over-long title', { title: 'x'.repeat(121) }, '/title'],
    ['unknown channel', { channel: 'pigeon' }, '/channel'],
    ['unknown type', { type: 'rant' }, '/type'],
    ['unknown urgency', { urgency: 'whenever' }, '/urgency'],
    ['bad phone', { citizen: { name: 'x', phone: 'call me' } }, '/citizen/phone'],
    ['unknown field', { colour: 'red' }, '/'],
  ])('%s → 400 VALIDATION_FAILED naming the field', async (_name, over, path) => {
    const before = await counts();
    const res = await agent.post('/api/v1/work-orders', newOrder(over));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(JSON.stringify(res.body.error.details)).toContain(path === '/' ? 'colour' : path);
    expect(await counts()).toEqual(before);
  });

  it('an unknown category → 404 CATEGORY_NOT_FOUND and no order, no tracking number used', async () => {
    const before = await counts();
    const res = await agent.post('/api/v1/work-orders', newOrder({ categoryId: '00000000-0000-4000-8000-000000000000' }));
    expect(res.body.error.code).toBe('CATEGORY_NOT_FOUND');
    expect(await counts()).toEqual(before);
  });

  it('wrong role → 403 FORBIDDEN', async () => {
    expect((await handler.post('/api/v1/work-orders', newOrder())).body.error.code).toBe('FORBIDDEN');
    const o = (await agent.post('/api/v1/work-orders', newOrder())).body;
    const res = await agent.act(o.id, 'dispatch', { leadDepartmentId: housing });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('FORBIDDEN');
    expect((await agent.get('/api/v1/users')).status).toBe(403);
  });

  it("another department's order → 404, not 403, so its existence does not leak", async () => {
    const o = (await agent.post('/api/v1/work-orders', newOrder())).body;
    await dispatcher.act(o.id, 'dispatch', { leadDepartmentId: p.ids.departments.get('A市教育局')! });
    const read = await handler.get(`/api/v1/work-orders/${o.id}`);
    expect(read.status).toBe(404);
    expect(read.body.error.code).toBe('WORK_ORDER_NOT_FOUND');
    const act = await handler.act(o.id, 'accept');
    expect(act.status).toBe(404);
    expect((await handler.get(`/api/v1/work-orders?q=${encodeURIComponent('电梯')}&pageSize=200`)).body.items.map((i: { id: string }) => i.id)).not.toContain(o.id);
  });

  it('stale version → 409 STALE_VERSION, nothing changed', async () => {
    const o = (await agent.post('/api/v1/work-orders', newOrder())).body;
    await dispatcher.act(o.id, 'note', { note: '第一次备注', version: 1 });
    const before = await counts();
    const res = await dispatcher.act(o.id, 'dispatch', { leadDepartmentId: housing, version: 1 });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'STALE_VERSION', details: { expected: 1, actual: 2 } });
    expect(await counts()).toEqual(before);
  });

  it('illegal transition → 409 ILLEGAL_TRANSITION, nothing changed', async () => {
    const o = (await agent.post('/api/v1/work-orders', newOrder())).body;
    const before = await counts();
    const res = await dispatcher.act(o.id, 'close');
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'ILLEGAL_TRANSITION', details: { action: 'close', status: 'registered' } });
    expect(await counts()).toEqual(before);
  });

  it('a failing step inside the transaction rolls back everything it did', async () => {
    const o = (await agent.post('/api/v1/work-orders', newOrder())).body;
    const before = await counts();
    // The first department is fine (an assignment row would be written), the second does not exist.
    const res = await dispatcher.act(o.id, 'dispatch', { leadDepartmentId: housing, assistingDepartmentIds: ['00000000-0000-4000-8000-000000000001'] });
    expect(res.body.error.code).toBe('DEPARTMENT_NOT_FOUND');
    expect(await counts()).toEqual(before);
    expect((await dispatcher.get(`/api/v1/work-orders/${o.id}`)).body).toMatchObject({ status: 'registered', version: 1 });
  });

  it('bad action bodies and unknown actions', async () => {
    const o = (await agent.post('/api/v1/work-orders', newOrder())).body;
    expect((await dispatcher.act(o.id, 'dispatch', {})).body.error.code).toBe('VALIDATION_FAILED');
    expect((await dispatcher.act(o.id, 'dispatch', { leadDepartmentId: 'not-a-uuid' })).body.error.code).toBe('VALIDATION_FAILED');
    expect((await dispatcher.act(o.id, 'teleport', {})).status).toBe(400);
    expect((await dispatcher.get('/api/v1/work-orders/not-a-uuid')).status).toBe(400);
    expect((await dispatcher.get('/api/v1/work-orders?pageSize=100000')).body.error.code).toBe('VALIDATION_FAILED');
    expect((await dispatcher.get('/api/v1/work-orders?status=registered,bogus')).body.error.code).toBe('VALIDATION_FAILED');
  });

  it('no credentials → 401; bad credentials → 401; repeated failures lock the account (423)', async () => {
    expect((await p.app.inject({ url: '/api/v1/work-orders' })).json().error.code).toBe('UNAUTHENTICATED');
    expect((await p.app.inject({ url: '/api/v1/work-orders', headers: { authorization: 'Bearer nope' } })).statusCode).toBe(401);
    const tryLogin = (password: string) => p.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'auditor', password } });
    for (let i = 0; i < 4; i++) expect((await tryLogin('wrong')).json().error.code).toBe('INVALID_CREDENTIALS');
    expect((await tryLogin('wrong')).statusCode).toBe(423);
    expect((await tryLogin('Hotline@12345')).json().error.code).toBe('ACCOUNT_LOCKED');
    p.clock.advance(16 * 60_000);
    expect((await tryLogin('Hotline@12345')).statusCode).toBe(200);
    expect((await tryLogin('wrong')).json().error.code).toBe('INVALID_CREDENTIALS'); // counter reset by success
  });

  it('oversized attachment → 413, wrong type → 415, and no file or row is kept', async () => {
    const before = await counts();
    const upload = (name: string, type: string, data: Buffer) => {
      const boundary = '----hotline';
      const body = Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`),
        data,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      return p.app.inject({ method: 'POST', url: '/api/v1/attachments', headers: { ...auth, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: body });
    };
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(100)]);
    const big = await upload('big.png', 'image/png', Buffer.concat([png, Buffer.alloc(70_000)]));
    expect(big.statusCode).toBe(413);
    expect(big.json().error.code).toBe('PAYLOAD_TOO_LARGE');
    const exe = await upload('photo.png', 'image/png', Buffer.from('MZ\x90\x00 this is a program'));
    expect(exe.statusCode).toBe(415);
    const lying = await upload('doc.pdf', 'application/pdf', png);
    expect(lying.statusCode).toBe(415);
    expect(await counts()).toEqual(before);
    const ok = await upload('现场照片.png', 'image/png', png);
    expect(ok.statusCode).toBe(201);
    const o = (await agent.post('/api/v1/work-orders', newOrder({ attachmentIds: [ok.json().id] }))).body;
    expect(o.attachments).toEqual([expect.objectContaining({ fileName: '现场照片.png', mime: 'image/png', size: png.length })]);
    const dl = await p.app.inject({ url: `/api/v1/attachments/${ok.json().id}`, headers: auth });
    expect(dl.statusCode).toBe(200);
    expect(dl.rawPayload.equals(png)).toBe(true);
    // Someone else's upload cannot be attached, and the failed registration leaves nothing behind.
    const other = await upload('另一张.png', 'image/png', png);
    const beforeSteal = await counts();
    const steal = await dispatcher.post('/api/v1/work-orders', newOrder({ attachmentIds: [other.json().id] }));
    expect(steal.body.error.code).toBe('ATTACHMENT_NOT_FOUND');
    expect(await counts()).toEqual(beforeSteal);
    // Outside the order's scope the file does not exist.
    expect((await p.app.inject({ url: `/api/v1/attachments/${ok.json().id}`, headers: await p.login('handler') })).statusCode).toBe(404);
  });

  it('a JSON body over 1 MiB → 413', async () => {
    const res = await agent.post('/api/v1/work-orders', newOrder({ content: 'x'.repeat(1_100_000) }));
    expect(res.status).toBe(413);
  });

  it('unknown routes → 404 NOT_FOUND in the error format', async () => {
    const res = await agent.get('/api/v1/nothing-here');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
  });
});
