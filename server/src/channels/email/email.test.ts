import nodemailer, { type SendMailOptions } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, type TestPlatform } from '../../testing/testPlatform.ts';
import { client } from '../../testing/http.ts';
import { HANDOVER_TEXT } from '../../conversations/index.ts';
import { AGENT_JOINED_TEXT } from '../../conversations/inbox.ts';
import { startEmailChannel, type EmailReceiver } from './receiver.ts';
import { Mailer } from './mailer.ts';
import { CaptureRelay } from './testing/captureRelay.ts';
import { SmtpDialog } from './testing/smtpDialog.ts';

const DOMAIN = 'hotline.example.cn';
const MAX = 300_000;
let p: TestPlatform;
let relay: CaptureRelay;
let receiver: EmailReceiver;
let transport: nodemailer.Transporter;
let n = 0;

const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(3000, 9)]);
const msgId = () => `<citizen-${++n}-${Date.now()}@example.org>`;
const send = (m: SendMailOptions) => transport.sendMail({ to: `hello@${DOMAIN}`, ...m });
const bare = (id: string | undefined) => (id ?? '').replace(/^<|>$/g, '');
const mailRow = (id: string) =>
  p.ctx.db.query<{ outcome: string; reason: string | null; conversation_id: string | null; work_order_id: string | null }>(
    'SELECT outcome, reason, conversation_id, work_order_id FROM mail_messages WHERE message_id = $1',
    [bare(id)],
  );
const messagesOf = (conversationId: string) =>
  p.ctx.db.query<{ kind: string; text: string; author: string; direction: string; attachment_id: string | null; delivery: string | null; delivery_error: string | null }>(
    'SELECT kind, text, author, direction, attachment_id, delivery, delivery_error FROM conversation_messages WHERE conversation_id = $1 ORDER BY seq',
    [conversationId],
  );

beforeAll(async () => {
  relay = await new CaptureRelay().start();
  p = await createTestPlatform({
    env: {
      SMTP_PORT: '0', SMTP_HOST: '127.0.0.1', MAIL_DOMAIN: DOMAIN, SMTP_RELAY_URL: relay.url, MAIL_MAX_BYTES: String(MAX),
      ATTACHMENT_MAX_BYTES: '50000', MAIL_SENDER_MAX_PER_HOUR: '5',
    },
  });
  receiver = (await startEmailChannel(p.ctx))!;
  transport = nodemailer.createTransport({ host: '127.0.0.1', port: receiver.port, secure: false, ignoreTLS: true });
});
afterAll(async () => {
  transport?.close();
  await receiver?.close();
  await p?.close();
  await relay?.close();
});

