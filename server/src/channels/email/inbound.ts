// What happens to a mail the receiver accepted: mail nobody wrote is recorded and dropped; a reply
// (In-Reply-To/References naming one of our mails, from the same address) goes to that conversation
// or work order; a new mail to the appeal address registers a work order and is acknowledged with
// the tracking number and query code; any other new mail opens a conversation.
import { createHash } from 'node:crypto';
import { simpleParser, type Attachment, type ParsedMail } from 'mailparser';
import type { AppealType } from '@hotline/shared';
import type { Ctx } from '../../context.ts';
import { AppError } from '../../errors.ts';
import type { ConversationService, MessageKind } from '../../conversations/index.ts';
import { normalizeIdentity } from '../../citizens/identity.ts';
import { sniffMime } from '../../attachments/attachmentStore.ts';
import { SYSTEM_ACTOR_ID, systemActor } from '../../auth/systemActor.ts';
import { WorkOrderService } from '../../workorders/service.ts';
import { findById } from '../../workorders/repository.ts';
import { suggestAppealType } from '../../intelligence/routing/appealType.ts';
import { ignoreReason } from './autoMail.ts';
import type { Mailer } from './mailer.ts';
import { bareId, findThread, referencedIds, replySubject } from './thread.ts';

/** An SMTP answer other than 250 for the end of DATA. */
export class SmtpReply extends Error {
  constructor(
    readonly responseCode: number,
    message: string,
  ) {
    super(message);
  }
}

export interface Envelope {
  mailFrom: string;
  rcptTo: string[];
}

export type MailOutcome =
  | { outcome: 'duplicate' | 'ignored'; messageId: string; reason?: string }
  | { outcome: 'conversation'; messageId: string; conversationId: string }
  | { outcome: 'workOrder' | 'note'; messageId: string; workOrderId: string };

const MAX_ATTACHMENTS = 10;
const NOTE_MAX = 2000;
const CONTENT_MAX = 5000;
const MOBILE_IN_TEXT = /(?<!\d)1[3-9]\d{9}(?!\d)/;
// Where the quoted original starts in common mail programs (English and Chinese).
const QUOTE_START = /^(On .{4,200} wrote:|在.{2,200}写道[:：]|-{3,}\s*(Original Message|原始邮件|原邮件)\s*-{3,}|发件人[:：].*|From: .*)$/;

export const ackText = (trackingNumber: string, queryCode: string) =>
  `您好！您的来信已受理，工单编号 ${trackingNumber}，查询码 ${queryCode}。\n凭工单编号和查询码可在12345网站查询办理进度、查看答复并评价；直接回复本邮件可补充情况。\n\n——\n12345政务服务便民热线`;

/** The citizen's own words of a reply: the quoted original below them is cut off. */
export function ownText(text: string, isReply: boolean): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  if (isReply) {
    const cut = lines.findIndex((l) => QUOTE_START.test(l.trim()));
    if (cut >= 0) lines.length = cut;
  }
  return lines
    .filter((l) => !(isReply && l.startsWith('>')))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

const kindOf = (mime: string): MessageKind => (mime.startsWith('image/') ? 'image' : mime.startsWith('video/') ? 'video' : mime.startsWith('audio/') ? 'voice' : 'file');

interface Stored {
  id: string;
  mime: string;
  fileName: string;
}

export class MailInbound {
  private readonly orders: WorkOrderService;

  constructor(
    private readonly ctx: Ctx,
    private readonly conversations: ConversationService,
    private readonly mailer: Mailer,
    private readonly log: (err: unknown) => void,
  ) {
    this.orders = new WorkOrderService(ctx);
  }

  get appealAddress(): string {
    return `${this.ctx.env.MAIL_APPEAL_LOCAL_PART}@${this.ctx.env.MAIL_DOMAIN}`.toLowerCase();
  }

