import type { AppealType, Channel, DeadlineState, Satisfaction, Urgency, WorkOrderStatus } from '@hotline/shared';

/** A work_orders row as the repository returns it (camelCase). */
export interface WorkOrderRow {
  id: string;
  trackingNumber: string;
  queryCode: string;
  channel: Channel;
  type: AppealType;
  urgency: Urgency;
  title: string;
  content: string;
  categoryId: string | null;
  districtId: string | null;
  streetId: string | null;
  address: string | null;
  lat: number | null;
  lng: number | null;
  citizenName: string;
  citizenPhone: string;
  citizenIdCard: string | null;
  citizenEmail: string | null;
  anonymous: boolean;
  confidential: boolean;
  status: WorkOrderStatus;
  version: number;
  holderDepartmentId: string | null;
  leadDepartmentId: string | null;
  dispatcherDepartmentId: string | null;
  centerDepartmentId: string;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
  dispatchedAt: Date | null;
  acceptDeadline: Date | null;
  acceptedAt: Date | null;
  handleDeadline: Date | null;
  handleWarnAt: Date | null;
  deadlineState: DeadlineState;
  extensionRequest: ExtensionRequest | null;
  replyContent: string | null;
  repliedAt: Date | null;
  closedAt: Date | null;
  resolvedOnSpot: boolean;
  satisfaction: Satisfaction | null;
  followedUpAt: Date | null;
  reopenCount: number;
  returnCount: number;
  extensionCount: number;
  urgeCount: number;
  supervised: boolean;
  mergedInto: string | null;
  sourceRef: string | null;
}

export interface ExtensionRequest {
  days: number;
  reason: string;
  requestedAt: string;
  requestedBy: string;
  requestedByName: string;
}

export interface EventRow {
  id: number;
  at: Date;
  actorId: string | null;
  actorName: string | null;
  actorRole: string | null;
  actorDepartmentId: string | null;
  action: string;
  fromStatus: string | null;
  toStatus: string | null;
  note: string | null;
  data: unknown;
}

export interface AssignmentRow {
  id: string;
  departmentId: string;
  role: 'lead' | 'assisting';
  dispatchedByDepartmentId: string | null;
  status: 'active' | 'returned' | 'done' | 'withdrawn';
  createdAt: Date;
  endedAt: Date | null;
}
