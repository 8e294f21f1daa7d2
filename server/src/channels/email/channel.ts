import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../context.ts';
import { conversationServiceFor } from '../../conversations/index.ts';
import { MailInbound } from './inbound.ts';
import { Mailer } from './mailer.ts';
import { startEmailNotifications } from './notifications.ts';
import { EmailSender } from './sender.ts';

export interface EmailChannel {
  mailer: Mailer;
  inbound: MailInbound;
}

const channels = new WeakMap<Ctx, EmailChannel>();
const loggers = new WeakMap<Ctx, (err: unknown) => void>();

/** The one e-mail channel of a platform: the app's sender and notifications and the SMTP receiver share it. */
export function emailChannelFor(ctx: Ctx): EmailChannel {
  let ch = channels.get(ctx);
  if (!ch) {
    const log = (err: unknown) => (loggers.get(ctx) ?? (() => {}))(err);
    const mailer = new Mailer(ctx, log);
    ch = { mailer, inbound: new MailInbound(ctx, conversationServiceFor(ctx), mailer, log) };
    channels.set(ctx, ch);
  }
  return ch;
}

/** Wires the channel into the app: agents' replies go out by mail, status changes are mailed to citizens. */
export async function emailChannel(app: FastifyInstance, ctx: Ctx) {
  loggers.set(ctx, (err) => app.log.error({ err }, 'email'));
  const ch = emailChannelFor(ctx);
  const conversations = conversationServiceFor(ctx);
  conversations.registerSender('email', new EmailSender(ctx, ch.mailer));
  const stop = startEmailNotifications(ctx, ch.mailer, conversations.orders, (err) => app.log.error({ err }, 'email notification'));
  app.addHook('onClose', async () => {
    stop();
    ch.mailer.close();
  });
}
