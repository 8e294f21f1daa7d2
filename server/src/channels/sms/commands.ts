// Keyword commands a citizen can text to the hotline number, as SMS services in China use them:
//   CX <工单号>  (or 查询 <工单号>)  the status of that order, if it was registered with this phone
//   TD / T / 退订                   no more status notifications by SMS
//   DY / 订阅                       status notifications by SMS again
// Anything else is a message for the bot and the agents.
import type { WorkOrderStatus } from '@hotline/shared';
import type { Ctx } from '../../context.ts';
import { CITIZEN_STATUS } from '../../conversations/index.ts';
import { normalizeIdentity } from '../../citizens/identity.ts';
import { findByTrackingNumber } from '../../workorders/repository.ts';
import { setSmsNotify } from './preferences.ts';

export type SmsCommand = { kind: 'query'; trackingNumber: string } | { kind: 'unsubscribe' } | { kind: 'subscribe' };

export function parseSmsCommand(text: string): SmsCommand | null {
  const t = text.replace(/\s+/g, ' ').trim();
  const cx = /^(?:CX|查询)\s*(\d{13})$/i.exec(t);
  if (cx) return { kind: 'query', trackingNumber: cx[1]! };
  if (/^(?:TD|T|退订)$/i.test(t)) return { kind: 'unsubscribe' };
  if (/^(?:DY|订阅)$/i.test(t)) return { kind: 'subscribe' };
  return null;
}

export const UNSUBSCRIBED_TEXT = '您已退订12345工单状态短信通知。如需恢复，请回复DY。';
export const SUBSCRIBED_TEXT = '您已订阅12345工单状态短信通知，工单进展将以短信告知。回复TD退订。';
export const notFoundText = (n: string) => `未查到工单${n}，或该工单登记的联系电话不是本机号码。请核对工单号，或凭工单号和查询码在12345网站查询。`;

/** The answer to a command from `phone` (already in normal form). */
export async function runSmsCommand(ctx: Ctx, phone: string, cmd: SmsCommand): Promise<string> {
  const now = ctx.clock.now();
  switch (cmd.kind) {
    case 'unsubscribe':
      await setSmsNotify(ctx.db, phone, false, now);
      return UNSUBSCRIBED_TEXT;
    case 'subscribe':
      await setSmsNotify(ctx.db, phone, true, now);
      return SUBSCRIBED_TEXT;
    case 'query': {
      const o = await findByTrackingNumber(ctx.db, cmd.trackingNumber);
      // The same answer for "no such order" and "not your order": numbers cannot be probed.
      if (!o || !samePhone(o.citizenPhone, phone)) return notFoundText(cmd.trackingNumber);
      const status = CITIZEN_STATUS[o.status as WorkOrderStatus] ?? o.status;
      const reply = o.replyContent && ['replied', 'closed', 'followedUp'].includes(o.status) ? `答复：${excerpt(o.replyContent, 200)}` : '';
      return [`工单${o.trackingNumber}（${excerpt(o.title, 30)}）${status}。`, reply].filter(Boolean).join('');
    }
  }
}

export function samePhone(registered: string, phone: string): boolean {
  try {
    return normalizeIdentity({ kind: 'phone', value: registered }).value === phone;
  } catch {
    return false;
  }
}

const excerpt = (s: string, n: number) => {
  const chars = [...s.replace(/\s+/g, ' ').trim()];
  return chars.length <= n ? chars.join('') : `${chars.slice(0, n - 1).join('')}…`;
};
