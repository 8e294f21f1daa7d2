import { Tag } from 'antd';
import type { DeadlineState, Urgency, WorkOrderStatus } from '@hotline/shared';
import { useI18n } from '../i18n';

const STATUS_COLORS: Record<WorkOrderStatus, string> = {
  registered: 'gold',
  dispatched: 'blue',
  returned: 'volcano',
  handling: 'processing',
  reviewing: 'purple',
  replied: 'cyan',
  closed: 'green',
  followedUp: 'success',
  cancelled: 'default',
  merged: 'default',
};

export function StatusTag({ status, testId }: { status: WorkOrderStatus; testId?: string }) {
  const { label } = useI18n();
  return (
    <Tag color={STATUS_COLORS[status] ?? 'default'} data-testid={testId} data-status={status}>
      {label('status', status)}
    </Tag>
  );
}

const DEADLINE_COLORS: Record<DeadlineState, string> = { ok: 'green', warning: 'orange', overdue: 'red' };

export function DeadlineTag({ state }: { state: DeadlineState | null | undefined }) {
  const { t } = useI18n();
  if (!state) return null;
  return (
    <Tag color={DEADLINE_COLORS[state]} data-deadline={state}>
      {t(`deadline.${state}`)}
    </Tag>
  );
}

const URGENCY_COLORS: Record<Urgency, string | undefined> = { normal: undefined, urgent: 'orange', emergency: 'red' };

export function UrgencyTag({ urgency }: { urgency: Urgency }) {
  const { label } = useI18n();
  return <Tag color={URGENCY_COLORS[urgency]}>{label('urgency', urgency)}</Tag>;
}
