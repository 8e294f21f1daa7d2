import type { DepartmentKind, Role, WorkOrderAction, WorkOrderStatus } from '@hotline/shared';
import { errors } from '../errors.ts';

/**
 * Who, among the permitted roles, may take the step:
 * - `holder`: the department that currently holds the order (lead department or a dispatching center);
 * - `dispatcher`: the center that sent the order to its current lead (returns and extensions go back to it);
 * - `center`: the hotline center that registered the order;
 * - `scope`: anyone who can see the order.
 */
export type Position = 'holder' | 'dispatcher' | 'center' | 'scope';

export interface ActionRule {
  from: readonly WorkOrderStatus[];
  roles: readonly Role[];
  position: Position;
}

const ACTIVE: WorkOrderStatus[] = ['registered', 'dispatched', 'returned', 'handling', 'reviewing', 'replied'];
const AT_DEPARTMENT: WorkOrderStatus[] = ['dispatched', 'handling', 'reviewing'];
const DEPT: Role[] = ['dept_handler', 'dept_leader'];

/** The lifecycle as data. `stateMachine.test.ts` walks every action × status × role against it. */
export const RULES: Record<WorkOrderAction, ActionRule> = {
  dispatch: { from: ['registered', 'returned', 'dispatched'], roles: ['dispatcher'], position: 'holder' },
  reassign: { from: ['returned', 'dispatched'], roles: ['dispatcher'], position: 'dispatcher' },
  accept: { from: ['dispatched'], roles: [...DEPT, 'dispatcher'], position: 'holder' },
  return: { from: ['dispatched', 'handling'], roles: [...DEPT, 'dispatcher'], position: 'holder' },
  extension: { from: ['handling'], roles: [...DEPT, 'dispatcher', 'supervisor'], position: 'scope' },
  reply: { from: ['handling'], roles: [...DEPT, 'dispatcher'], position: 'holder' },
  review: { from: ['reviewing'], roles: ['dept_leader', 'dispatcher'], position: 'holder' },
  close: { from: ['replied'], roles: ['dispatcher', 'followup_agent', 'supervisor'], position: 'center' },
  resolveOnSpot: { from: ['registered'], roles: ['agent', 'dispatcher', 'supervisor'], position: 'center' },
  followUp: { from: ['closed'], roles: ['followup_agent', 'supervisor'], position: 'center' },
  reopen: { from: ['closed', 'followedUp'], roles: ['dispatcher', 'followup_agent', 'supervisor'], position: 'center' },
  supervise: { from: ACTIVE, roles: ['supervisor', 'leader', 'dispatcher'], position: 'scope' },
  urge: { from: AT_DEPARTMENT, roles: ['supervisor', 'leader', 'dispatcher', 'agent', 'followup_agent'], position: 'scope' },
  merge: { from: ['registered', 'returned'], roles: ['dispatcher'], position: 'holder' },
  cancel: { from: ['registered', 'returned', 'dispatched'], roles: ['dispatcher', 'supervisor'], position: 'center' },
  note: {
    from: [...ACTIVE, 'closed'],
    roles: ['admin', 'supervisor', 'agent', 'dispatcher', 'dept_handler', 'dept_leader', 'followup_agent', 'leader'],
    position: 'scope',
  },
};

export interface OrderPosition {
  status: WorkOrderStatus;
  holderDepartmentId: string | null;
  dispatcherDepartmentId: string | null;
  centerDepartmentId: string;
  holderKind: DepartmentKind | null;
}

export interface ActorPosition {
  role: Role;
  departmentId: string;
  departmentKind: DepartmentKind;
}

/**
 * Checks one step against the rules. Throws FORBIDDEN (403) for a role that may never do it,
 * ILLEGAL_TRANSITION (409) for a state it cannot happen in, NOT_HOLDER (403) when the order is
 * not with the actor's department. Visibility (404) is checked before this, by the caller.
 */
export function checkTransition(action: WorkOrderAction, order: OrderPosition, actor: ActorPosition): ActionRule {
  const rule = RULES[action];
  if (!rule.roles.includes(actor.role)) throw errors.forbidden(`role ${actor.role} may not ${action}`);
  if (!rule.from.includes(order.status)) throw errors.illegalTransition(action, order.status);
  if (!holdsPosition(rule.position, order, actor, action)) throw errors.notHolder();
  return rule;
}

function holdsPosition(position: Position, order: OrderPosition, actor: ActorPosition, action: WorkOrderAction): boolean {
  const dept = actor.departmentId;
  switch (position) {
    case 'scope':
      return true;
    case 'center':
      // The city center acts for every sub-center; a district center for its own orders.
      return dept === order.centerDepartmentId || actor.departmentKind === 'center';
    case 'dispatcher':
      return dept === order.dispatcherDepartmentId;
    case 'holder': {
      if (dept !== order.holderDepartmentId) return false;
      // A dispatching center re-dispatches an order it holds while it waits for acceptance.
      if (action === 'dispatch' && order.status === 'dispatched') return isCenterKind(order.holderKind);
      // The hotline center does not accept, reply or return its own orders; it resolves them on the spot.
      if (['accept', 'return', 'reply', 'review'].includes(action)) return order.holderKind !== 'center';
      return true;
    }
  }
}

export function isCenterKind(kind: DepartmentKind | null): boolean {
  return kind === 'center' || kind === 'district_center';
}

export const FINAL_STATUSES: readonly WorkOrderStatus[] = ['followedUp', 'cancelled', 'merged'];
