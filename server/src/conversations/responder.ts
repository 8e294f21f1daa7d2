import type { WorkOrderStatus } from '@hotline/shared';
import { CITIZEN_STATUS, type CitizenOrders } from './citizenOrders.ts';
import type { ConversationRow, Responder, ResponderResult } from './types.ts';

const HANDOVER = /^(转?人工|人工(服务|客服)|转接人工|找客服|客服)$/;
const QUERY = /^(查询|查询工单|工单查询|查进度|进度查询|我的工单)$/;
const BIND = /^绑定\s*(\d{13})\s*[,，\s]\s*(\d{6})$/;

export const NO_ORDERS_TEXT = '暂未查到与您关联的工单。如您通过电话等其他渠道反映过问题，可回复“绑定 工单编号 查询码”关联后查询。';
export const BIND_HELP_TEXT = '绑定失败：工单编号或查询码不正确。请回复“绑定 工单编号 查询码”，例如：绑定 2026112300001 123456';

/**
 * The bot until the knowledge base's one replaces it: understands a few commands (查询 lists the
 * citizen's orders, 绑定 links an order by tracking number and query code, 人工 asks for a
 * person) and hands everything else over to an agent.
 */
export class DefaultResponder implements Responder {
  constructor(private readonly orders: CitizenOrders) {}

  async answer(conversation: ConversationRow, raw: string): Promise<ResponderResult> {
    const text = raw.replace(/\s+/g, ' ').trim();
    if (HANDOVER.test(text)) return { kind: 'handover' };
    if (QUERY.test(text)) return { kind: 'answer', text: await this.listOrders(conversation.citizenId) };
    const bind = BIND.exec(text);
    if (bind) {
      const ok = await this.orders.bind(conversation.citizenId, bind[1]!, bind[2]!);
      if (!ok) return { kind: 'clarify', text: BIND_HELP_TEXT };
      return { kind: 'answer', text: `已关联工单 ${bind[1]}，今后进展将通知您。\n${await this.listOrders(conversation.citizenId)}` };
    }
    return { kind: 'handover' };
  }

  private async listOrders(citizenId: string): Promise<string> {
    const orders = await this.orders.list(citizenId, 5);
    if (!orders.length) return NO_ORDERS_TEXT;
    const lines = orders.map((o, i) => `${i + 1}. ${o.trackingNumber} ${CITIZEN_STATUS[o.status as WorkOrderStatus] ?? o.status}\n   ${o.title}`);
    return `您最近的工单：\n${lines.join('\n')}`;
  }
}
