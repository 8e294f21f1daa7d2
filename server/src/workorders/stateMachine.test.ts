import { describe, expect, it } from 'vitest';
import { ROLES, WORK_ORDER_ACTIONS, WORK_ORDER_STATUSES, type Role, type WorkOrderAction, type WorkOrderStatus } from '@hotline/shared';
import { AppError } from '../errors.ts';
import { checkTransition, type ActorPosition, type OrderPosition } from './stateMachine.ts';

// The lifecycle of the product brief, written out independently of RULES: for every action,
// the states it may start from and the roles that may take it.
const ACTIVE: WorkOrderStatus[] = ['registered', 'dispatched', 'returned', 'handling', 'reviewing', 'replied'];
const EXPECTED: Record<WorkOrderAction, { from: WorkOrderStatus[]; roles: Role[] }> = {
  dispatch: { from: ['registered', 'returned', 'dispatched'], roles: ['dispatcher'] },
  reassign: { from: ['returned', 'dispatched'], roles: ['dispatcher'] },
  accept: { from: ['dispatched'], roles: ['dept_handler', 'dept_leader', 'dispatcher'] },
  return: { from: ['dispatched', 'handling'], roles: ['dept_handler', 'dept_leader', 'dispatcher'] },
  extension: { from: ['handling'], roles: ['dept_handler', 'dept_leader', 'dispatcher', 'supervisor'] },
  reply: { from: ['handling'], roles: ['dept_handler', 'dept_leader', 'dispatcher'] },
  review: { from: ['reviewing'], roles: ['dept_leader', 'dispatcher'] },
  close: { from: ['replied'], roles: ['dispatcher', 'followup_agent', 'supervisor'] },
  resolveOnSpot: { from: ['registered'], roles: ['agent', 'dispatcher', 'supervisor'] },
  followUp: { from: ['closed'], roles: ['followup_agent', 'supervisor'] },
  reopen: { from: ['closed', 'followedUp'], roles: ['dispatcher', 'followup_agent', 'supervisor'] },
  supervise: { from: ACTIVE, roles: ['supervisor', 'leader', 'dispatcher'] },
  urge: { from: ['dispatched', 'handling', 'reviewing'], roles: ['supervisor', 'leader', 'dispatcher', 'agent', 'followup_agent'] },
  merge: { from: ['registered', 'returned'], roles: ['dispatcher'] },
  cancel: { from: ['registered', 'returned', 'dispatched'], roles: ['dispatcher', 'supervisor'] },
  note: { from: [...ACTIVE, 'closed'], roles: ['admin', 'supervisor', 'agent', 'dispatcher', 'dept_handler', 'dept_leader', 'followup_agent', 'leader'] },
};

const DEPT = 'd-district';
// A district sub-center that holds, dispatched and registered the order: every position check passes,
// so only role and state decide.
const order = (status: WorkOrderStatus): OrderPosition => ({
  status,
  holderDepartmentId: DEPT,
  dispatcherDepartmentId: DEPT,
  centerDepartmentId: DEPT,
  holderKind: 'district_center',
});
const actor = (role: Role): ActorPosition => ({ role, departmentId: DEPT, departmentKind: 'district_center' });

function codeOf(fn: () => unknown): string | null {
  try {
    fn();
    return null;
  } catch (e) {
    return e instanceof AppError ? e.code : String(e);
  }
}

describe('work-order state machine', () => {
  for (const action of WORK_ORDER_ACTIONS) {
    describe(action, () => {
      for (const status of WORK_ORDER_STATUSES) {
        it(`from ${status}: legal exactly for the expected roles`, () => {
          for (const role of ROLES) {
            const legal = EXPECTED[action].from.includes(status) && EXPECTED[action].roles.includes(role);
            const code = codeOf(() => checkTransition(action, order(status), actor(role)));
            const expected = legal ? null : EXPECTED[action].roles.includes(role) ? 'ILLEGAL_TRANSITION' : 'FORBIDDEN';
            expect({ role, code }).toEqual({ role, code: expected });
          }
        });
      }
    });
  }

  it('cancelled and merged orders allow no action at all', () => {
    for (const status of ['cancelled', 'merged'] as const) {
      for (const action of WORK_ORDER_ACTIONS) {
        for (const role of ROLES) expect(codeOf(() => checkTransition(action, order(status), actor(role)))).not.toBeNull();
      }
    }
  });

  describe('positions', () => {
    const bureau: ActorPosition = { role: 'dept_handler', departmentId: 'bureau', departmentKind: 'bureau' };
    const atBureau = (status: WorkOrderStatus): OrderPosition => ({
      status,
      holderDepartmentId: 'bureau',
      dispatcherDepartmentId: 'city',
      centerDepartmentId: 'city',
      holderKind: 'bureau',
    });

    it('a department acts only on orders it holds', () => {
      expect(codeOf(() => checkTransition('accept', atBureau('dispatched'), bureau))).toBeNull();
      expect(codeOf(() => checkTransition('accept', atBureau('dispatched'), { ...bureau, departmentId: 'other' }))).toBe('NOT_HOLDER');
      expect(codeOf(() => checkTransition('reply', atBureau('handling'), { ...bureau, departmentId: 'other' }))).toBe('NOT_HOLDER');
    });

    it('a bureau cannot re-dispatch; a district sub-center can pass an order down', () => {
      const bureauDispatcher: ActorPosition = { role: 'dispatcher', departmentId: 'bureau', departmentKind: 'bureau' };
      expect(codeOf(() => checkTransition('dispatch', atBureau('dispatched'), bureauDispatcher))).toBe('NOT_HOLDER');
      expect(codeOf(() => checkTransition('dispatch', order('dispatched'), actor('dispatcher')))).toBeNull();
    });

    it('the city center does not accept or reply to orders it holds itself', () => {
      const city: OrderPosition = { ...order('dispatched'), holderDepartmentId: 'city', holderKind: 'center' };
      const cityDispatcher: ActorPosition = { role: 'dispatcher', departmentId: 'city', departmentKind: 'center' };
      expect(codeOf(() => checkTransition('accept', city, cityDispatcher))).toBe('NOT_HOLDER');
    });

    it('only the dispatching center reassigns', () => {
      const cityDispatcher: ActorPosition = { role: 'dispatcher', departmentId: 'city', departmentKind: 'center' };
      const other: ActorPosition = { role: 'dispatcher', departmentId: 'd2', departmentKind: 'district_center' };
      expect(codeOf(() => checkTransition('reassign', atBureau('dispatched'), cityDispatcher))).toBeNull();
      expect(codeOf(() => checkTransition('reassign', atBureau('dispatched'), other))).toBe('NOT_HOLDER');
    });

    it('the city center closes and follows up orders registered by a district sub-center', () => {
      const districtOrder: OrderPosition = { ...atBureau('replied'), centerDepartmentId: 'd1', dispatcherDepartmentId: 'd1' };
      expect(codeOf(() => checkTransition('close', districtOrder, { role: 'dispatcher', departmentId: 'city', departmentKind: 'center' }))).toBeNull();
      expect(codeOf(() => checkTransition('close', districtOrder, { role: 'dispatcher', departmentId: 'd2', departmentKind: 'district_center' }))).toBe('NOT_HOLDER');
    });
  });
});
