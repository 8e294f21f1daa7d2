// 评价: the citizen rates the reply with the tracking number and query code. The rating is the
// same satisfaction the follow-up step (回访) records, so it goes through WorkOrderService's
// followUp action, taken by the platform as a follow-up agent: on a closed order at once; on an
// order the center has not closed yet (已答复) it waits and is applied when the order closes.
import { timingSafeEqual } from 'node:crypto';
import { SATISFACTIONS, type Satisfaction } from '@hotline/shared';
import { z } from 'zod';
import type { Ctx } from '../context.ts';
import { AppError, errors } from '../errors.ts';
import type { Actor } from '../auth/actor.ts';
import { systemActor } from '../auth/systemActor.ts';
import { WorkOrderService } from '../workorders/service.ts';
import { findById, findByTrackingNumber } from '../workorders/repository.ts';
import type { WorkOrderRow } from '../workorders/types.ts';

export const ratingBody = z
  .object({
    code: z.string().regex(/^\d{6}$/),
    satisfaction: z.enum(SATISFACTIONS),
    comment: z.string().trim().max(500).default(''),
  })
  .strict();

const RATEABLE = ['replied', 'closed'];
const LABEL: Record<Satisfaction, string> = { satisfied: '满意', neutral: '基本满意', dissatisfied: '不满意' };

/** The order with this number if the code is right; one answer for both failures, so numbers cannot be probed. */
export async function orderForCitizen(ctx: Ctx, trackingNumber: string, code: string): Promise<WorkOrderRow> {
  const o = await findByTrackingNumber(ctx.db, trackingNumber);
  const ok = o && o.queryCode.length === code.length && timingSafeEqual(Buffer.from(o.queryCode), Buffer.from(code));
  if (!o || !ok) throw errors.workOrderNotFound();
  return o;
}

interface RatingRow {
  satisfaction: Satisfaction;
  comment: string;
  created_at: Date;
  applied_at: Date | null;
}

export class CitizenRatings {
  constructor(private readonly ctx: Ctx) {}

  async state(trackingNumber: string, code: string) {
    const o = await orderForCitizen(this.ctx, trackingNumber, code);
    const [r] = await this.ctx.db.query<RatingRow>('SELECT satisfaction, comment, created_at, applied_at FROM citizen_ratings WHERE work_order_id = $1 AND round = $2', [
      o.id, o.reopenCount,
    ]);
    return {
      rateable: RATEABLE.includes(o.status) && !r,
      status: o.status,
      rating: r ? { satisfaction: r.satisfaction, comment: r.comment, createdAt: new Date(r.created_at).toISOString(), applied: Boolean(r.applied_at) } : null,
      satisfaction: o.satisfaction,
    };
  }

  async rate(trackingNumber: string, body: z.output<typeof ratingBody>, channel: string, ip?: string) {
    const o = await orderForCitizen(this.ctx, trackingNumber, body.code);
    if (o.status === 'followedUp') throw new AppError('ALREADY_RATED', 'the order has been followed up and rated already', { satisfaction: o.satisfaction });
    if (!RATEABLE.includes(o.status)) throw new AppError('RATING_NOT_OPEN', 'an order can be rated once it has been replied to', { status: o.status });
    const now = this.ctx.clock.now();
    const inserted = await this.ctx.db.tx(async (q) => {
      const rows = await q.query(
        `INSERT INTO citizen_ratings (work_order_id, round, satisfaction, comment, channel, created_at) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (work_order_id, round) DO NOTHING RETURNING work_order_id`,
        [o.id, o.reopenCount, body.satisfaction, body.comment, channel, now],
      );
      if (rows.length) {
        await this.ctx.audit.append(q, {
          actorName: 'citizen', action: 'workOrder.citizenRating', entity: 'workOrder', entityId: o.id, detail: { satisfaction: body.satisfaction, channel }, ip,
        });
      }
      return rows.length === 1;
    });
    if (!inserted) throw new AppError('ALREADY_RATED', 'this reply has been rated already');
    const applied = o.status === 'closed' ? await this.applyPending(o.id) : false;
    return { satisfaction: body.satisfaction, applied };
  }

  /** Makes a waiting rating the order's follow-up when the order is closed; false if it is not (yet). */
  async applyPending(orderId: string): Promise<boolean> {
    const o = await findById(this.ctx.db, orderId);
    if (!o || o.status !== 'closed') return false;
    const [r] = await this.ctx.db.query<RatingRow>(
      'SELECT satisfaction, comment, created_at, applied_at FROM citizen_ratings WHERE work_order_id = $1 AND round = $2 AND applied_at IS NULL',
      [o.id, o.reopenCount],
    );
    if (!r) return false;
    const note = `市民网上评价：${LABEL[r.satisfaction]}${r.comment ? `。${r.comment}` : ''}`.slice(0, 2000);
    try {
      await new WorkOrderService(this.ctx).apply(await this.actor(), o.id, 'followUp', { satisfaction: r.satisfaction, note, version: o.version });
    } catch (err) {
      // A follow-up agent got there first (or the order moved on): their result stands.
      if (err instanceof AppError && ['STALE_VERSION', 'ILLEGAL_TRANSITION'].includes(err.code)) return false;
      throw err;
    }
    await this.ctx.db.query('UPDATE citizen_ratings SET applied_at = $3 WHERE work_order_id = $1 AND round = $2', [o.id, o.reopenCount, this.ctx.clock.now()]);
    return true;
  }

  private async actor(): Promise<Actor> {
    return { ...(await systemActor(this.ctx, 'citizen-rating', '市民评价')), role: 'followup_agent' };
  }
}
