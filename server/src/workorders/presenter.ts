import type { Actor } from '../auth/actor.ts';
import { isHotlineStaff } from '../auth/actor.ts';
import type { DirectoryCache } from '../directory/directoryCache.ts';
import { CONFIDENTIAL, maskEmail, maskIdCard, maskName, maskPhone } from './masking.ts';
import type { SummaryRow } from './repository.ts';
import type { AssignmentRow, EventRow, WorkOrderRow } from './types.ts';

export type CitizenView = 'full' | 'contact' | 'masked' | 'hidden';

/**
 * How much of the citizen an actor may see: hotline staff everything; the handling department
 * name and phone to call back (not the ID card); leaders and auditors masked values. A
 * confidential reporter (举报人保密) is hidden from everyone outside the hotline center.
 */
export function citizenView(actor: Actor, o: { confidential: boolean }): CitizenView {
  if (isHotlineStaff(actor)) return 'full';
  if (o.confidential) return 'hidden';
  if (actor.role === 'dept_handler' || actor.role === 'dept_leader') return 'contact';
  return 'masked';
}

export function presentCitizen(view: CitizenView, o: WorkOrderRow) {
  const anonymousName = o.anonymous && view !== 'full' ? '匿名' : null;
  switch (view) {
    case 'full':
      return { name: o.citizenName, phone: o.citizenPhone, idCard: o.citizenIdCard, email: o.citizenEmail, anonymous: o.anonymous, confidential: o.confidential, masked: false };
    case 'contact':
      return { name: anonymousName ?? o.citizenName, phone: o.citizenPhone, idCard: o.citizenIdCard && maskIdCard(o.citizenIdCard), email: o.citizenEmail, anonymous: o.anonymous, confidential: false, masked: true };
    case 'masked':
      return { name: anonymousName ?? maskName(o.citizenName), phone: maskPhone(o.citizenPhone), idCard: o.citizenIdCard && maskIdCard(o.citizenIdCard), email: o.citizenEmail && maskEmail(o.citizenEmail), anonymous: o.anonymous, confidential: false, masked: true };
    case 'hidden':
      return { name: CONFIDENTIAL, phone: CONFIDENTIAL, idCard: null, email: null, anonymous: o.anonymous, confidential: true, masked: true };
  }
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

export function presentSummary(actor: Actor, r: SummaryRow, dir: DirectoryCache, categoryNames: Map<string, string>) {
  const hidden = r.confidential && !isHotlineStaff(actor);
  return {
    id: r.id,
    trackingNumber: r.trackingNumber,
    title: r.title,
    type: r.type,
    channel: r.channel,
    urgency: r.urgency,
    status: r.status,
    categoryName: r.categoryId ? categoryNames.get(r.categoryId) ?? null : null,
    districtName: dir.region(r.districtId)?.name ?? null,
    leadDepartmentName: dir.department(r.leadDepartmentId)?.name ?? null,
    holderDepartmentName: dir.department(r.holderDepartmentId)?.name ?? null,
    // Lists never carry personal data in clear: it is read (and audited) on the detail page.
    citizenName: hidden ? CONFIDENTIAL : r.anonymous ? '匿名' : maskName(r.citizenName),
    citizenPhone: hidden ? CONFIDENTIAL : maskPhone(r.citizenPhone),
    createdAt: iso(r.createdAt),
    handleDeadline: iso(r.handleDeadline),
    deadlineState: r.deadlineState,
    supervised: r.supervised,
    urgeCount: r.urgeCount,
    satisfaction: r.satisfaction,
    version: r.version,
  };
}

export function presentDetail(
  actor: Actor,
  o: WorkOrderRow,
  extra: { events: EventRow[]; assignments: AssignmentRow[]; attachments: unknown[]; allowedActions: string[]; categoryName: string | null },
  dir: DirectoryCache,
) {
  const view = citizenView(actor, o);
  const deptName = (id: string | null) => dir.department(id)?.name ?? null;
  return {
    id: o.id,
    trackingNumber: o.trackingNumber,
    queryCode: isHotlineStaff(actor) ? o.queryCode : undefined,
    channel: o.channel,
    type: o.type,
    urgency: o.urgency,
    title: o.title,
    content: o.content,
    categoryId: o.categoryId,
    categoryName: extra.categoryName,
    districtId: o.districtId,
    districtName: dir.region(o.districtId)?.name ?? null,
    streetId: o.streetId,
    streetName: dir.region(o.streetId)?.name ?? null,
    address: o.address,
    lat: o.lat,
    lng: o.lng,
    citizen: presentCitizen(view, o),
    status: o.status,
    version: o.version,
    holderDepartmentId: o.holderDepartmentId,
    holderDepartmentName: deptName(o.holderDepartmentId),
    leadDepartmentId: o.leadDepartmentId,
    leadDepartmentName: deptName(o.leadDepartmentId),
    centerDepartmentId: o.centerDepartmentId,
    assistingDepartments: extra.assignments
      .filter((a) => a.role === 'assisting' && a.status === 'active')
      .map((a) => ({ id: a.departmentId, name: deptName(a.departmentId) })),
    assignments: extra.assignments.map((a) => ({ ...a, departmentName: deptName(a.departmentId), createdAt: iso(a.createdAt), endedAt: iso(a.endedAt) })),
    createdAt: iso(o.createdAt),
    updatedAt: iso(o.updatedAt),
    dispatchedAt: iso(o.dispatchedAt),
    acceptDeadline: iso(o.acceptDeadline),
    acceptedAt: iso(o.acceptedAt),
    handleDeadline: iso(o.handleDeadline),
    deadlineState: o.deadlineState,
    extensionRequest: o.extensionRequest,
    replyContent: o.replyContent,
    repliedAt: iso(o.repliedAt),
    closedAt: iso(o.closedAt),
    resolvedOnSpot: o.resolvedOnSpot,
    satisfaction: o.satisfaction,
    followedUpAt: iso(o.followedUpAt),
    reopenCount: o.reopenCount,
    returnCount: o.returnCount,
    extensionCount: o.extensionCount,
    urgeCount: o.urgeCount,
    supervised: o.supervised,
    mergedInto: o.mergedInto,
    sourceRef: o.sourceRef,
    events: extra.events.map((e) => ({ ...e, at: iso(e.at), departmentName: deptName(e.actorDepartmentId) })),
    attachments: extra.attachments,
    allowedActions: extra.allowedActions,
  };
}
