import type { ActionBodies, WorkOrderAction, WorkOrderStatus } from '@hotline/shared';
import type { Queryable } from '../db/db.ts';
import type { DirectoryCache } from '../directory/directoryCache.ts';
import type { DeadlineSnapshot } from '../calendar/deadlinePolicy.ts';
import type { Actor } from '../auth/actor.ts';
import { AppError, errors } from '../errors.ts';
import { deadlineStateAt } from '../calendar/deadlinePolicy.ts';
import { FINAL_STATUSES } from './stateMachine.ts';
import * as repo from './repository.ts';
import type { WorkOrderRow } from './types.ts';

export interface StepInput<A extends WorkOrderAction> {
  q: Queryable;
  /** Loaded before the transaction; nothing inside a step may query outside `q`. */
  dir: DirectoryCache;
  deadlines: DeadlineSnapshot;
  actor: Actor;
  order: WorkOrderRow;
  now: Date;
  body: ActionBodies[A];
}

/** What a step changes: columns, the new status, and what the timeline records. */
export interface StepEffect {
  patch: Partial<WorkOrderRow>;
  note?: string | null;
  data?: Record<string, unknown>;
}

type Handler<A extends WorkOrderAction> = (s: StepInput<A>) => Promise<StepEffect>;

async function checkDepartments(s: StepInput<'dispatch' | 'reassign'>): Promise<void> {
  const dir = s.dir;
  const ids = [s.body.leadDepartmentId, ...(s.body.assistingDepartmentIds ?? [])];
  for (const id of ids) {
    const d = dir.department(id);
    if (!d || !d.active) throw new AppError('DEPARTMENT_NOT_FOUND', `department ${id} does not exist or is inactive`, { departmentId: id });
  }
  if (s.body.leadDepartmentId === s.actor.departmentId) throw errors.validation({ leadDepartmentId: s.body.leadDepartmentId }, 'cannot dispatch to your own department');
  if (new Set(ids).size !== ids.length) throw errors.validation({ assistingDepartmentIds: s.body.assistingDepartmentIds }, 'lead and assisting departments must differ');
  if (dir.department(s.body.leadDepartmentId)!.kind === 'center') throw errors.validation({ leadDepartmentId: s.body.leadDepartmentId }, 'cannot dispatch to the city center');
}

/** Sends the order to a lead department (and assisting ones) from the actor's center. */
async function sendTo(s: StepInput<'dispatch' | 'reassign'>, keepDeadline: boolean): Promise<StepEffect> {
  await checkDepartments(s);
  const { q, order, now, body } = s;
  const dispatchedBy = s.actor.departmentId;
  await repo.addAssignment(q, order.id, { departmentId: body.leadDepartmentId, role: 'lead', dispatchedBy, at: now });
  for (const departmentId of body.assistingDepartmentIds ?? []) {
    await repo.addAssignment(q, order.id, { departmentId, role: 'assisting', dispatchedBy, at: now });
  }
  const d = s.deadlines.deadlinesFor(order.type, order.urgency, now);
  const patch: Partial<WorkOrderRow> = {
    status: 'dispatched',
    holderDepartmentId: body.leadDepartmentId,
    leadDepartmentId: body.leadDepartmentId,
    dispatcherDepartmentId: s.actor.departmentId,
    dispatchedAt: now,
    acceptDeadline: d.acceptDeadline,
    acceptedAt: null,
  };
  if (!keepDeadline || !order.handleDeadline) Object.assign(patch, { handleDeadline: d.handleDeadline, handleWarnAt: d.warnAt });
  return { patch, note: body.note ?? null, data: { leadDepartmentId: body.leadDepartmentId, assistingDepartmentIds: body.assistingDepartmentIds ?? [] } };
}

