// Domain vocabulary shared by server and web. Identifiers follow the glossary in the product brief.

export const ROLES = [
  'admin',
  'supervisor',
  'agent',
  'dispatcher',
  'dept_handler',
  'dept_leader',
  'followup_agent',
  'leader',
  'auditor',
] as const;
export type Role = (typeof ROLES)[number];

/** Roles that belong to the hotline center itself (not to a handling department). */
export const CENTER_ROLES: readonly Role[] = ['admin', 'supervisor', 'agent', 'dispatcher', 'followup_agent'];

export const CHANNELS = ['phone', 'web', 'wechat', 'app', 'email', 'sms', 'open311', 'walkin', 'letter'] as const;
export type Channel = (typeof CHANNELS)[number];

export const APPEAL_TYPES = ['consultation', 'help', 'complaint', 'report', 'suggestion', 'praise', 'other'] as const;
export type AppealType = (typeof APPEAL_TYPES)[number];

export const URGENCIES = ['normal', 'urgent', 'emergency'] as const;
export type Urgency = (typeof URGENCIES)[number];

export const DEPARTMENT_KINDS = ['center', 'district_center', 'bureau', 'street', 'community', 'enterprise'] as const;
export type DepartmentKind = (typeof DEPARTMENT_KINDS)[number];

/**
 * Work-order states. `registered` waits at a dispatching center; `dispatched` waits for the lead
 * department to accept; `handling` is being worked on; `reviewing` waits for the department
 * leader; `replied` waits for the center to close; `closed` waits for follow-up; `followedUp`
 * is archived with the citizen's satisfaction. `returned` is back at the dispatching center.
 */
export const WORK_ORDER_STATUSES = [
  'registered',
  'dispatched',
  'returned',
  'handling',
  'reviewing',
  'replied',
  'closed',
  'followedUp',
  'cancelled',
  'merged',
] as const;
export type WorkOrderStatus = (typeof WORK_ORDER_STATUSES)[number];

export const WORK_ORDER_ACTIONS = [
  'dispatch',
  'accept',
  'return',
  'reassign',
  'extension',
  'reply',
  'review',
  'close',
  'followUp',
  'reopen',
  'supervise',
  'urge',
  'merge',
  'cancel',
  'resolveOnSpot',
  'note',
] as const;
export type WorkOrderAction = (typeof WORK_ORDER_ACTIONS)[number];

export const SATISFACTIONS = ['satisfied', 'neutral', 'dissatisfied'] as const;
export type Satisfaction = (typeof SATISFACTIONS)[number];

export const DEADLINE_STATES = ['ok', 'warning', 'overdue'] as const;
export type DeadlineState = (typeof DEADLINE_STATES)[number];
