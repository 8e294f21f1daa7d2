// The order's full history as an antd Timeline.
import { Timeline, Typography } from 'antd';
import type { WorkOrderEvent } from '../../api/types';
import { useI18n, type MessageKey } from '../../i18n';
import { TID } from '../../testIds';
import { fmtTime } from '../../utils/format';

const COLORS: Record<string, string> = {
  register: 'blue',
  return: 'red',
  reopen: 'red',
  cancel: 'gray',
  close: 'green',
  followUp: 'green',
  resolveOnSpot: 'green',
  supervise: 'orange',
  urge: 'orange',
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-/i;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const EVENT_KEYS = new Set(['days', 'handleDeadline', 'acceptDeadline', 'approve', 'resolved', 'reason', 'targetTrackingNumber']);

/** Event data worth showing: scalar values that are not ids (ids are shown by name elsewhere). */
function dataSummary(data: unknown, fmt: (k: string, v: unknown) => string): string | null {
  if (!data || typeof data !== 'object') return null;
  const entries = Object.entries(data as Record<string, unknown>).filter(
    ([k, v]) => v !== null && v !== undefined && typeof v !== 'object' && !/id$/i.test(k) && k !== 'version' && !(typeof v === 'string' && UUID.test(v)),
  );
  return entries.length ? entries.map(([k, v]) => fmt(k, v)).join('; ') : null;
}

export function DetailTimeline({ events }: { events: WorkOrderEvent[] }) {
  const { label, t } = useI18n();
  const fmt = (k: string, v: unknown) => {
    const name = EVENT_KEYS.has(k) ? t(`event.key.${k}` as MessageKey) : k;
    if (k === 'channel' || k === 'satisfaction' || k === 'urgency' || k === 'type') return label(k, String(v));
    if (k === 'op' && typeof v === 'string' && ['request', 'approve', 'reject'].includes(v)) return t(`extension.${v as 'request'}`);
    if (typeof v === 'boolean') return `${name}: ${v ? t('common.yes') : t('common.no')}`;
    if (typeof v === 'string' && ISO.test(v)) return `${name}: ${fmtTime(v)}`;
    return `${name}: ${String(v)}`;
  };
  const sorted = [...events].sort((a, b) => a.at.localeCompare(b.at));
  return (
    <div data-testid={TID.detailTimeline}>
      <Timeline
        titleSpan="136px"
        items={sorted.map((e) => ({
          key: e.id,
          color: COLORS[e.action] ?? 'blue',
          title: fmtTime(e.at),
          content: (
            <div data-action={e.action}>
              <Typography.Text strong>{label('action', e.action)}</Typography.Text>
              {e.fromStatus && e.toStatus && e.fromStatus !== e.toStatus && (
                <Typography.Text type="secondary">
                  {' '}
                  ({label('status', e.fromStatus)} → {label('status', e.toStatus)})
                </Typography.Text>
              )}
              <div style={{ color: '#666', fontSize: 13 }}>
                {[e.actorName, e.actorRole ? label('role', e.actorRole) : null, e.departmentName].filter(Boolean).join(' · ')}
              </div>
              {e.note && <div className="pre-wrap">{e.note}</div>}
              {dataSummary(e.data, fmt) && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {dataSummary(e.data, fmt)}
                </Typography.Text>
              )}
            </div>
          ),
        }))}
      />
    </div>
  );
}