  async handle(raw: Buffer, envelope: Envelope): Promise<MailOutcome> {
    const { env, db } = this.ctx;
    const mail = await simpleParser(raw, { skipImageLinks: true, skipTextLinks: true });
    const messageId = bareId(mail.messageId) ?? `no-id-${createHash('sha256').update(raw).digest('hex').slice(0, 32)}@${env.MAIL_DOMAIN}`;
    const sender = mail.from?.value.find((a) => a.address)?.address?.trim().toLowerCase() ?? null;
    const from = sender && validEmail(sender) ? sender : null;
    const subject = (mail.subject ?? '').replace(/\s+/g, ' ').trim().slice(0, 200);
    const now = this.ctx.clock.now();

    const reason = ignoreReason({
      headers: mail.headers as Map<string, unknown>,
      from,
      envelopeFrom: envelope.mailFrom,
      ownDomain: env.MAIL_DOMAIN,
      loopToken: this.mailer.loopToken,
    });
    if (reason) {
      const fresh = await this.claim(messageId, from ?? sender ?? '', subject, 'ignored', reason);
      return { outcome: fresh ? 'ignored' : 'duplicate', messageId, reason };
    }
    const address = from!;
    const [{ n }] = (await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM mail_messages WHERE direction = 'in' AND address = $1 AND created_at > $2`,
      [address, new Date(now.getTime() - 3600_000)],
    )) as [{ n: number }];
    if (n >= env.MAIL_SENDER_MAX_PER_HOUR) throw new SmtpReply(450, '4.7.1 Too many messages from this sender; try again later');

    const refs = referencedIds(mail.inReplyTo, mail.references);
    const thread = await findThread(db, refs);
    const mine = thread && thread.address === address ? thread : undefined;
    const toAppeal = envelope.rcptTo.some((r) => r.toLowerCase() === this.appealAddress);
    const route = mine?.workOrderId ? 'note' : mine?.conversationId || !toAppeal ? 'conversation' : 'workOrder';
    // Claiming the Message-ID first makes a second delivery of the same mail (an MTA retry) a no-op.
    if (!(await this.claim(messageId, address, subject, route))) return { outcome: 'duplicate', messageId };
    try {
      const body = ownText(mail.text ?? '', refs.length > 0);
      const files = await this.storeAttachments(mail.attachments);
      if (mine?.workOrderId) {
        const done = await this.addToOrder(mine.workOrderId, messageId, address, body, files);
        if (done) return done;
        // The order is archived: what the citizen wrote now starts a conversation instead.
        await db.query(`UPDATE mail_messages SET outcome = 'conversation' WHERE message_id = $1`, [messageId]);
      }
      if (route === 'workOrder') return await this.register(messageId, address, mail, subject, body, files);
      const threadKey = mine?.conversationId ? await this.threadKeyOf(mine.conversationId) : `mail:${messageId}`;
      return await this.toConversation(messageId, address, mail, refs.length ? '' : subject, body, files, threadKey);
    } catch (err) {
      // Nothing half-done stays claimed: the sender's retry is processed again.
      await db.query('DELETE FROM mail_messages WHERE message_id = $1', [messageId]).catch(this.log);
      throw err;
    }
  }

  private async claim(messageId: string, address: string, subject: string, outcome: string, reason: string | null = null): Promise<boolean> {
    const rows = await this.ctx.db.query(
      `INSERT INTO mail_messages (message_id, direction, address, subject, outcome, reason, created_at) VALUES ($1, 'in', $2, $3, $4, $5, $6)
       ON CONFLICT (message_id) DO NOTHING RETURNING message_id`,
      [messageId, address, subject, outcome, reason, this.ctx.clock.now()],
    );
    return rows.length === 1;
  }

  private async threadKeyOf(conversationId: string): Promise<string> {
    const [c] = await this.ctx.db.query<{ thread_key: string }>('SELECT thread_key FROM conversations WHERE id = $1', [conversationId]);
    return c?.thread_key ?? `mail:${conversationId}`;
  }

  private async toConversation(messageId: string, address: string, mail: ParsedMail, subject: string, body: string, files: { stored: Stored[]; rejected: string[] }, threadKey: string): Promise<MailOutcome> {
    const identity = { kind: 'email', value: address };
    const text = [subject && `【${subject}】`, body, rejectedNote(files.rejected)].filter(Boolean).join('\n');
    const [first, ...more] = files.stored;
    const name = mail.from?.value[0]?.name?.trim().slice(0, 50) || undefined;
    // With a file the first message is the file's kind: files go to a person, not to the bot.
    const res = await this.conversations.receive(
      'email',
      identity,
      { kind: first ? kindOf(first.mime) : 'text', text: text || (first ? '' : '（空白邮件）'), attachmentId: first?.id ?? null, channelMessageId: messageId, citizenName: name, data: { subject: mail.subject ?? '' } },
      { threadKey },
    );
    for (const [i, f] of more.entries()) {
      await this.conversations.receive('email', identity, { kind: kindOf(f.mime), text: f.fileName, attachmentId: f.id, channelMessageId: `${messageId}#${i + 2}` }, { threadKey });
    }
    await this.ctx.db.query('UPDATE mail_messages SET conversation_id = $2 WHERE message_id = $1', [messageId, res.conversationId]);
    return { outcome: 'conversation', messageId, conversationId: res.conversationId };
  }