describe('the SMTP receiver', () => {
  it('greets, advertises SIZE, refuses other domains at RCPT with 550 and a declared oversize at MAIL FROM with 552', async () => {
    const { dialog, greeting } = await SmtpDialog.open(receiver.port);
    try {
      expect(greeting).toMatch(/^220 /);
      const ehlo = await dialog.send('EHLO tester.example.org');
      expect(ehlo).toMatch(new RegExp(`250[- ]SIZE ${MAX}\r\n`));
      expect(ehlo).not.toMatch(/STARTTLS|AUTH/);
      expect(await dialog.send(`MAIL FROM:<a@example.org> SIZE=${MAX + 1}`)).toMatch(/^552 /);
      expect(await dialog.send('MAIL FROM:<a@example.org>')).toMatch(/^250 /);
      expect(await dialog.send('RCPT TO:<someone@gmail.example>')).toMatch(/^550 5\.7\.1 Relaying denied/);
      expect(await dialog.send(`RCPT TO:<anything@${DOMAIN.toUpperCase()}>`)).toMatch(/^250 /);
    } finally {
      dialog.close();
    }
    await expect(send({ from: 'x1@example.org', to: 'victim@other.example', subject: 'relay?', text: 'hi' })).rejects.toMatchObject({ responseCode: 550 });
  });

  it('a message over MAIL_MAX_BYTES is refused with 552 at the end of DATA and nothing is kept', async () => {
    const before = (await p.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM mail_messages'))[0]!.n;
    const { dialog } = await SmtpDialog.open(receiver.port);
    try {
      await dialog.send('EHLO tester.example.org');
      expect(await dialog.send('MAIL FROM:<big@example.org>')).toMatch(/^250 /);
      expect(await dialog.send(`RCPT TO:<hello@${DOMAIN}>`)).toMatch(/^250 /);
      expect(await dialog.send('DATA')).toMatch(/^354 /);
      const line = `${'x'.repeat(998)}\r\n`;
      dialog.write(`From: big@example.org\r\nSubject: big\r\nMessage-ID: <big-1@example.org>\r\n\r\n${line.repeat(Math.ceil(MAX / line.length) + 10)}`);
      expect(await dialog.send('.')).toMatch(/^552 5\.3\.4 /);
    } finally {
      dialog.close();
    }
    expect((await p.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM mail_messages'))[0]!.n).toBe(before);
  });
});

describe('mail to a conversation address', () => {
  it('opens a conversation; the bot’s answer, the citizen’s reply and the agent’s reply thread by Message-ID', async () => {
    const first = msgId();
    await send({ from: '"刘女士" <liu@example.org>', subject: '公园路灯不亮', text: '公园东门的路灯已经坏了一周。', messageId: first });
    const [row] = await mailRow(first);
    expect(row).toMatchObject({ outcome: 'conversation', reason: null });
    const conv = row!.conversation_id!;
    const [c] = await p.ctx.db.query<{ channel: string; identity_kind: string; identity_value: string; thread_key: string }>(
      'SELECT channel, identity_kind, identity_value, thread_key FROM conversations WHERE id = $1',
      [conv],
    );
    expect(c).toEqual({ channel: 'email', identity_kind: 'email', identity_value: 'liu@example.org', thread_key: `mail:${bare(first)}` });
    const [citizen] = await p.ctx.db.query<{ name: string }>('SELECT z.name FROM citizens z JOIN conversations c ON c.citizen_id = z.id WHERE c.id = $1', [conv]);
    expect(citizen!.name).toBe('刘女士');

    // The handover notice goes out through the relay as an answer to the citizen's mail.
    await expect.poll(() => relay.to('liu@example.org').length).toBe(1);
    const notice = relay.to('liu@example.org')[0]!.mail;
    expect(notice.text).toContain(HANDOVER_TEXT);
    expect(notice.subject).toBe('Re: 公园路灯不亮');
    expect(notice.inReplyTo).toBe(first);
    expect(notice.headers.get('auto-submitted')).toBe('auto-replied');
    expect(notice.headers.get('x-loop')).toBe(`12345@${DOMAIN}`);
    expect(notice.from?.value[0]?.address).toBe(`12345@${DOMAIN}`);
    // Our own Message-ID is what we recorded.
    expect(await mailRow(notice.messageId!)).toEqual([expect.objectContaining({ conversation_id: conv })]);

    // The citizen answers our mail: the same conversation, the quoted text cut off.
    const second = msgId();
    await send({
      from: 'liu@example.org', subject: 'Re: 公园路灯不亮', messageId: second, inReplyTo: notice.messageId, references: [first, notice.messageId!],
      text: '补充：晚上七点以后整条路都是黑的。\n\n在 2026年11月23日 09:00，12345 写道：\n> 正在为您转接人工客服',
    });
    expect((await mailRow(second))[0]!.conversation_id).toBe(conv);
    const texts = (await messagesOf(conv)).filter((m) => m.direction === 'in').map((m) => m.text);
    expect(texts).toEqual(['【公园路灯不亮】\n公园东门的路灯已经坏了一周。', '补充：晚上七点以后整条路都是黑的。']);

    // An agent takes it and answers: a person's mail, not marked automatic, answering the latest mail.
    const agent = client(p.app, await p.login('agent'));
    expect((await agent.post(`/api/v1/inbox/conversations/${conv}/take`)).status).toBe(200);
    await expect.poll(() => relay.to('liu@example.org').length).toBe(2);
    expect(relay.to('liu@example.org')[1]!.mail.text).toContain(AGENT_JOINED_TEXT);
    const reply = await agent.post(`/api/v1/inbox/conversations/${conv}/messages`, { text: '已通知城管部门今晚检修。' });
    expect(reply.body.delivery).toBe('sent');
    const answer = relay.to('liu@example.org')[2]!.mail;
    expect(answer.text).toContain('已通知城管部门今晚检修。');
    expect(answer.headers.has('auto-submitted')).toBe(false);
    expect(answer.references).toEqual(expect.arrayContaining([first, second]));
  });

  it('attachments: a photo is kept and sniffed; a program and an oversize file are named but not kept', async () => {
    const id = msgId();
    await send({
      from: 'zhou@example.org', subject: '占道经营', text: '见照片。', messageId: id,
      attachments: [
        { filename: '现场.jpg', content: jpeg, contentType: 'image/jpeg' },
        { filename: 'tool.exe', content: Buffer.from('MZ\x90\x00 not a picture'), contentType: 'application/octet-stream' },
        { filename: 'huge.jpg', content: Buffer.concat([jpeg, Buffer.alloc(60_000)]), contentType: 'image/jpeg' },
        { filename: 'second.png', content: Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47]), Buffer.alloc(100)]), contentType: 'image/png' },
      ],
    });
    const conv = (await mailRow(id))[0]!.conversation_id!;
    const msgs = (await messagesOf(conv)).filter((m) => m.direction === 'in');
    expect(msgs.map((m) => m.kind)).toEqual(['image', 'image']);
    expect(msgs[0]!.text).toContain('见照片。');
    expect(msgs[0]!.text).toContain('tool.exe（类型不支持）');
    expect(msgs[0]!.text).toContain('huge.jpg（超过大小限制）');
    expect(msgs[1]!.text).toBe('second.png');
    const [att] = await p.ctx.db.query<{ mime: string; size: number; file_name: string }>('SELECT mime, size, file_name FROM attachments WHERE id = $1', [msgs[0]!.attachment_id]);
    expect(att).toEqual({ mime: 'image/jpeg', size: jpeg.length, file_name: '现场.jpg' });
    // Files go to a person: one "received" notice, no bot answer.
    await expect.poll(async () => (await messagesOf(conv)).filter((m) => m.direction === 'out').length).toBe(1);
  });

  it('a reply naming another citizen’s mail does not join their conversation; a redelivered Message-ID is stored once', async () => {
    const theirs = msgId();
    await send({ from: 'owner@example.org', subject: '噪音', text: '楼上装修太吵。', messageId: theirs });
    const intruder = msgId();
    await send({ from: 'intruder@example.org', subject: 'Re: 噪音', text: '我也想看看。', messageId: intruder, inReplyTo: theirs, references: [theirs] });
    const [a, b] = [(await mailRow(theirs))[0]!.conversation_id, (await mailRow(intruder))[0]!.conversation_id];
    expect(b).not.toBe(a);
    await send({ from: 'owner@example.org', subject: '噪音', text: '楼上装修太吵。', messageId: theirs });
    expect((await messagesOf(a!)).filter((m) => m.direction === 'in')).toHaveLength(1);
  });
});

