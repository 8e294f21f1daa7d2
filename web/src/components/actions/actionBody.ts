// Turns an action form's values into the request body the server expects (see actionBodies in @hotline/shared).
import type { Satisfaction, WorkOrderAction } from '@hotline/shared';
import type { Attachment } from '../../api/types';
import { compact } from '../../utils/format';

export interface ActionFormValues {
  note?: string;
  reason?: string;
  content?: string;
  days?: number;
  op?: 'request' | 'approve' | 'reject';
  approve?: boolean;
  satisfaction?: Satisfaction;
  resolved?: boolean;
  targetId?: string;
  attachments?: Attachment[];
  leadDepartmentId?: string;
  assistingDepartmentIds?: string[];
}

/** Actions the generic action modal handles (dispatch and reassign have their own modal). */
export type ModalAction = Exclude<WorkOrderAction, 'dispatch' | 'reassign'>;

export function buildActionBody(action: WorkOrderAction, v: ActionFormValues, version: number): Record<string, unknown> {
  const body = (fields: Record<string, unknown>) => ({ ...compact(fields), version });
  switch (action) {
    case 'dispatch':
    case 'reassign':
      return body({ leadDepartmentId: v.leadDepartmentId, assistingDepartmentIds: v.assistingDepartmentIds, note: v.note });
    case 'accept':
    case 'close':
      return body({ note: v.note });
    case 'return':
    case 'reopen':
    case 'cancel':
      return body({ reason: v.reason });
    case 'extension':
      if (v.op === 'approve') return body({ op: 'approve', days: v.days, note: v.note });
      if (v.op === 'reject') return body({ op: 'reject', note: v.note });
      return body({ op: 'request', days: v.days, reason: v.reason });
    case 'reply':
      return body({ content: v.content, attachmentIds: v.attachments?.map((a) => a.id) });
    case 'review':
      return { ...body({ note: v.note }), approve: v.approve !== false };
    case 'followUp':
      return { ...body({ satisfaction: v.satisfaction, note: v.note }), ...(v.resolved === undefined ? {} : { resolved: v.resolved }) };
    case 'supervise':
    case 'urge':
    case 'note':
      return body({ note: v.note });
    case 'merge':
      return body({ targetId: v.targetId, note: v.note });
    case 'resolveOnSpot':
      return body({ content: v.content });
  }
}
