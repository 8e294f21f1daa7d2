// The order's fields, citizen, deadlines and assignments.
import { Alert, Card, Descriptions, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { WorkOrderDetail } from '../../api/types';
import { useI18n } from '../../i18n';
import { fmtTime } from '../../utils/format';
import { DeadlineTag, UrgencyTag } from '../Tags';
import { AssignmentTable } from './AssignmentTable';

export function DetailInfo({ order: o }: { order: WorkOrderDetail }) {
  const { t, label } = useI18n();
  const yes = (b?: boolean) => (b ? t('common.yes') : t('common.no'));
  const c = o.citizen ?? {};
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      {o.mergedInto && (
        <Alert type="info" title={<Link to={`/work-orders/${o.mergedInto}`}>{t('detail.mergedInto')}</Link>} />
      )}
      <Card size="small" title={t('detail.basic')}>
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
          <Descriptions.Item label={t('wo.channel')}>{label('channel', o.channel)}</Descriptions.Item>
          <Descriptions.Item label={t('wo.type')}>{label('type', o.type)}</Descriptions.Item>
          <Descriptions.Item label={t('wo.urgency')}>
            <UrgencyTag urgency={o.urgency} />
          </Descriptions.Item>
          <Descriptions.Item label={t('wo.category')}>{o.categoryName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('wo.district')}>{[o.districtName, o.streetName].filter(Boolean).join(' / ') || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('wo.address')}>{o.address || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('wo.createdAt')}>{fmtTime(o.createdAt)}</Descriptions.Item>
          <Descriptions.Item label={t('wo.updatedAt')}>{fmtTime(o.updatedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('wo.queryCode')}>{o.queryCode ?? '—'}</Descriptions.Item>
        </Descriptions>
        <Typography.Title level={5} style={{ marginTop: 8 }}>
          {t('wo.content')}
        </Typography.Title>
        <div className="pre-wrap">{o.content}</div>
      </Card>

      <Card size="small" title={t('detail.citizen')} extra={c.masked ? <Tag>{t('detail.masked')}</Tag> : null}>
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
          <Descriptions.Item label={t('wo.citizenName')}>{c.name || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('wo.citizenPhone')}>{c.phone || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('wo.idCard')}>{c.idCard || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('wo.email')}>{c.email || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('wo.anonymous')}>{yes(c.anonymous)}</Descriptions.Item>
          <Descriptions.Item label={t('wo.confidential')}>{yes(c.confidential)}</Descriptions.Item>
        </Descriptions>
      </Card>

      <Card size="small" title={t('detail.deadlines')} extra={<DeadlineTag state={o.deadlineState} />}>
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
          <Descriptions.Item label={t('wo.acceptDeadline')}>{fmtTime(o.acceptDeadline)}</Descriptions.Item>
          <Descriptions.Item label={t('wo.handleDeadline')}>{fmtTime(o.handleDeadline)}</Descriptions.Item>
          <Descriptions.Item label={t('wo.deadlineState')}>
            <DeadlineTag state={o.deadlineState} />
          </Descriptions.Item>
          <Descriptions.Item label={t('wo.repliedAt')}>{fmtTime(o.repliedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('wo.closedAt')}>{fmtTime(o.closedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('wo.counters')}>
            {t('detail.counters', { returns: o.returnCount ?? 0, urges: o.urgeCount ?? 0, reopens: o.reopenCount ?? 0 })}
          </Descriptions.Item>
        </Descriptions>
        {o.extensionRequest && (
          <Alert
            type="warning"
            showIcon
            title={t('extension.pending', { days: o.extensionRequest.days, reason: o.extensionRequest.reason })}
            description={[o.extensionRequest.requestedByName ?? o.extensionRequest.requestedBy, fmtTime(o.extensionRequest.requestedAt)].filter(Boolean).join(' · ')}
          />
        )}
      </Card>

      <Card size="small" title={t('detail.assignments')}>
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
          <Descriptions.Item label={t('wo.leadDepartment')}>{o.leadDepartmentName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('wo.assistingDepartments')}>
            {o.assistingDepartments?.length ? o.assistingDepartments.map((d) => <Tag key={d.id}>{d.name}</Tag>) : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('wo.holderDepartment')}>{o.holderDepartmentName ?? '—'}</Descriptions.Item>
        </Descriptions>
        <AssignmentTable rows={o.assignments ?? []} />
      </Card>

      {(o.replyContent || o.satisfaction) && (
        <Card size="small" title={t('detail.reply')}>
          {o.resolvedOnSpot && <Tag color="green">{t('detail.resolvedOnSpot')}</Tag>}
          {o.replyContent && <div className="pre-wrap">{o.replyContent}</div>}
          {o.satisfaction && (
            <div style={{ marginTop: 8 }}>
              {t('action.field.satisfaction')}: <Tag color={o.satisfaction === 'dissatisfied' ? 'red' : 'green'}>{label('satisfaction', o.satisfaction)}</Tag>
            </div>
          )}
        </Card>
      )}
    </Space>
  );
}