describe('mail to the appeal address', () => {
  it('registers a work order, acknowledges it with number and code, adds a reply as a note, and mails status changes', async () => {
    const id = msgId();
    await send({
      from: '"陈先生" <chen@example.org>', to: `Appeal@${DOMAIN}`, subject: '小区垃圾清运不及时', messageId: id,
      text: '某某小区垃圾桶已经三天没人清运，气味很大。联系电话 13922223333。',
      attachments: [{ filename: 'bins.jpg', content: jpeg, contentType: 'image/jpeg' }],
    });
    const [row] = await mailRow(id);
    expect(row!.outcome).toBe('workOrder');
    const orderId = row!.work_order_id!;
    const [o] = await p.ctx.db.query<Record<string, unknown>>(
      'SELECT channel, title, content, citizen_name, citizen_phone, citizen_email, status, tracking_number, query_code, source_ref FROM work_orders WHERE id = $1',
      [orderId],
    );
    expect(o).toMatchObject({
      channel: 'email', title: '小区垃圾清运不及时', citizen_name: '陈先生', citizen_phone: '13922223333', citizen_email: 'chen@example.org', status: 'registered', source_ref: `email:${bare(id)}`,
    });
    expect(o!.content).toContain('三天没人清运');
    expect(await p.ctx.db.query('SELECT mime FROM attachments WHERE work_order_id = $1', [orderId])).toEqual([{ mime: 'image/jpeg' }]);

    await expect.poll(() => relay.to('chen@example.org').length).toBe(1);
    const ack = relay.to('chen@example.org')[0]!.mail;
    expect(ack.text).toContain(`工单编号 ${o!.tracking_number}`);
    expect(ack.text).toContain(`查询码 ${o!.query_code}`);
    expect(ack.inReplyTo).toBe(id);
    expect(ack.headers.get('auto-submitted')).toBe('auto-replied');

    // The citizen answers the acknowledgement: a note on the order's timeline, with the new photo.
    const more = msgId();
    await send({
      from: 'chen@example.org', to: `appeal@${DOMAIN}`, subject: `Re: ${ack.subject}`, messageId: more, inReplyTo: ack.messageId, references: [id, ack.messageId!],
      text: '今天又多了两袋。\n\n-----原始邮件-----\n发件人: 12345', attachments: [{ filename: 'more.jpg', content: jpeg, contentType: 'image/jpeg' }],
    });
    expect((await mailRow(more))[0]).toMatchObject({ outcome: 'note', work_order_id: orderId });
    const [note] = await p.ctx.db.query<{ note: string; actor_name: string }>(`SELECT note, actor_name FROM work_order_events WHERE work_order_id = $1 AND action = 'note'`, [orderId]);
    expect(note).toEqual({ note: '市民来信补充（chen@example.org）：\n今天又多了两袋。', actor_name: '电子邮件' });
    expect(await p.ctx.db.query('SELECT count(*)::int AS n FROM attachments WHERE work_order_id = $1', [orderId])).toEqual([{ n: 2 }]);

    // A status change the citizen would notice is mailed, in the order's thread.
    const dispatcher = client(p.app, await p.login('dispatcher'));
    expect((await dispatcher.act(orderId, 'dispatch', { leadDepartmentId: p.ids.departments.get('A市城市管理和综合执法局')! })).status).toBe(200);
    await expect.poll(() => relay.to('chen@example.org').length).toBe(2);
    const status = relay.to('chen@example.org')[1]!.mail;
    expect(status.subject).toBe(`【12345】工单${o!.tracking_number}办理中`);
    expect(status.headers.get('auto-submitted')).toBe('auto-generated');
    expect(status.references).toEqual(expect.arrayContaining([id, ack.messageId]));
    await expect.poll(() => p.ctx.db.query(`SELECT kind, status FROM channel_notifications WHERE work_order_id = $1 AND channel = 'email' ORDER BY created_at, kind`, [orderId])).toEqual([
      { kind: 'registered', status: 'sent' },
      { kind: 'status', status: 'sent' },
    ]);
  });
});