const handlers: { [A in WorkOrderAction]: Handler<A> } = {
  async dispatch(s) {
    // Re-dispatch down a level (a district sub-center to a street) keeps the citizen's deadline.
    const forwarding = s.order.status === 'dispatched';
    if (forwarding) await repo.endAssignments(s.q, s.order.id, 'done', s.now, true);
    return sendTo(s, forwarding);
  },
  async reassign(s) {
    await repo.endAssignments(s.q, s.order.id, 'withdrawn', s.now);
    return sendTo(s, false);
  },
  async accept(s) {
    return { patch: { status: 'handling', acceptedAt: s.now }, note: s.body.note ?? null };
  },
  async return(s) {
    await repo.endAssignments(s.q, s.order.id, 'returned', s.now);
    return {
      patch: { status: 'returned', holderDepartmentId: s.order.dispatcherDepartmentId, leadDepartmentId: null, returnCount: s.order.returnCount + 1, extensionRequest: null },
      note: s.body.reason,
    };
  },
  async extension(s) {
    const { body, order, actor } = s;
    if (body.op === 'request') {
      if (actor.departmentId !== order.holderDepartmentId || !['dept_handler', 'dept_leader', 'dispatcher'].includes(actor.role)) throw errors.notHolder();
      if (order.extensionRequest) throw new AppError('ILLEGAL_TRANSITION', 'an extension request is already pending', { action: 'extension' });
      const extensionRequest = { days: body.days, reason: body.reason, requestedAt: s.now.toISOString(), requestedBy: actor.id, requestedByName: actor.displayName };
      return { patch: { extensionRequest }, note: body.reason, data: { op: 'request', days: body.days } };
    }
    // The center that dispatched decides; the city center may decide for any of its sub-centers.
    const deciderOk = ['dispatcher', 'supervisor'].includes(actor.role) && (actor.departmentId === order.dispatcherDepartmentId || actor.departmentKind === 'center');
    if (!deciderOk) throw errors.notHolder();
    if (!order.extensionRequest) throw new AppError('ILLEGAL_TRANSITION', 'no extension request is pending', { action: 'extension' });
    if (body.op === 'reject') return { patch: { extensionRequest: null }, note: body.note ?? null, data: { op: 'reject' } };
    const days = body.days ?? order.extensionRequest.days;
    const handleDeadline = s.deadlines.extend(order.handleDeadline ?? s.now, days);
    const patch: Partial<WorkOrderRow> = { extensionRequest: null, handleDeadline, extensionCount: order.extensionCount + 1 };
    patch.deadlineState = deadlineStateAt(s.now, { ...order, ...patch, handleWarnAt: null });
    patch.handleWarnAt = new Date(handleDeadline.getTime() - 86_400_000);
    return { patch, note: body.note ?? null, data: { op: 'approve', days, handleDeadline: handleDeadline.toISOString() } };
  },
  async reply(s) {
    await linkAttachments(s.q, s.order.id, s.body.attachmentIds ?? [], s.actor.id);
    return { patch: { status: 'reviewing', replyContent: s.body.content, repliedAt: s.now }, note: s.body.content, data: { attachmentIds: s.body.attachmentIds ?? [] } };
  },
  async review(s) {
    if (!s.body.approve) return { patch: { status: 'handling' }, note: s.body.note ?? null, data: { approve: false } };
    await repo.endAssignments(s.q, s.order.id, 'done', s.now);
    return { patch: { status: 'replied', holderDepartmentId: s.order.centerDepartmentId }, note: s.body.note ?? null, data: { approve: true } };
  },
  async close(s) {
    return { patch: { status: 'closed', closedAt: s.now, holderDepartmentId: s.order.centerDepartmentId }, note: s.body.note ?? null };
  },
  async resolveOnSpot(s) {
    return {
      patch: { status: 'closed', resolvedOnSpot: true, replyContent: s.body.content, repliedAt: s.now, closedAt: s.now },
      note: s.body.content,
    };
  },
  async followUp(s) {
    return {
      patch: { status: 'followedUp', satisfaction: s.body.satisfaction, followedUpAt: s.now },
      note: s.body.note ?? null,
      data: { satisfaction: s.body.satisfaction, resolved: s.body.resolved ?? null },
    };
  },
  async reopen(s) {
    const { order, now } = s;
    const base = { reopenCount: order.reopenCount + 1, satisfaction: null, followedUpAt: null, closedAt: null, resolvedOnSpot: false };
    if (!order.leadDepartmentId || !order.dispatcherDepartmentId) {
      return { patch: { ...base, status: 'registered', holderDepartmentId: order.centerDepartmentId }, note: s.body.reason };
    }
    await repo.addAssignment(s.q, order.id, { departmentId: order.leadDepartmentId, role: 'lead', dispatchedBy: order.dispatcherDepartmentId, at: now });
    const d = s.deadlines.deadlinesFor(order.type, order.urgency, now);
    return {
      patch: { ...base, status: 'dispatched', holderDepartmentId: order.leadDepartmentId, dispatchedAt: now, acceptDeadline: d.acceptDeadline, acceptedAt: null, handleDeadline: d.handleDeadline, handleWarnAt: d.warnAt, deadlineState: 'ok' },
      note: s.body.reason,
      data: { leadDepartmentId: order.leadDepartmentId },
    };
  },
  async supervise(s) {
    return { patch: { supervised: true }, note: s.body.note };
  },
  async urge(s) {
    return { patch: { urgeCount: s.order.urgeCount + 1 }, note: s.body.note };
  },
  async merge(s) {
    const { q, order, body } = s;
    if (body.targetId === order.id) throw errors.validation({ targetId: body.targetId }, 'cannot merge an order into itself');
    const target = await repo.lockById(q, body.targetId);
    if (!target || !(await repo.isVisible(q, target.id, s.actor.scope))) throw errors.workOrderNotFound();
    if (FINAL_STATUSES.includes(target.status)) throw errors.conflict(`cannot merge into an order that is ${target.status}`, { targetStatus: target.status });
    await repo.insertEvent(q, target.id, {
      at: s.now, actorId: s.actor.id, actorName: s.actor.displayName, actorRole: s.actor.role, actorDepartmentId: s.actor.departmentId,
      action: 'merge', fromStatus: target.status, toStatus: target.status, note: body.note ?? null,
      data: { mergedFrom: order.id, trackingNumber: order.trackingNumber },
    });
    await repo.endAssignments(q, order.id, 'withdrawn', s.now);
    return { patch: { status: 'merged', mergedInto: target.id, holderDepartmentId: null }, note: body.note ?? null, data: { targetId: target.id, targetTrackingNumber: target.trackingNumber } };
  },
  async cancel(s) {
    await repo.endAssignments(s.q, s.order.id, 'withdrawn', s.now);
    return { patch: { status: 'cancelled', holderDepartmentId: null }, note: s.body.reason };
  },
  async note(s) {
    return { patch: {}, note: s.body.note };
  },
};

export function runStep<A extends WorkOrderAction>(action: A, s: StepInput<A>): Promise<StepEffect> {
  return (handlers[action] as Handler<A>)(s);
}

/** Attaches uploads to an order: only files the actor uploaded and no other order holds. */
export async function linkAttachments(q: Queryable, orderId: string, ids: string[], uploaderId: string): Promise<void> {
  if (!ids.length) return;
  const rows = await q.query<{ id: string }>(
    `UPDATE attachments SET work_order_id = $1
      WHERE id = ANY($2::uuid[]) AND uploaded_by = $3 AND (work_order_id IS NULL OR work_order_id = $1) RETURNING id`,
    [orderId, ids, uploaderId],
  );
  if (rows.length !== new Set(ids).size) throw new AppError('ATTACHMENT_NOT_FOUND', 'an attachment does not exist or belongs to another order', { attachmentIds: ids });
}

export const statusAfter = (order: WorkOrderRow, e: StepEffect): WorkOrderStatus => e.patch.status ?? order.status;
