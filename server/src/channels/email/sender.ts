import type { ChannelSender, ConversationRow, OutboundMessage } from '../../conversations/index.ts';
import type { Ctx } from '../../context.ts';
import type { Mailer } from './mailer.ts';
import { replySubject, stripReplyPrefixes, threadIds } from './thread.ts';

const FOOTER = '\n\n——\n12345政务服务便民热线。直接回复本邮件即可继续沟通。';

/** Agents' replies and the bot's answers, as mail answering the citizen's last one (same thread in their mail program). */
export class EmailSender implements ChannelSender {
  constructor(
    private readonly ctx: Ctx,
    private readonly mailer: Mailer,
  ) {}

  async send(conversation: ConversationRow, message: OutboundMessage): Promise<{ channelMessageId: string }> {
    let thread = await threadIds(this.ctx.db, { conversationId: conversation.id });
    if (thread.ids.length === 0) {
      // The bot can answer before the inbound mail's row is tied to the conversation; the
      // conversation's own messages carry the same Message-IDs and subject.
      const rows = await this.ctx.db.query<{ id: string; subject: string | null }>(
        `SELECT split_part(channel_message_id, '#', 1) AS id, data->>'subject' AS subject FROM conversation_messages
         WHERE conversation_id = $1 AND direction = 'in' AND channel = 'email' AND channel_message_id IS NOT NULL ORDER BY seq LIMIT 200`,
        [conversation.id],
      );
      const subject = rows.find((r) => r.subject)?.subject ?? '';
      thread = { ids: [...new Set(rows.map((r) => r.id))], subject: stripReplyPrefixes(subject) };
    }
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