  private async register(messageId: string, address: string, mail: ParsedMail, subject: string, body: string, files: { stored: Stored[]; rejected: string[] }): Promise<MailOutcome> {
    const full = [body, rejectedNote(files.rejected)].filter(Boolean).join('\n');
    const extra = full.length > CONTENT_MAX ? [await this.storeText(full)] : [];
    const type = suggestAppealType(subject, body);
    const actor = await systemActor(this.ctx, 'email', '电子邮件');
    const id = await this.orders.register(actor, {
      channel: 'email',
      type: type.confidence > 0 ? type.value : ('other' satisfies AppealType),
      urgency: 'normal',
      title: subject ? subject.slice(0, 120) : undefined,
      content: (full || subject || '（邮件无正文，见附件）').slice(0, CONTENT_MAX),
      citizen: {
        name: mail.from?.value[0]?.name?.trim().slice(0, 50) ?? '',
        phone: MOBILE_IN_TEXT.exec(body)?.[0] ?? '',
        email: address,
        anonymous: false,
        confidential: false,
      },
      attachmentIds: [...files.stored.map((f) => f.id), ...extra.map((f) => f.id)],
      sourceRef: `email:${messageId}`.slice(0, 120),
    });
    await this.ctx.db.query('UPDATE mail_messages SET work_order_id = $2 WHERE message_id = $1', [messageId, id]);
    const order = (await findById(this.ctx.db, id))!;
    // The acknowledgement does not hold up the SMTP answer; its outcome is recorded.
    void this.mailer
      .send({ to: address, subject: replySubject(subject, '您的来信'), text: ackText(order.trackingNumber, order.queryCode), thread: [messageId], auto: 'auto-replied', workOrderId: id, outcome: 'reply' })
      .then((res) =>
        this.ctx.db.query(
          `INSERT INTO channel_notifications (channel, work_order_id, recipient, kind, body, status, error, external_id, created_at)
           VALUES ('email', $1, $2, 'registered', $3, $4, $5, $6, $7)`,
          [id, address, `工单编号 ${order.trackingNumber}`, res.status, res.error, res.messageId, this.ctx.clock.now()],
        ),
      )
      .catch(this.log);
    return { outcome: 'workOrder', messageId, workOrderId: id };
  }

  /** A reply to one of the order's mails: a note on its timeline and the files on the order; null when the order takes no notes any more. */
  private async addToOrder(orderId: string, messageId: string, address: string, body: string, files: { stored: Stored[]; rejected: string[] }): Promise<MailOutcome | null> {
    const full = [body || '（无正文）', rejectedNote(files.rejected)].filter(Boolean).join('\n');
    const head = `市民来信补充（${address}）：\n`;
    const long = head.length + full.length > NOTE_MAX;
    const note = long ? `${head}${full.slice(0, NOTE_MAX - head.length - 20)}…（全文见附件）` : `${head}${full}`;
    try {
      await this.orders.apply(await systemActor(this.ctx, 'email', '电子邮件'), orderId, 'note', { note });
    } catch (err) {
      if (err instanceof AppError && err.code === 'ILLEGAL_TRANSITION') return null;
      throw err;
    }
    const ids = [...files.stored.map((f) => f.id), ...(long ? [(await this.storeText(full)).id] : [])];
    if (ids.length) await this.ctx.db.query('UPDATE attachments SET work_order_id = $1 WHERE id = ANY($2::uuid[]) AND work_order_id IS NULL', [orderId, ids]);
    await this.ctx.db.query('UPDATE mail_messages SET work_order_id = $2 WHERE message_id = $1', [messageId, orderId]);
    return { outcome: 'note', messageId, workOrderId: orderId };
  }

  /** Keeps the files whose bytes are an accepted type within the size limit; names the others. */
  private async storeAttachments(list: Attachment[]): Promise<{ stored: Stored[]; rejected: string[] }> {
    const { env } = this.ctx;
    const stored: Stored[] = [];
    const rejected: string[] = [];
    for (const a of list) {
      const name = (a.filename || 'attachment').replace(/[\\/\0]/g, '_').slice(0, 200);
      const data = a.content;
      const sniffed = sniffMime(data);
      const mime = sniffed ?? (a.contentType === 'text/plain' && !data.includes(0) ? 'text/plain' : null);
      if (stored.length >= MAX_ATTACHMENTS) rejected.push(`${name}（超过${MAX_ATTACHMENTS}个附件）`);
      else if (!mime || !env.ATTACHMENT_TYPES.includes(mime)) rejected.push(`${name}（类型不支持）`);
      else if (data.length > env.ATTACHMENT_MAX_BYTES) rejected.push(`${name}（超过大小限制）`);
      else stored.push(await this.storeFile(data, mime, name));
    }
    return { stored, rejected };
  }

  private async storeText(text: string): Promise<Stored> {
    return this.storeFile(Buffer.from(text, 'utf8'), 'text/plain', '来信全文.txt');
  }

  private async storeFile(data: Buffer, mime: string, fileName: string): Promise<Stored> {
    const put = await this.ctx.attachments.put(data);
    // The platform's actor is the uploader, so a work order it registers can carry the file.
    const [row] = await this.ctx.db.query<{ id: string }>(
      'INSERT INTO attachments (uploaded_by, file_name, mime, size, sha256, storage_key, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id',
      [SYSTEM_ACTOR_ID, fileName, mime, data.length, put.sha256, put.key, this.ctx.clock.now()],
    );
    return { id: row!.id, mime, fileName };
  }
}

function validEmail(v: string): boolean {
  try {
    normalizeIdentity({ kind: 'email', value: v });
    return true;
  } catch {
    return false;
  }
}

const rejectedNote = (rejected: string[]) => (rejected.length ? `（未接收的附件：${rejected.join('、')}）` : '');
