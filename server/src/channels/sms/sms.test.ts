import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestPlatform, type TestPlatform } from '../../testing/testPlatform.ts';
import { client, newOrder } from '../../testing/http.ts';
import { HANDOVER_TEXT } from '../../conversations/index.ts';
import { SMS_INBOUND_PATH } from './routes.ts';
import { signSmsCallback } from './signature.ts';
import { notFoundText, SUBSCRIBED_TEXT, UNSUBSCRIBED_TEXT } from './commands.ts';
import { SmsGateway, SmsGatewayError } from './gateway.ts';
import { startSmsNotifications, statusText } from './notifications.ts';
import { FakeSmsGateway } from './testing/fakeSmsGateway.ts';

const SECRET = 'city-sms-secret-2026-0001';
const KEY = 'gw-key-7f3a';
let p: TestPlatform;
let gw: FakeSmsGateway;
let seq = 1000;

const nowTs = () => String(Math.floor(p.clock.now().getTime() / 1000));
const item = (phone: string, content: string, over: Record<string, unknown> = {}) => ({
  phone_number: phone, content, send_time: '2026-11-23 09:00:00', dest_code: '12345', sign_name: '12345热线', sequence_id: ++seq, ...over,
});
/** The gateway's push: the body signed as documented (or spoiled, for the refusal tests). */
const push = (body: unknown, opts: { ts?: string; secret?: string; signature?: string | null; raw?: string } = {}) => {
  const raw = opts.raw ?? JSON.stringify(body);
  const ts = opts.ts ?? nowTs();
  const headers: Record<string, string> = { 'content-type': 'application/json', 'x-sms-timestamp': ts };
  const sig = opts.signature === undefined ? signSmsCallback(opts.secret ?? SECRET, ts, raw) : opts.signature;
  if (sig !== null) headers['x-sms-signature'] = sig;
  return p.app.inject({ method: 'POST', url: SMS_INBOUND_PATH, headers, payload: raw });
};
const stored = (phone: string) =>
  p.ctx.db.query<{ kind: string; text: string; author: string; direction: string; delivery: string | null; delivery_error: string | null; data: Record<string, unknown> | null }>(
    `SELECT m.kind, m.text, m.author, m.direction, m.delivery, m.delivery_error, m.data FROM conversation_messages m JOIN conversations c ON c.id = m.conversation_id
      WHERE c.channel = 'sms' AND c.identity_value = $1 ORDER BY m.seq`,
    [phone],
  );
const count = async () => (await p.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM conversation_messages'))[0]!.n;

beforeAll(async () => {
  gw = await new FakeSmsGateway().start();
  p = await createTestPlatform({ env: { SMS_WEBHOOK_SECRET: SECRET, SMS_GATEWAY_URL: gw.url, SMS_GATEWAY_KEY: KEY, SMS_SIGN_NAME: 'A市12345' } });
});
afterAll(async () => {
  await p?.close();
  await gw?.close();
});
beforeEach(() => {
  gw.requests.length = 0;
});

describe('the signed uplink webhook', () => {
  it('a message opens a conversation; the answer goes to the gateway as JSON with the API key', async () => {
    const res = await push([item('13811110001', '我家楼下的路灯坏了')]);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ code: 0, msg: '成功' });
    await expect.poll(() => gw.to('13811110001')).toEqual([HANDOVER_TEXT]);
    const req = gw.requests[0]!;
    expect(req.headers['x-api-key']).toBe(KEY);
    expect(req.headers['content-type']).toContain('application/json');
    expect(req.body).toMatchObject({ phoneNumbers: '13811110001', signName: 'A市12345', content: HANDOVER_TEXT, outId: expect.any(String) });
    const msgs = await stored('13811110001');
    expect(msgs.map((m) => [m.direction, m.author, m.text])).toEqual([['in', 'citizen', '我家楼下的路灯坏了'], ['out', 'system', HANDOVER_TEXT]]);
    expect(msgs[0]!.data).toMatchObject({ destCode: '12345', sendTime: '2026-11-23 09:00:00' });
    await expect.poll(async () => (await stored('13811110001'))[1]!.delivery).toBe('sent');
  });

  it('refuses a wrong, missing or foreign-secret signature and a tampered body with 401 SMS_SIGNATURE_INVALID; nothing is stored', async () => {
    const before = await count();
    const body = [item('13811110002', '你好')];
    const raw = JSON.stringify(body);
    const cases = [
      await push(body, { signature: 'ab'.repeat(32) }),
      await push(body, { signature: null }),
      await push(body, { secret: 'another-secret-entirely' }),
      await push(body, { raw: raw.replace('你好', '您好'), signature: signSmsCallback(SECRET, nowTs(), raw) }),
      await push(body, { ts: 'yesterday' }),
    ];
    for (const res of cases) expect([res.statusCode, res.json().error.code]).toEqual([401, 'SMS_SIGNATURE_INVALID']);
    expect(await count()).toBe(before);
  });

  it('refuses a correctly signed push whose timestamp is too old or too far ahead with 401 SMS_TIMESTAMP_STALE', async () => {
    const before = await count();
    const old = String(Number(nowTs()) - 301);
    const ahead = String(Number(nowTs()) + 400);
    for (const ts of [old, ahead]) {
      const res = await push([item('13811110003', '你好')], { ts });
      expect([res.statusCode, res.json().error.code]).toEqual([401, 'SMS_TIMESTAMP_STALE']);
    }
    expect((await push([item('13811110003', '你好')], { ts: String(Number(nowTs()) - 299) })).statusCode).toBe(200);
    // The citizen's message and, once the bot's step has run, the handover notice.
    await expect.poll(count).toBe(before + 2);
  });

  it('a signed body that is no uplink push is 400 SMS_MESSAGE_MALFORMED, and a batch with one bad number stores nothing', async () => {
    const before = await count();
    const notJson = await push(null, { raw: 'phone=138&content=hi' });
    expect([notJson.statusCode, notJson.json().error.code]).toEqual([400, 'SMS_MESSAGE_MALFORMED']);
    const noPhone = await push([{ content: 'hi' }]);
    expect(noPhone.json().error.code).toBe('SMS_MESSAGE_MALFORMED');
    const badBatch = await push([item('13811110004', '第一条'), item('phone-of-nobody', '第二条')]);
    expect([badBatch.statusCode, badBatch.json().error.details]).toEqual([400, { index: 1 }]);
    expect(await count()).toBe(before);
  });

  it('a batch is stored in order; a redelivered sequence_id is stored once; a single object is accepted too', async () => {
    const a = item('13811110005', '第一条');
    const b = item('13811110005', '第二条');
    expect((await push([a, b])).statusCode).toBe(200);
    expect((await push([a])).statusCode).toBe(200);
    expect((await push(item('13811110005', '第三条'))).statusCode).toBe(200);
    const texts = (await stored('13811110005')).filter((m) => m.direction === 'in').map((m) => m.text);
    expect(texts).toEqual(['第一条', '第二条', '第三条']);
  });
});

