// Colours and label keys the inbox uses for channels, states and identity kinds.
import type { MessageKey } from '../../i18n';

export const CHANNEL_COLORS: Record<string, string> = { wechat: 'green', sms: 'orange', email: 'blue', web: 'purple', app: 'cyan' };

export const STATE_COLORS: Record<string, string> = { bot: 'default', waiting: 'gold', assigned: 'processing', closed: 'default' };

export function identityLabel(kind: string): MessageKey | null {
  return kind === 'phone' || kind === 'email' || kind === 'wechat' ? (`inbox.identity.${kind}` as MessageKey) : null;
}
