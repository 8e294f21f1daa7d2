import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestPlatform, type TestPlatform } from '../../testing/testPlatform.ts';
import { client, newOrder } from '../../testing/http.ts';
import { conversationServiceFor, HANDOVER_TEXT, WELCOME_TEXT, type Responder } from '../../conversations/index.ts';
import { FakeWechatApi } from './testing/fakeWechatApi.ts';
import { WechatPeer } from './testing/wechatPeer.ts';
import { WECHAT_PATH } from './routes.ts';

const TOKEN = 'citytoken2026';
const APPID = 'wx5e1a2b3c4d5e6f70';
const SECRET = 'f0e1d2c3b4a5968778695a4b3c2d1e0f';
const AES_KEY = 'Q1w2E3r4T5y6U7i8O9p0A1s2D3f4G5h6J7k8L9z0X1c';
const TEMPLATE = 'tmpl-status-0001';
const GH = 'gh_0a1b2c3d4e5f';

let p: TestPlatform;
let fake: FakeWechatApi;
let wx: WechatPeer;
let seq = 0;
const openid = (n: number) => `oA1b2C3d4E5f6G7h8I9j0K${String(n).padStart(6, '0')}`;
const now = () => Math.floor(p.clock.now().getTime() / 1000);
const text = (from: string, content: string, msgId = String(6_900_000_000_000_000_000n + BigInt(++seq))) =>
  WechatPeer.xml({ ToUserName: GH, FromUserName: from, CreateTime: now(), MsgType: 'text', Content: content, MsgId: msgId });
const field = (xml: string, k: string) => new RegExp(`<${k}>(?:<!\\[CDATA\\[)?([\\s\\S]*?)(?:\\]\\]>)?</${k}>`).exec(xml)?.[1];

const stored = (from: string) =>
  p.ctx.db.query<{ kind: string; text: string; author: string; direction: string; data: Record<string, unknown> | null; attachment_id: string | null; delivery: string | null }>(
    `SELECT m.kind, m.text, m.author, m.direction, m.data, m.attachment_id, m.delivery FROM conversation_messages m JOIN conversations c ON c.id = m.conversation_id
      WHERE c.identity_value = $1 ORDER BY m.seq`,
    [from],
  );
