// Labels of the shared domain enums in both languages. Chinese comes from @hotline/shared.
import {
  ACTION_LABELS,
  APPEAL_TYPE_LABELS,
  CHANNEL_LABELS,
  DEPARTMENT_KIND_LABELS,
  ROLE_LABELS,
  SATISFACTION_LABELS,
  STATUS_LABELS,
  URGENCY_LABELS,
} from '@hotline/shared';
import type { Lang } from './lang';

const en = {
  role: {
    admin: 'Administrator',
    supervisor: 'Supervisor',
    agent: 'Agent',
    dispatcher: 'Dispatcher',
    dept_handler: 'Case handler',
    dept_leader: 'Department leader',
    followup_agent: 'Callback agent',
    leader: 'Leader',
    auditor: 'Auditor',
  },
  status: {
    registered: 'To dispatch',
    dispatched: 'To accept',
    returned: 'Returned',
    handling: 'Handling',
    reviewing: 'In review',
    replied: 'Replied',
    closed: 'Closed',
    followedUp: 'Followed up',
    cancelled: 'Cancelled',
    merged: 'Merged',
  },
  action: {
    register: 'Register',
    dispatch: 'Dispatch',
    accept: 'Accept',
    return: 'Return',
    reassign: 'Reassign',
    extension: 'Extension',
    reply: 'Reply',
    review: 'Review',
    close: 'Close',
    followUp: 'Follow up',
    reopen: 'Reopen',
    supervise: 'Supervise',
    urge: 'Urge',
    merge: 'Merge',
    cancel: 'Cancel order',
    resolveOnSpot: 'Resolve on the spot',
    note: 'Note',
  },
  type: {
    consultation: 'Consultation',
    help: 'Help request',
    complaint: 'Complaint',
    report: 'Report',
    suggestion: 'Suggestion',
    praise: 'Praise',
    other: 'Other',
  },
  urgency: { normal: 'Normal', urgent: 'Urgent', emergency: 'Emergency' },
  channel: {
    phone: 'Phone',
    web: 'Web',
    wechat: 'WeChat',
    app: 'Mobile app',
    email: 'Email',
    sms: 'SMS',
    open311: 'Open311',
    walkin: 'Walk-in',
    letter: 'Letter',
  },
  satisfaction: { satisfied: 'Satisfied', neutral: 'Fairly satisfied', dissatisfied: 'Dissatisfied' },
  departmentKind: {
    center: 'Hotline center',
    district_center: 'District center',
    bureau: 'Bureau',
    street: 'Street / town',
    community: 'Community / village',
    enterprise: 'Public enterprise',
  },
} as const;

const zh = {
  role: ROLE_LABELS,
  status: STATUS_LABELS,
  action: ACTION_LABELS,
  type: APPEAL_TYPE_LABELS,
  urgency: URGENCY_LABELS,
  channel: CHANNEL_LABELS,
  satisfaction: SATISFACTION_LABELS,
  departmentKind: DEPARTMENT_KIND_LABELS,
};

export type EnumKind = keyof typeof zh;

export function enumLabel(lang: Lang, kind: EnumKind, value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  const table = (lang === 'en' ? en[kind] : zh[kind]) as Record<string, string>;
  return table[value] ?? value;
}
