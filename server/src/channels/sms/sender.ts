import type { ChannelSender, ConversationRow, OutboundMessage } from '../../conversations/index.ts';
import type { SmsGateway } from './gateway.ts';

/** A long SMS is joined by the handset from parts; gateways accept about 500 characters per message. */
export const SMS_MAX_CHARS = 500;

/** Agents' replies and the bot's answers go back to the number the citizen wrote from. */
export class SmsSender implements ChannelSender {
  constructor(private readonly gateway: SmsGateway) {}

  async send(conversation: ConversationRow, message: OutboundMessage): Promise<{ channelMessageId: string | null }> {
    const parts = splitChars(message.text, SMS_MAX_CHARS);
    let first: string | null = null;
    for (const [i, part] of parts.entries()) {
      const id = await this.gateway.send(conversation.identityValue, part, parts.length > 1 ? `${message.id}.${i + 1}` : message.id);
      first ??= id;
    }
    // Prefixed so a gateway's id can never collide with an inbound sequence_id in the unique index.
    return { channelMessageId: first ? `out:${first}` : null };
  }
}

/** Cuts text into pieces of at most `max` characters (code points), keeping surrogate pairs whole. */
export function splitChars(text: string, max: number): string[] {
  const chars = [...text];
  const parts: string[] = [];
  for (let i = 0; i < chars.length; i += max) parts.push(chars.slice(i, i + max).join(''));
  return parts.length ? parts : [''];
}