const totalMessages = async () => (await p.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM conversation_messages'))[0]!.n;

beforeAll(async () => {
  fake = await new FakeWechatApi(APPID, SECRET).start();
  p = await createTestPlatform({
    env: { WECHAT_TOKEN: TOKEN, WECHAT_APPID: APPID, WECHAT_APPSECRET: SECRET, WECHAT_AES_KEY: AES_KEY, WECHAT_API_BASE: fake.url, WECHAT_TEMPLATE_ID: TEMPLATE, WECHAT_REPLY_BUDGET_MS: '3000' },
  });
  wx = new WechatPeer(p.app, { token: TOKEN, appId: APPID, aesKey: AES_KEY, path: WECHAT_PATH });
});
afterAll(async () => {
  await p?.close();
  await fake?.close();
});

describe('URL verification', () => {
  it('echoes echostr when the signature is sha1 of the sorted token, timestamp and nonce', async () => {
    const res = await wx.verifyUrl({ echostr: '8812345' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('8812345');
  });

  it('refuses a wrong signature with 401 WECHAT_SIGNATURE_INVALID', async () => {
    const res = await wx.verifyUrl({ signature: 'a'.repeat(40) });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('WECHAT_SIGNATURE_INVALID');
  });
});

describe('messages in plain mode', () => {
  it('a text is stored, handed over to the agents, and answered passively within the request', async () => {
    const from = openid(1);
    const res = await wx.plain(text(from, '小区门口的路灯坏了好几天'));
    expect(res.statusCode).toBe(200);
    expect(field(res.body, 'ToUserName')).toBe(from);
    expect(field(res.body, 'FromUserName')).toBe(GH);
    expect(field(res.body, 'MsgType')).toBe('text');
    expect(field(res.body, 'Content')).toBe(HANDOVER_TEXT);
    const msgs = await stored(from);
    expect(msgs.map((m) => [m.direction, m.author, m.text])).toEqual([
      ['in', 'citizen', '小区门口的路灯坏了好几天'],
      ['out', 'system', HANDOVER_TEXT],
    ]);
    expect(msgs[1]!.delivery).toBe('sent');
    const [conv] = await p.ctx.db.query<{ state: string }>('SELECT state FROM conversations WHERE identity_value = $1', [from]);
    expect(conv!.state).toBe('waiting');
  });

  it('each message type is stored with its details', async () => {
    const from = openid(2);
    const base = { ToUserName: GH, FromUserName: from, CreateTime: now() };
    fake.addMedia('media-image-001', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4]), 'image/jpeg');
    fake.addMedia('media-video-001', Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypmp42'), Buffer.alloc(20)]), 'video/mp4');
    const pushes = [
      { ...base, MsgType: 'image', PicUrl: 'http://mmbiz.example/pic1', MediaId: 'media-image-001', MsgId: '7000000000000000001' },
      { ...base, MsgType: 'voice', MediaId: 'media-voice-001', Format: 'amr', MsgId: '7000000000000000002' },
      { ...base, MsgType: 'video', MediaId: 'media-video-001', ThumbMediaId: 'thumb-001', MsgId: '7000000000000000003' },
      { ...base, MsgType: 'shortvideo', MediaId: 'media-video-002', ThumbMediaId: 'thumb-002', MsgId: '7000000000000000004' },
      { ...base, MsgType: 'location', Location_X: '28.228', Location_Y: '112.939', Scale: '15', Label: '某区某路88号', MsgId: '7000000000000000005' },
      { ...base, MsgType: 'link', Title: '一篇文章', Description: '文章摘要', Url: 'https://example.org/a', MsgId: '7000000000000000006' },
    ];
    for (const push of pushes) expect((await wx.plain(WechatPeer.xml(push))).statusCode).toBe(200);
    const msgs = (await stored(from)).filter((m) => m.direction === 'in');
    expect(msgs.map((m) => m.kind)).toEqual(['image', 'voice', 'video', 'video', 'location', 'link']);
    expect(msgs[0]!.data).toMatchObject({ mediaId: 'media-image-001', picUrl: 'http://mmbiz.example/pic1' });
    expect(msgs[1]!.data).toMatchObject({ mediaId: 'media-voice-001', format: 'amr' });
    expect(msgs[3]!.data).toMatchObject({ short: true, thumbMediaId: 'thumb-002' });
    expect(msgs[4]).toMatchObject({ text: '某区某路88号', data: { lat: 28.228, lng: 112.939, scale: 15 } });
    expect(msgs[5]).toMatchObject({ text: '一篇文章', data: { url: 'https://example.org/a', description: '文章摘要' } });
    // The photo is fetched from WeChat's media API into the attachment store.
    await vi.waitFor(async () => expect((await stored(from))[0]!.attachment_id).toBeTruthy());
    const [att] = await p.ctx.db.query<{ mime: string; size: number }>('SELECT mime, size FROM attachments WHERE id = $1', [(await stored(from))[0]!.attachment_id]);
    expect(att).toEqual({ mime: 'image/jpeg', size: 8 });
    // A video comes as a video_url to download; a media id WeChat does not know leaves the message without a file.
    const inbound = async () => (await stored(from)).filter((m) => m.direction === 'in');
    await vi.waitFor(async () => expect((await inbound())[2]!.attachment_id).toBeTruthy());
    const [vid] = await p.ctx.db.query<{ mime: string }>('SELECT mime FROM attachments WHERE id = $1', [(await inbound())[2]!.attachment_id]);
    expect(vid!.mime).toBe('video/mp4');
    expect((await inbound())[1]!.attachment_id).toBeNull();
  });

  it('events: subscribe is greeted, CLICK runs the menu command, VIEW is recorded, unsubscribe ends the conversation', async () => {
    const from = openid(3);
    const ev = (Event: string, extra: Record<string, string> = {}, t = now()) => WechatPeer.xml({ ToUserName: GH, FromUserName: from, CreateTime: t, MsgType: 'event', Event, ...extra });
    const sub = await wx.plain(ev('subscribe', { EventKey: '' }));
    expect(field(sub.body, 'Content')).toBe(WELCOME_TEXT);
    p.clock.advance(1000);
    const click = await wx.plain(ev('CLICK', { EventKey: 'QUERY_ORDERS' }));
    expect(field(click.body, 'Content')).toContain('暂未查到与您关联的工单');
    p.clock.advance(1000);
    expect((await wx.plain(ev('VIEW', { EventKey: 'https://example.org/guide' }))).body).toBe('success');
    p.clock.advance(1000);
    expect((await wx.plain(ev('unsubscribe'))).body).toBe('success');
    const msgs = (await stored(from)).filter((m) => m.direction === 'in');
    expect(msgs.map((m) => m.data?.event)).toEqual(['subscribe', 'CLICK', 'VIEW', 'unsubscribe']);
    const convs = await p.ctx.db.query<{ state: string }>('SELECT state FROM conversations WHERE identity_value = $1', [from]);
    expect(convs.map((c) => c.state)).toEqual(['closed']);
  });

  it('a retried message (same MsgId) is stored once and gets the same passive answer', async () => {
    const from = openid(4);
    const xml = text(from, '查询', '7100000000000000001');
    const first = await wx.plain(xml);
    const again = await wx.plain(xml);
    expect(field(again.body, 'Content')).toBe(field(first.body, 'Content'));
    expect((await stored(from)).filter((m) => m.direction === 'in')).toHaveLength(1);
    // Events have no MsgId: the sender and CreateTime identify a retry.
    const sub = WechatPeer.xml({ ToUserName: GH, FromUserName: from, CreateTime: 1795399999, MsgType: 'event', Event: 'subscribe' });
    await wx.plain(sub);
    await wx.plain(sub);
    expect((await stored(from)).filter((m) => m.data?.event === 'subscribe')).toHaveLength(1);
  });
});

describe('safe mode (AES)', () => {
  it('decrypts a message encrypted as WeChat does and answers encrypted, signed with msg_signature', async () => {
    const from = openid(5);
    const res = await wx.safe(text(from, '转人工'));
    expect(res.statusCode).toBe(200);
    const inner = wx.openSafeReply(res.body);
    expect(field(inner, 'ToUserName')).toBe(from);
    expect(field(inner, 'Content')).toBe(HANDOVER_TEXT);
    expect((await stored(from))[0]!.text).toBe('转人工');
  });

  it('a wrong msg_signature → 401; ciphertext under another key → 400 WECHAT_DECRYPT_FAILED; another appid → 400; nothing stored', async () => {
    const before = await totalMessages();
    const xml = text(openid(6), '你好');
    const badSig = await wx.safe(xml, { msgSignature: 'b'.repeat(40) });
    expect([badSig.statusCode, badSig.json().error.code]).toEqual([401, 'WECHAT_SIGNATURE_INVALID']);
    const other = new WechatPeer(p.app, { token: TOKEN, appId: APPID, aesKey: 'Z'.repeat(43), path: WECHAT_PATH });
    const wrongKey = await wx.safe(xml, { encrypt: other.encrypt(xml) });
    expect([wrongKey.statusCode, wrongKey.json().error.code]).toEqual([400, 'WECHAT_DECRYPT_FAILED']);
    const notBase64 = await wx.safe(xml, { encrypt: 'not-base64-at-all!' });
    expect([notBase64.statusCode, notBase64.json().error.code]).toEqual([400, 'WECHAT_DECRYPT_FAILED']);
    const wrongApp = await wx.safe(xml, { appId: 'wx0000000000000000' });
    expect([wrongApp.statusCode, wrongApp.json().error.code]).toEqual([400, 'WECHAT_DECRYPT_FAILED']);
    expect(await totalMessages()).toBe(before);
  });
});

describe('bad requests', () => {
  it('bad signature → 401, malformed XML → 400, a DTD → 400, missing fields → 400, oversized → 413; nothing stored', async () => {
    const before = await totalMessages();
    const xml = text(openid(7), '你好');
    const cases = [
      [await wx.plain(xml, { signature: 'c'.repeat(40) }), 401, 'WECHAT_SIGNATURE_INVALID'],
      [await wx.plain('<xml><ToUserName>gh</ToUserName><Content>unclosed'), 400, 'WECHAT_MESSAGE_MALFORMED'],
      [await wx.plain('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><xml><Content>&a;</Content></xml>'), 400, 'WECHAT_MESSAGE_MALFORMED'],
      [await wx.plain(WechatPeer.xml({ ToUserName: GH, MsgType: 'text', Content: 'x' })), 400, 'WECHAT_MESSAGE_MALFORMED'],
      [await wx.plain(text('not an openid!', '你好')), 400, 'WECHAT_MESSAGE_MALFORMED'],
      [await wx.plain(text(openid(7), 'x'.repeat(70 * 1024))), 413, 'PAYLOAD_TOO_LARGE'],
    ] as const;
    for (const [res, status, code] of cases) expect([res.statusCode, res.json().error.code]).toEqual([status, code]);
    expect(await totalMessages()).toBe(before);
  });
});

describe('asynchronous answers and agents through the WeChat API', () => {
  it('an answer not ready within the budget: "success" now, the customer-service API later; the token is fetched once', async () => {
    const service = conversationServiceFor(p.ctx);
    const original = service.responder;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const slow: Responder = { answer: async () => (await gate, { kind: 'answer', text: '这是稍后送达的答复。' }) };
    service.responder = slow;
    try {
      const from = openid(8);
      const res = await wx.plain(text(from, '办理居住证需要什么材料'));
      expect(res.body).toBe('success');
      release();
      await vi.waitFor(() => expect(fake.customMessages.find((m) => m.touser === from)?.text?.content).toBe('这是稍后送达的答复。'));
      await vi.waitFor(async () => expect((await stored(from)).at(-1)!.delivery).toBe('sent'));
    } finally {
      service.responder = original;
    }
    expect(fake.tokenRequests).toBe(1);
  });

  it('an agent’s reply goes out as a customer-service message; an expired token is fetched again once', async () => {
    const from = openid(9);
    await wx.plain(text(from, '我要投诉噪音'));
    const agent = client(p.app, await p.login('agent02'));
    const [conv] = await p.ctx.db.query<{ id: string }>('SELECT id FROM conversations WHERE identity_value = $1', [from]);
    expect((await agent.post(`/api/v1/inbox/conversations/${conv!.id}/take`)).status).toBe(200);
    fake.expireTokens();
    const before = fake.tokenRequests;
    const res = await agent.post(`/api/v1/inbox/conversations/${conv!.id}/messages`, { text: '您好，请提供噪音的具体位置和时间段。' });
    expect(res.status).toBe(201);
    expect(res.body.delivery).toBe('sent');
    expect(fake.customMessages.filter((m) => m.touser === from).map((m) => m.text?.content)).toEqual(['人工客服已接入，请问有什么可以帮您？', '您好，请提供噪音的具体位置和时间段。']);
    expect(fake.tokenRequests).toBe(before + 1);
    // Outside WeChat's 48-hour window the API refuses: the message is kept, marked failed with the reason.
    fake.failFor.set(from, 45015);
    const late = await agent.post(`/api/v1/inbox/conversations/${conv!.id}/messages`, { text: '还在吗？' });
    expect(late.body.delivery).toBe('failed');
    expect(late.body.deliveryError).toContain('45015');
    fake.failFor.delete(from);
    expect((await agent.post(`/api/v1/inbox/conversations/${conv!.id}/messages/${late.body.id}/resend`)).body.delivery).toBe('sent');
    await agent.post(`/api/v1/inbox/conversations/${conv!.id}/close`);
  });
});

describe('orders bound to the openid', () => {
  it('a work order made from the conversation is listed by 查询 and its status changes arrive as template messages', async () => {
    const from = openid(10);
    await wx.plain(text(from, '枫林路井盖缺失，很危险'));
    const agent = client(p.app, await p.login('agent03'));
    const [conv] = await p.ctx.db.query<{ id: string }>('SELECT id FROM conversations WHERE identity_value = $1', [from]);
    await agent.post(`/api/v1/inbox/conversations/${conv!.id}/take`);
    const made = await agent.post(`/api/v1/inbox/conversations/${conv!.id}/work-orders`, { type: 'report', citizen: { name: '王女士', phone: '13900001111' } });
    expect(made.status).toBe(201);
    const told = fake.customMessages.filter((m) => m.touser === from).at(-1)!.text!.content;
    expect(told).toContain(made.body.trackingNumber);
    // While an agent holds the conversation the agent answers; after it closes the bot does again.
    expect((await agent.post(`/api/v1/inbox/conversations/${conv!.id}/close`)).status).toBe(200);

    const query = await wx.plain(text(from, '查询'));
    expect(field(query.body, 'Content')).toContain(made.body.trackingNumber);
    expect(field(query.body, 'Content')).toContain('已受理');

    const dispatcher = client(p.app, await p.login('dispatcher'));
    const housing = p.ids.departments.get('A市住房和城乡建设局')!;
    expect((await dispatcher.act(made.body.id, 'dispatch', { leadDepartmentId: housing })).status).toBe(200);
    await vi.waitFor(() => expect(fake.templateMessages.filter((m) => m.touser === from)).toHaveLength(1));
    const t = fake.templateMessages.find((m) => m.touser === from)!;
    expect(t.template_id).toBe(TEMPLATE);
    expect(t.data.character_string1!.value).toBe(made.body.trackingNumber);
    expect(t.data.phrase2!.value).toBe('办理中');
    // Accepting changes nothing the citizen would call different: no second notice.
    const handler = client(p.app, await p.login('handler'));
    expect((await handler.act(made.body.id, 'accept')).status).toBe(200);
    await new Promise((r) => setTimeout(r, 50));
    expect(fake.templateMessages.filter((m) => m.touser === from)).toHaveLength(1);
  });

  it('绑定 with tracking number and query code links an order registered by phone; a wrong code does not', async () => {
    const from = openid(11);
    const agent = client(p.app, await p.login('agent'));
    const order = (await agent.post('/api/v1/work-orders', newOrder({ citizen: { name: '赵先生', phone: '13700002222' } }))).body;
    const wrong = await wx.plain(text(from, `绑定 ${order.trackingNumber} 000000`));
    expect(field(wrong.body, 'Content')).toContain('绑定失败');
    const bound = await wx.plain(text(from, `绑定 ${order.trackingNumber} ${order.queryCode}`));
    expect(field(bound.body, 'Content')).toContain(order.trackingNumber);
    const query = await wx.plain(text(from, '查询'));
    expect(field(query.body, 'Content')).toContain(order.trackingNumber);
  });
});
