// Response shapes of the hotline API as the web uses them.
import type {
  AppealType,
  Channel,
  DeadlineState,
  DepartmentKind,
  Role,
  Satisfaction,
  Urgency,
  WorkOrderAction,
  WorkOrderStatus,
} from '@hotline/shared';

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  departmentId: string;
  departmentName: string;
  departmentKind: DepartmentKind;
}

export interface LoginResponse {
  token: string;
  expiresAt: string;
  user: SessionUser;
}

export interface Department {
  id: string;
  name: string;
  parentId: string | null;
  kind: DepartmentKind;
  phone?: string | null;
  dutyScope?: string | null;
  regionId?: string | null;
  active: boolean;
}

export interface Region {
  id: string;
  parentId: string | null;
  name: string;
  level: 'district' | 'street' | 'community';
}

export interface User {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  departmentId: string;
  phone?: string | null;
  extension?: string | null;
  active: boolean;
  lockedUntil?: string | null;
}

export interface Category {
  id: string;
  parentId: string | null;
  name: string;
  level: number;
  fullName: string;
  active: boolean;
}

export interface CatalogueEntry {
  id: string;
  categoryId: string;
  regionId: string | null;
  departmentId: string;
  assistingDepartmentIds: string[];
  priority: number;
  note?: string | null;
}

export interface Suggestion {
  departmentId: string;
  assistingDepartmentIds: string[];
}

export interface DeadlineRule {
  type: AppealType;
  urgency: Urgency;
  acceptHours: number;
  handleAmount: number;
  handleUnit: 'workdays' | 'hours';
  warnRatio: number;
}

export interface Holiday {
  date: string;
  kind: 'holiday' | 'workday';
  name: string;
}

export interface WorkOrderListItem {
  id: string;
  trackingNumber: string;
  title: string;
  type: AppealType;
  channel: Channel;
  urgency: Urgency;
  status: WorkOrderStatus;
  categoryName?: string | null;
  districtName?: string | null;
  leadDepartmentName?: string | null;
  holderDepartmentName?: string | null;
  citizenName?: string | null;
  citizenPhone?: string | null;
  createdAt: string;
  handleDeadline?: string | null;
  deadlineState?: DeadlineState | null;
  supervised?: boolean;
  urgeCount?: number;
  version: number;
}

export interface Page<T> {
  items: T[];
  total: number;
  /** True when there are more matches than the server counted. */
  totalCapped?: boolean;
  page: number;
  pageSize: number;
}

export interface WorkOrderEvent {
  id: string;
  at: string;
  action: WorkOrderAction | 'register' | string;
  actorName?: string | null;
  actorRole?: Role | null;
  departmentName?: string | null;
  fromStatus?: WorkOrderStatus | null;
  toStatus?: WorkOrderStatus | null;
  note?: string | null;
  data?: unknown;
}

export interface Attachment {
  id: string;
  fileName: string;
  mime: string;
  size: number;
  createdAt?: string;
}

export interface Citizen {
  name?: string | null;
  phone?: string | null;
  idCard?: string | null;
  email?: string | null;
  anonymous?: boolean;
  confidential?: boolean;
  masked?: boolean;
}

export interface ExtensionRequest {
  days: number;
  reason: string;
  requestedAt: string;
  requestedBy?: string | null;
  requestedByName?: string | null;
}

export interface AssignmentHistory {
  id: string;
  departmentId: string;
  departmentName?: string | null;
  role: 'lead' | 'assisting';
  status: 'active' | 'returned' | 'done' | 'withdrawn' | string;
  createdAt: string;
  endedAt?: string | null;
}

export interface WorkOrderDetail {
  id: string;
  trackingNumber: string;
  queryCode?: string | null;
  channel: Channel;
  type: AppealType;
  urgency: Urgency;
  title: string;
  content: string;
  categoryId?: string | null;
  categoryName?: string | null;
  districtId?: string | null;
  districtName?: string | null;
  streetId?: string | null;
  streetName?: string | null;
  address?: string | null;
  citizen: Citizen;
  status: WorkOrderStatus;
  version: number;
  holderDepartmentId?: string | null;
  holderDepartmentName?: string | null;
  leadDepartmentId?: string | null;
  leadDepartmentName?: string | null;
  assistingDepartments: { id: string; name: string }[];
  /** Every lead/assisting assignment, past and present. */
  assignments?: AssignmentHistory[];
  createdAt: string;
  updatedAt?: string | null;
  acceptDeadline?: string | null;
  handleDeadline?: string | null;
  deadlineState?: DeadlineState | null;
  extensionRequest?: ExtensionRequest | null;
  replyContent?: string | null;
  repliedAt?: string | null;
  closedAt?: string | null;
  resolvedOnSpot?: boolean;
  satisfaction?: Satisfaction | null;
  reopenCount?: number;
  urgeCount?: number;
  returnCount?: number;
  supervised?: boolean;
  mergedInto?: string | null;
  events: WorkOrderEvent[];
  attachments: Attachment[];
  allowedActions: WorkOrderAction[];
}

export interface Duplicate {
  id: string;
  trackingNumber: string;
  title: string;
  createdAt: string;
  status: WorkOrderStatus;
  score: number;
}

export interface Overview {
  byStatus: Partial<Record<WorkOrderStatus, number>>;
  byType: Partial<Record<AppealType, number>>;
  byDistrict: { name: string; count: number }[];
  perDay: { date: string; count: number }[];
  overdue: number;
  warning: number;
  todayNew: number;
  /** Satisfied or fairly satisfied among rated orders; null when none is rated. */
  satisfactionRate?: number | null;
}

export interface AuditEntry {
  id: string | number;
  at: string;
  actorName?: string | null;
  action: string;
  entity: string;
  entityId?: string | null;
  detail?: unknown;
  chainSeq: number;
}

export interface AuditVerifyResult {
  ok: boolean;
  checked: number;
  brokenAt?: number;
}

export interface PublicWorkOrder {
  trackingNumber: string;
  status: WorkOrderStatus;
  type: AppealType;
  title: string;
  createdAt: string;
  closedAt?: string | null;
  reply?: string | null;
  satisfaction?: Satisfaction | null;
  timeline: { at: string; action: string }[];
}