describe('keyword commands', () => {
  let tn: string;
  beforeAll(async () => {
    const agent = client(p.app, await p.login('agent'));
    tn = (await agent.post('/api/v1/work-orders', newOrder({ channel: 'phone', citizen: { name: '钱七', phone: '138-1111-0010' } }))).body.trackingNumber;
  });

  it('CX <工单号> from the registered phone tells the status; from another phone it says nothing about the order', async () => {
    await push([item('+8613811110010', `CX ${tn}`)]);
    await push([item('13811110011', `cx${tn}`)]);
    await expect.poll(() => gw.requests.length).toBe(2);
    expect(gw.to('13811110010')[0]).toMatch(new RegExp(`^工单${tn}（.+）已受理。$`));
    expect(gw.to('13811110011')).toEqual([notFoundText(tn)]);
    // The command stays in the conversation for agents, as an event the bot did not answer.
    const msgs = await stored('13811110010');
    expect(msgs[0]).toMatchObject({ kind: 'event', text: `CX ${tn}`, data: expect.objectContaining({ command: 'query' }) });
    expect(msgs.map((m) => m.author)).toEqual(['citizen', 'bot']);
  });

  it('TD unsubscribes and DY subscribes again', async () => {
    await push([item('13811110012', 'TD')]);
    await expect.poll(() => gw.to('13811110012')).toEqual([UNSUBSCRIBED_TEXT]);
    expect(await p.ctx.db.query('SELECT notify FROM sms_preferences WHERE phone = $1', ['13811110012'])).toEqual([{ notify: false }]);
    await push([item('13811110012', '订阅')]);
    await expect.poll(() => gw.to('13811110012').length).toBe(2);
    expect(gw.to('13811110012')[1]).toBe(SUBSCRIBED_TEXT);
    expect(await p.ctx.db.query('SELECT notify FROM sms_preferences WHERE phone = $1', ['13811110012'])).toEqual([{ notify: true }]);
  });
});

