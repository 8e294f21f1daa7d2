import type { WorkOrderStatus } from '@hotline/shared';
import type { Ctx } from '../../context.ts';
import type { DomainEventMap } from '../../events.ts';
import { CITIZEN_STATUS } from '../../conversations/index.ts';
import { normalizeIdentity } from '../../citizens/identity.ts';
import { findById } from '../../workorders/repository.ts';
import type { SmsGateway } from './gateway.ts';
import { smsNotifyChoice } from './preferences.ts';

const MOBILE = /^1[3-9]\d{9}$/;

export const statusText = (trackingNumber: string, status: string) =>
  `您的工单${trackingNumber}${status}。回复CX ${trackingNumber}查询详情，回复TD退订。`;

/**
 * Tells citizens by SMS when their order moves to a state they would call different (受理 → 办理中
 * → 已答复 → 已办结): orders from the SMS channel, or whose mobile number opted in; never a number
 * that sent TD. Each attempt is recorded in channel_notifications. Returns the unsubscribe function.
 */
export function startSmsNotifications(ctx: Ctx, gateway: SmsGateway, log: (err: unknown) => void): () => void {
  const notify = async (e: DomainEventMap['workOrder.changed']) => {
    const after = CITIZEN_STATUS[e.toStatus as WorkOrderStatus];
    if (CITIZEN_STATUS[e.fromStatus as WorkOrderStatus] === after) return;
    const order = await findById(ctx.db, e.id);
    if (!order?.citizenPhone) return;
    let phone: string;
    try {
      phone = normalizeIdentity({ kind: 'phone', value: order.citizenPhone }).value;
    } catch {
      return;
    }
    if (!MOBILE.test(phone)) return;
    const choice = await smsNotifyChoice(ctx.db, phone);
    if (!(choice === true || (choice === null && order.channel === 'sms'))) return;
    const body = statusText(e.trackingNumber, after);
    let status: 'sent' | 'failed' | 'not_sent' = 'sent';
    let error: string | null = null;
    let externalId: string | null = null;
    if (!gateway.configured) {
      status = 'not_sent';
      error = 'no SMS gateway configured';
      log(new Error(`SMS notification for ${e.trackingNumber} not sent: no SMS_GATEWAY_URL`));
    } else {
      try {
        externalId = await gateway.send(phone, body, `wo-${e.id}-${e.at.getTime()}`);
      } catch (err) {
        status = 'failed';
        error = err instanceof Error ? err.message.slice(0, 500) : String(err);
      }
    }
    await ctx.db.query(
      `INSERT INTO channel_notifications (channel, work_order_id, recipient, kind, body, status, error, external_id, created_at)
       VALUES ('sms', $1, $2, 'status', $3, $4, $5, $6, $7)`,
      [e.id, phone, body, status, error, externalId, ctx.clock.now()],
    );
  };
  return ctx.events.on('workOrder.changed', (e) => notify(e).catch(log));
}
