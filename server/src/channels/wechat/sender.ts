import type { ChannelSender, ConversationRow, OutboundMessage } from '../../conversations/index.ts';
import type { WechatApi } from './api.ts';

// WeChat's text limit for a customer-service message is about 2,048 bytes; longer replies go in parts.
const MAX_BYTES = 2000;

/** Agents' replies and the bot's late answers, as customer-service messages to the citizen's openid. */
export class WechatSender implements ChannelSender {
  constructor(private readonly api: WechatApi) {}

  async send(conversation: ConversationRow, message: OutboundMessage): Promise<void> {
    for (const part of splitUtf8(message.text, MAX_BYTES)) await this.api.sendText(conversation.identityValue, part);
  }
}

/** Cuts text into pieces of at most `max` UTF-8 bytes without splitting a character. */
export function splitUtf8(text: string, max: number): string[] {
  const parts: string[] = [];
  let cur = '';
  let bytes = 0;
  for (const ch of text) {
    const n = Buffer.byteLength(ch);
    if (bytes + n > max) {
      parts.push(cur);
      cur = '';
      bytes = 0;
    }
    cur += ch;
    bytes += n;
  }
  if (cur || parts.length === 0) parts.push(cur);
  return parts;
}