describe('loop and flood protection', () => {
  const ignored: [string, Record<string, string>, string][] = [
    ['auto-submitted', { 'Auto-Submitted': 'auto-replied' }, 'ooo1@example.org'],
    ['precedence', { Precedence: 'bulk' }, 'news@example.org'],
    ['auto-reply', { 'X-Autoreply': 'yes' }, 'ooo2@example.org'],
    ['auto-reply', { 'X-Auto-Response-Suppress': 'All' }, 'ooo3@example.org'],
    ['list', { 'List-Id': '<residents.lists.example.org>' }, 'list@example.org'],
    ['loop', { 'X-Loop': `12345@${DOMAIN}` }, 'fwd@example.org'],
  ];
  it.each(ignored)('ignores mail with %s headers: accepted, recorded, nothing opened or answered', async (reason, headers, from) => {
    const id = msgId();
    await send({ from, subject: '自动回复: 您的来信', text: '我正在休假。', messageId: id, headers });
    expect(await mailRow(id)).toEqual([{ outcome: 'ignored', reason, conversation_id: null, work_order_id: null }]);
    expect(relay.to(from)).toEqual([]);
  });

  it('ignores mail from our own domain, from a mailer-daemon, and bounces with the null sender', async () => {
    const own = msgId();
    await send({ from: `12345@${DOMAIN}`, subject: 'Re: x', text: 'echo', messageId: own });
    const daemon = msgId();
    await send({ from: 'MAILER-DAEMON@mx.example.org', subject: 'Undelivered Mail', text: 'failed', messageId: daemon });
    const { dialog } = await SmtpDialog.open(receiver.port);
    try {
      await dialog.send('EHLO mx.example.org');
      expect(await dialog.send('MAIL FROM:<>')).toMatch(/^250 /);
      expect(await dialog.send(`RCPT TO:<hello@${DOMAIN}>`)).toMatch(/^250 /);
      expect(await dialog.send('DATA')).toMatch(/^354 /);
      dialog.write('From: someone@example.org\r\nSubject: Delivery Status Notification\r\nMessage-ID: <dsn-1@mx.example.org>\r\n\r\nYour message could not be delivered.\r\n');
      expect(await dialog.send('.')).toMatch(/^250 /);
    } finally {
      dialog.close();
    }
    expect((await mailRow(own))[0]!.reason).toBe('own-address');
    expect((await mailRow(daemon))[0]!.reason).toBe('mailer-daemon');
    expect((await mailRow('dsn-1@mx.example.org'))[0]!.reason).toBe('bounce');
  });

  it('a sender over MAIL_SENDER_MAX_PER_HOUR gets 450 (try later) until the hour has passed', async () => {
    const from = 'flood@example.org';
    for (let i = 0; i < 5; i++) await send({ from, subject: `第${i}封`, text: '内容', messageId: msgId() });
    const refused = msgId();
    await expect(send({ from, subject: '第6封', text: '内容', messageId: refused })).rejects.toMatchObject({ responseCode: 450 });
    expect(await mailRow(refused)).toEqual([]);
    p.clock.advance(3600_000 + 1000);
    await send({ from, subject: '第6封', text: '内容', messageId: refused });
    expect((await mailRow(refused))[0]!.outcome).toBe('conversation');
  });
});

describe('outgoing mail without a relay', () => {
  it('is logged and reported as not sent, with its Message-ID still recorded', async () => {
    const logs: unknown[] = [];
    const mailer = new Mailer({ ...p.ctx, env: { ...p.ctx.env, SMTP_RELAY_URL: undefined } }, (e) => logs.push(e));
    const res = await mailer.send({ to: 'nobody@example.org', subject: 'x', text: 'y', outcome: 'notification' });
    expect(res).toMatchObject({ status: 'not_sent', error: expect.stringContaining('SMTP_RELAY_URL') });
    expect(await mailRow(res.messageId)).toHaveLength(1);
    expect(String(logs[0])).toContain('not sent');
  });
});
