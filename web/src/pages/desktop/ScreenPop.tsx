// 来电弹屏: who is calling, the IVR path they took, their earlier calls and work orders.
import { Button, Card, Descriptions, Empty, List, Space, Tag, Typography } from 'antd';
import { ArrowRightOutlined, LinkOutlined } from '@ant-design/icons';
import type { CallView, ScreenPop as Pop } from '../../api/cti';
import { useI18n } from '../../i18n';
import { StatusTag } from '../../components/Tags';
import { TID } from '../../testIds';
import { fmtTime } from '../../utils/format';
import { CALL_STATE_COLOR, callStateKey } from './labels';
import { fmtDuration, isoOf } from './time';

const D = TID.desktop;

const when = (c: CallView) => c.answeredAt ?? c.offeredAt ?? c.enqueuedAt ?? c.endedAt;

interface Props {
  call: CallView | null;
  pop: Pop | null;
  /** Links an earlier work order to the current call; absent when there is no call to link to. */
  onLink?: (order: { id: string; trackingNumber: string }) => void;
  linkedIds: readonly string[];
}

export function ScreenPop({ call, pop, onLink, linkedIds }: Props) {
  const { t } = useI18n();
  if (!call) {
    return (
      <Card size="small" title={t('desk.pop')} data-testid={D.pop}>
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('desk.pop.empty')} />
      </Card>
    );
  }
  const number = call.direction === 'outbound' ? call.calledNumber : call.callerNumber;
  return (
    <Card size="small" title={t('desk.pop')} data-testid={D.pop}>
      <Descriptions size="small" column={1}>
        <Descriptions.Item label={t('desk.pop.caller')}>
          <Space>
            <Typography.Text strong style={{ fontSize: 18 }} data-testid={D.popCaller}>
              {number ?? t('desk.unknownNumber')}
            </Typography.Text>
            <Tag>{t(`cti.direction.${call.direction ?? 'inbound'}`)}</Tag>
          </Space>
        </Descriptions.Item>
        {call.waitSeconds !== null && call.waitSeconds !== undefined && <Descriptions.Item label={t('desk.pop.waited')}>{fmtDuration(call.waitSeconds)}</Descriptions.Item>}
        <Descriptions.Item label={t('desk.pop.ivrPath')}>
          <span data-testid={D.popIvrPath}>
            {call.ivrPath?.length ? (
              <Space size={2} wrap>
                {call.ivrPath.map((step, i) => (
                  <span key={i}>
                    {i > 0 && <ArrowRightOutlined style={{ color: '#999', margin: '0 2px' }} />}
                    <Tag style={{ marginInlineEnd: 0 }}>
                      {step.note || step.node}
                      {step.input ? ` [${step.input}]` : ''}
                    </Tag>
                  </span>
                ))}
              </Space>
            ) : (
              t('desk.pop.none')
            )}
          </span>
        </Descriptions.Item>
      </Descriptions>

      <Typography.Title level={5} style={{ marginTop: 8 }}>
        {t('desk.pop.earlierOrders')}
      </Typography.Title>
      <List
        size="small"
        locale={{ emptyText: t('desk.pop.none') }}
        dataSource={pop?.workOrders ?? []}
        renderItem={(o) => (
          <List.Item
            actions={
              onLink && !linkedIds.includes(o.id)
                ? [
                    <Button key="link" size="small" icon={<LinkOutlined />} data-testid={D.popLink(o.trackingNumber)} onClick={() => onLink({ id: o.id, trackingNumber: o.trackingNumber })}>
                      {t('desk.wo.linkThis')}
                    </Button>,
                  ]
                : []
            }
          >
            <Space orientation="vertical" size={0} style={{ minWidth: 0 }}>
              <Space size={6} wrap>
                {/* A new tab, so the call and the form on this page stay as they are. */}
                <a href={`/work-orders/${o.id}`} target="_blank" rel="noreferrer" data-testid={D.popWorkOrder(o.trackingNumber)}>
                  {o.trackingNumber}
                </a>
                <StatusTag status={o.status} />
              </Space>
              <Typography.Text type="secondary" ellipsis style={{ maxWidth: 260 }}>
                {fmtTime(o.createdAt)} {o.title}
              </Typography.Text>
            </Space>
          </List.Item>
        )}
      />

      <Typography.Title level={5} style={{ marginTop: 8 }}>
        {t('desk.pop.earlierCalls')}
      </Typography.Title>
      <List
        size="small"
        data-testid={D.popEarlierCalls}
        locale={{ emptyText: t('desk.pop.none') }}
        dataSource={pop?.earlierCalls ?? []}
        renderItem={(c) => (
          <List.Item>
            <Space size={6} wrap>
              <span>{fmtTime(isoOf(when(c)))}</span>
              <Tag color={CALL_STATE_COLOR[c.state]}>{t(callStateKey(c.state))}</Tag>
              <span>{c.agentName ?? ''}</span>
              <span>{fmtDuration(c.talkSeconds)}</span>
              {!!c.workOrderIds?.length && <Tag color="blue">{c.workOrderIds.length}</Tag>}
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