describe('status notifications', () => {
  const register = async (channel: string, phone: string) => {
    const agent = client(p.app, await p.login('agent'));
    const o = (await agent.post('/api/v1/work-orders', newOrder({ channel, citizen: { name: '孙八', phone } }))).body;
    return o as { id: string; trackingNumber: string };
  };
  const dispatch = async (id: string) => {
    const dispatcher = client(p.app, await p.login('dispatcher'));
    expect((await dispatcher.act(id, 'dispatch', { leadDepartmentId: p.ids.departments.get('A市住房和城乡建设局')! })).status).toBe(200);
  };
  const logged = (id: string) => p.ctx.db.query<{ status: string; recipient: string; body: string }>(`SELECT status, recipient, body FROM channel_notifications WHERE work_order_id = $1 AND channel = 'sms'`, [id]);

  it('an order from the SMS channel is notified when the citizen would see a new state; after TD it is not', async () => {
    const o = await register('sms', '13811110020');
    await dispatch(o.id);
    await expect.poll(() => gw.to('13811110020')).toEqual([statusText(o.trackingNumber, '办理中')]);
    expect(await logged(o.id)).toEqual([{ status: 'sent', recipient: '13811110020', body: statusText(o.trackingNumber, '办理中') }]);

    const handler = client(p.app, await p.login('handler'));
    await push([item('13811110020', 'TD')]);
    await expect.poll(() => gw.to('13811110020').length).toBe(2);
    expect((await handler.act(o.id, 'accept')).status).toBe(200); // 办理中 → 办理中: no news anyway
    expect((await handler.act(o.id, 'reply', { content: '已处理。' })).status).toBe(200);
    const leader = client(p.app, await p.login('dept_leader'));
    expect((await leader.act(o.id, 'review', { approve: true })).status).toBe(200); // → 已答复, but unsubscribed
    // A later notification to someone else arriving means the one above was decided too.
    const sentinel = await register('sms', '13811110029');
    await dispatch(sentinel.id);
    await expect.poll(() => gw.to('13811110029').length).toBe(1);
    expect(gw.to('13811110020')).toEqual([statusText(o.trackingNumber, '办理中'), UNSUBSCRIBED_TEXT]);
  });

  it('a phone order is notified only when its mobile opted in', async () => {
    const quiet = await register('phone', '13811110021');
    const opted = await register('phone', '13811110022');
    await p.ctx.db.query(`INSERT INTO sms_preferences (phone, notify, updated_at) VALUES ('13811110022', true, now())`);
    await dispatch(quiet.id);
    await dispatch(opted.id);
    await expect.poll(() => gw.to('13811110022')).toEqual([statusText(opted.trackingNumber, '办理中')]);
    expect(gw.to('13811110021')).toEqual([]);
    expect(await logged(quiet.id)).toEqual([]);
  });

  it('without a gateway the notification is recorded as not sent', async () => {
    const logs: unknown[] = [];
    const stop = startSmsNotifications(p.ctx, new SmsGateway({ url: undefined, apiKey: 'k', signName: 's' }), (e) => logs.push(e));
    try {
      const o = await register('sms', '13811110023');
      await dispatch(o.id);
      await expect.poll(async () => (await logged(o.id)).map((r) => r.status).sort()).toEqual(['not_sent', 'sent']);
      expect(String(logs[0])).toContain('SMS_GATEWAY_URL');
    } finally {
      stop();
    }
  });
});

describe('the outbound gateway adapter', () => {
  const gateway = () => new SmsGateway({ url: gw.url, apiKey: KEY, signName: 'A市12345', retryDelayMs: 10 });

  it('retries once after a 5xx and succeeds; returns the gateway’s id', async () => {
    gw.answer({ status: 503, body: 'busy' });
    expect(await gateway().send('13811110030', '测试', 'out-1')).toMatch(/^biz-/);
    expect(gw.requests.map((r) => r.body.outId)).toEqual(['out-1', 'out-1']);
  });

  it('fails after two 5xx; a 4xx or a refusal code fails at once', async () => {
    gw.answer({ status: 500 }, { status: 502 });
    await expect(gateway().send('13811110031', 'x', 'o')).rejects.toThrow(/HTTP 502 \(after a retry\)/);
    expect(gw.requests).toHaveLength(2);
    gw.requests.length = 0;
    gw.answer({ status: 401, body: { message: 'bad key' } });
    await expect(gateway().send('13811110031', 'x', 'o')).rejects.toThrow(SmsGatewayError);
    gw.answer({ status: 200, body: { code: 'isv.BUSINESS_LIMIT_CONTROL', message: '触发流控' } });
    await expect(gateway().send('13811110031', 'x', 'o')).rejects.toThrow(/BUSINESS_LIMIT_CONTROL/);
    expect(gw.requests).toHaveLength(2);
    await expect(new SmsGateway({ url: undefined, apiKey: 'k', signName: 's' }).send('1', 'x', 'o')).rejects.toThrow(/SMS_GATEWAY_URL/);
  });

  it('an agent’s reply the gateway refuses is recorded as failed on the message', async () => {
    await push([item('13811110032', '人工')]);
    await expect.poll(() => gw.to('13811110032').length).toBe(1);
    const agent = client(p.app, await p.login('agent'));
    const conv = (await agent.get('/api/v1/inbox/conversations?view=waiting')).body.items.find((c: { channel: string; preview: string }) => c.channel === 'sms' && c.preview === '人工');
    expect((await agent.post(`/api/v1/inbox/conversations/${conv.id}/take`)).status).toBe(200);
    await expect.poll(() => gw.to('13811110032').length).toBe(2);
    gw.answer({ status: 503 }, { status: 503 });
    const res = await agent.post(`/api/v1/inbox/conversations/${conv.id}/messages`, { text: '您好，请讲。' });
    expect(res.body).toMatchObject({ delivery: 'failed', deliveryError: expect.stringContaining('503') });
  });
});
