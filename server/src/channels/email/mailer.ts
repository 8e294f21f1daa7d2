// Outgoing mail through the configured relay (SMTP_RELAY_URL). Every mail gets our own Message-ID
// (recorded before sending, so an answer that comes back fast still finds its thread), X-Loop, and
// Auto-Submitted when no person wrote it (RFC 3834), so well-behaved auto-responders stay quiet.
import { randomUUID } from 'node:crypto';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Ctx } from '../../context.ts';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  /** Message-IDs (without brackets) this mail answers, oldest first; the last is In-Reply-To. */
  thread?: string[];
  /** Set for mail no person wrote (bot answers, acknowledgements, notifications). */
  auto?: 'auto-replied' | 'auto-generated';
  conversationId?: string | null;
  workOrderId?: string | null;
  outcome: 'reply' | 'notification';
}

export interface SendResult {
  messageId: string;
  status: 'sent' | 'not_sent' | 'failed';
  error: string | null;
}

export class Mailer {
  private readonly transport: Transporter | null;
  readonly from: string;
  readonly loopToken: string;

  constructor(
    private readonly ctx: Ctx,
    private readonly log: (err: unknown) => void,
  ) {
    const { env } = ctx;
    this.transport = env.SMTP_RELAY_URL ? nodemailer.createTransport(env.SMTP_RELAY_URL) : null;
    this.from = env.MAIL_FROM ?? `"12345政务服务便民热线" <12345@${env.MAIL_DOMAIN}>`;
    this.loopToken = `12345@${env.MAIL_DOMAIN}`;
  }

  get configured(): boolean {
    return this.transport !== null;
  }

  async send(m: OutgoingMail): Promise<SendResult> {
    const messageId = `${randomUUID()}@${this.ctx.env.MAIL_DOMAIN}`;
    await this.ctx.db.query(
      `INSERT INTO mail_messages (message_id, direction, address, subject, conversation_id, work_order_id, outcome, created_at)
       VALUES ($1, 'out', $2, $3, $4, $5, $6, $7)`,
      [messageId, m.to.toLowerCase(), m.subject.slice(0, 300), m.conversationId ?? null, m.workOrderId ?? null, m.outcome, this.ctx.clock.now()],
    );
    if (!this.transport) {
      this.log(new Error(`mail to ${m.to} not sent: SMTP_RELAY_URL is not configured`));
      return { messageId, status: 'not_sent', error: 'not sent: SMTP_RELAY_URL is not configured' };
    }
    const thread = (m.thread ?? []).slice(-20).map((id) => `<${id}>`);
    try {
      await this.transport.sendMail({
        from: this.from,
        to: m.to,
        subject: m.subject,
        text: m.text,
        messageId: `<${messageId}>`,
        ...(thread.length ? { inReplyTo: thread[thread.length - 1], references: thread } : {}),
        headers: { 'X-Loop': this.loopToken, ...(m.auto ? { 'Auto-Submitted': m.auto } : {}) },
      });
      return { messageId, status: 'sent', error: null };
    } catch (err) {
      const error = err instanceof Error ? err.message.slice(0, 500) : String(err);
      this.log(err);
      return { messageId, status: 'failed', error };
    }
  }

  close(): void {
    this.transport?.close();
  }
}
