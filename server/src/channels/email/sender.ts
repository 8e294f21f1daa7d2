import type { ChannelSender, ConversationRow, OutboundMessage } from '../../conversations/index.ts';
import type { Ctx } from '../../context.ts';
import type { Mailer } from './mailer.ts';
import { replySubject, threadIds } from './thread.ts';

const FOOTER = '\n\n——\n12345政务服务便民热线。直接回复本邮件即可继续沟通。';

/** Agents' replies and the bot's answers, as mail answering the citizen's last one (same thread in their mail program). */
export class EmailSender implements ChannelSender {
  constructor(
    private readonly ctx: Ctx,
    private readonly mailer: Mailer,
  ) {}

  async send(conversation: ConversationRow, message: OutboundMessage): Promise<{ channelMessageId: string }> {
    const thread = await threadIds(this.ctx.db, { conversationId: conversation.id });
    const res = await this.mailer.send({
      to: conversation.identityValue,
      subject: replySubject(thread.subject, '您的来信'),
      text: `${message.text}${FOOTER}`,
      thread: thread.ids,
      // A person's answer is not automatic; the bot's and the system's are.
      auto: message.author === 'agent' ? undefined : 'auto-replied',
      conversationId: conversation.id,
      outcome: 'reply',
    });
    if (res.status !== 'sent') throw new Error(res.error ?? 'not sent');
    return { channelMessageId: res.messageId };
  }
}
