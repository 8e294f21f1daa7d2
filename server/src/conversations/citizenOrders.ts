import { timingSafeEqual } from 'node:crypto';
import type { WorkOrderStatus } from '@hotline/shared';
import type { Ctx } from '../context.ts';
import * as citizens from '../citizens/repository.ts';
import { findByTrackingNumber } from '../workorders/repository.ts';

/**
 * What a citizen is told about an order's state. Internal steps (returned to the dispatcher,
 * waiting for the department leader's review) are all just "being handled" from outside.
 */
export const CITIZEN_STATUS: Record<WorkOrderStatus, string> = {
  registered: '已受理',
  dispatched: '办理中',
  returned: '办理中',
  handling: '办理中',
  reviewing: '办理中',
  replied: '已答复',
  closed: '已办结',
  followedUp: '已办结',
  cancelled: '已撤销',
  merged: '已合并办理',
};

/** A citizen's own orders as the citizen sees them, and the binding of orders to a citizen. */
export class CitizenOrders {
  constructor(private readonly ctx: Ctx) {}

  async list(citizenId: string, limit = 5) {
    return citizens.ordersOf(this.ctx.db, citizenId, { limit });
  }

  /** Binds an order to the citizen who proves it is theirs with the tracking number and query code. */
  async bind(citizenId: string, trackingNumber: string, code: string): Promise<boolean> {
    const o = await findByTrackingNumber(this.ctx.db, trackingNumber);
    if (!o || o.queryCode.length !== code.length || !timingSafeEqual(Buffer.from(o.queryCode), Buffer.from(code))) return false;
    await this.ctx.db.tx(async (q) => {
      await citizens.linkWorkOrder(q, citizenId, o.id, 'bound', this.ctx.clock.now());
      await this.ctx.audit.append(q, { actorName: 'citizen', action: 'citizen.bindWorkOrder', entity: 'citizen', entityId: citizenId, detail: { workOrderId: o.id } });
    });
    return true;
  }

  /** The identities of one kind (e.g. WeChat openids) of every citizen an order belongs to. */
  async identitiesFor(workOrderId: string, kind: string): Promise<string[]> {
    const rows = await this.ctx.db.query<{ value: string }>(
      `SELECT DISTINCT i.value FROM citizen_identities i
        WHERE i.kind = $2 AND i.citizen_id IN (
              SELECT citizen_id FROM citizen_work_orders WHERE work_order_id = $1
              UNION SELECT c.citizen_id FROM conversation_work_orders cw JOIN conversations c ON c.id = cw.conversation_id WHERE cw.work_order_id = $1
              UNION SELECT ci.citizen_id FROM citizen_identities ci JOIN work_orders w ON w.id = $1
                     WHERE (ci.kind = 'phone' AND (w.citizen_phone = ci.value OR w.citizen_phone = '+86' || ci.value))
                        OR (ci.kind = 'email' AND lower(w.citizen_email) = ci.value))
        ORDER BY i.value`,
      [workOrderId, kind],
    );
    return rows.map((r) => r.value);
  }
}
