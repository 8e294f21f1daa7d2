import type { WorkOrderStatus } from '@hotline/shared';
import type { Ctx } from '../../context.ts';
import type { DomainEventMap } from '../../events.ts';
import { CITIZEN_STATUS, type CitizenOrders } from '../../conversations/index.ts';
import { findById } from '../../workorders/repository.ts';
import type { Mailer } from './mailer.ts';
import { threadIds } from './thread.ts';

export function statusMail(trackingNumber: string, title: string, status: string, reply: string | null) {
  return {
    subject: `【12345】工单${trackingNumber}${status}`,
    text: [
      `您好！您反映的“${title}”（工单编号 ${trackingNumber}）${status}。`,
      reply ? `\n答复内容：\n${reply}\n` : '',
      '凭工单编号和查询码可在12345网站查询办理进度、查看答复并评价。直接回复本邮件可补充情况。',
    ]
      .filter(Boolean)
      .join('\n'),
  };
}

/**
 * Tells citizens by mail when their order moves to a state they would call different (受理 → 办理中
 * → 已答复 → 已办结): the order's e-mail address and the e-mail identities of its citizens. The mail
 * answers the order's thread, so a reply to it is added to the order. Returns the unsubscribe function.
 */
export function startEmailNotifications(ctx: Ctx, mailer: Mailer, orders: CitizenOrders, log: (err: unknown) => void): () => void {
  const notify = async (e: DomainEventMap['workOrder.changed']) => {
    const after = CITIZEN_STATUS[e.toStatus as WorkOrderStatus];
    if (CITIZEN_STATUS[e.fromStatus as WorkOrderStatus] === after) return;
    const order = await findById(ctx.db, e.id);
    if (!order) return;
    const to = new Set(await orders.identitiesFor(e.id, 'email'));
    if (order.citizenEmail) to.add(order.citizenEmail.trim().toLowerCase());
    if (!to.size) return;
    const reply = ['replied', 'closed', 'followedUp'].includes(order.status) ? order.replyContent : null;
    const mail = statusMail(order.trackingNumber, order.title, after, reply);
    const thread = await threadIds(ctx.db, { workOrderId: order.id });
    for (const address of to) {
      const res = await mailer.send({ to: address, ...mail, thread: thread.ids, auto: 'auto-generated', workOrderId: order.id, outcome: 'notification' });
      await ctx.db.query(
        `INSERT INTO channel_notifications (channel, work_order_id, recipient, kind, body, status, error, external_id, created_at)
         VALUES ('email', $1, $2, 'status', $3, $4, $5, $6, $7)`,
        [order.id, address, mail.text, res.status, res.error, res.messageId, ctx.clock.now()],
      );
    }
  };
  return ctx.events.on('workOrder.changed', (e) => notify(e).catch(log));
}
