// Automatic dispatch after registration (AUTO_DISPATCH=1): when the category is certain enough
// (AUTO_DISPATCH_CONFIDENCE) and the dispatch catalogue names exactly one department, the system
// dispatches the order itself, through the same lifecycle step a dispatcher takes, recorded on the
// timeline as done by the system. Emergencies are never dispatched silently: they raise a warning
// for the supervisor and wait for a person. main.ts calls installAutoDispatch(ctx) at start-up.

import type { Ctx } from '../../context.ts';
import type { Actor } from '../../auth/actor.ts';
import { WorkOrderService } from '../../workorders/service.ts';
import * as repo from '../../workorders/repository.ts';
import { raiseWarning } from '../emotion/warnings.ts';
import { emergencySummary } from '../emotion/installWarnings.ts';
import { analyzeAppeal } from './analyze.ts';
import { NOOP_HANDLE, trackedListener, type ListenerHandle } from './listener.ts';

/** The id recorded as the actor of automatic steps (no user has it). */
export const SYSTEM_ACTOR_ID = '00000000-0000-4000-8000-000000000001';
export const SYSTEM_ACTOR_NAME = '系统自动派单';

export type AutoDispatchOutcome =
  | { orderId: string; dispatched: true; departmentId: string }
  | { orderId: string; dispatched: false; reason: string };

export async function autoDispatchOrder(ctx: Ctx, orderId: string): Promise<AutoDispatchOutcome> {
  const order = await repo.findById(ctx.db, orderId);
  if (!order || order.status !== 'registered') return { orderId, dispatched: false, reason: 'notRegistered' };
  const analysis = await analyzeAppeal(ctx, { title: order.title, content: order.content, districtId: order.districtId, categoryId: order.categoryId });
  // An agent who marked the order an emergency outranks any text analysis.
  const decision = order.urgency === 'emergency' ? ({ dispatch: false, reason: 'emergency' } as const) : analysis.autoDispatch;
  if (decision.reason === 'emergency') {
    const kinds = analysis.urgency.value === 'emergency' ? analysis.urgency.kinds : [];
    await raiseWarning(ctx.db, {
      kind: 'emergency', level: 'high', workOrderId: orderId, dedupeKey: `emergency:${orderId}`,
      summary: emergencySummary(kinds), details: { kinds, heldFromAutoDispatch: true }, at: ctx.clock.now(),
    });
    return { orderId, dispatched: false, reason: 'emergency' };
  }
  if (!decision.dispatch || !decision.departmentId) return { orderId, dispatched: false, reason: decision.reason };
  const dir = await ctx.directory.fresh();
  const center = dir.department(order.holderDepartmentId);
  if (!center) return { orderId, dispatched: false, reason: 'noHolder' };
  const actor: Actor = {
    kind: 'apiKey',
    id: SYSTEM_ACTOR_ID,
    username: 'system:auto-dispatch',
    displayName: SYSTEM_ACTOR_NAME,
    role: 'dispatcher',
    departmentId: center.id,
    departmentName: center.name,
    departmentKind: center.kind,
    scope: dir.scopeFor(center.id),
  };
  const chosen = order.categoryId ? null : analysis.chosenCategory;
  const basis = chosen
    ? `分类“${chosen.fullName}”，置信度 ${Math.round(chosen.confidence * 100)}%，依据：${analysis.categories[0]?.evidence.join('、') || '—'}`
    : '受理时选定的分类';
  // The version pins the order as it was analysed: if a dispatcher acted meanwhile, this step
  // fails with STALE_VERSION or ILLEGAL_TRANSITION and the person's decision stands.
  await new WorkOrderService(ctx).apply(actor, orderId, 'dispatch', {
    leadDepartmentId: decision.departmentId,
    assistingDepartmentIds: decision.assistingDepartmentIds?.length ? decision.assistingDepartmentIds : undefined,
    note: `系统自动派单（${basis}）`,
    version: order.version,
  });
  return { orderId, dispatched: true, departmentId: decision.departmentId };
}

/** Subscribes automatic dispatch to registrations; a no-op unless AUTO_DISPATCH is on. */
export function installAutoDispatch(ctx: Ctx, onOutcome?: (o: AutoDispatchOutcome) => void): ListenerHandle {
  if (!ctx.env.AUTO_DISPATCH) return NOOP_HANDLE;
  return trackedListener(ctx.events, 'workOrder.registered', async (e) => {
    const outcome = await autoDispatchOrder(ctx, e.id);
    onOutcome?.(outcome);
  });
}
