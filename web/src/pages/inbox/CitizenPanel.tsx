// Who the citizen is across channels, and what they asked before: conversations and work orders.
import { Link } from 'react-router-dom';
import dayjs from 'dayjs';
import { Card, Descriptions, Empty, Tag, Typography } from 'antd';
import { useI18n } from '../../i18n';
import type { ConversationDetail } from './api';
import { CHANNEL_COLORS, identityLabel } from './labels';

export function CitizenPanel({ c }: { c: ConversationDetail }) {
  const { t, label } = useI18n();
  const orders = [...c.workOrders.map((w) => ({ ...w, here: true })), ...c.history.workOrders.filter((h) => !c.workOrders.some((w) => w.id === h.id)).map((w) => ({ ...w, here: false }))];
  return (
    <Card size="small" title={t('inbox.citizen')} data-testid="inbox-citizen">
      <Descriptions size="small" column={1}>
        {c.citizen.name && <Descriptions.Item label={t('inbox.wo.name')}>{c.citizen.name}</Descriptions.Item>}
        {c.citizen.identities.map((i) => {
          const key = identityLabel(i.kind);
          return (
            <Descriptions.Item key={`${i.kind}:${i.value}`} label={key ? t(key) : i.kind}>
              <Typography.Text copyable style={{ wordBreak: 'break-all' }}>
                {i.value}
              </Typography.Text>
            </Descriptions.Item>
          );
        })}
      </Descriptions>
      <Typography.Title level={5} style={{ marginTop: 8 }}>
        {t('inbox.historyOrders')}
      </Typography.Title>
      {orders.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />}
      {orders.map((w) => (
        <div key={w.id} style={{ marginBottom: 6 }}>
          <Link to={`/work-orders/${w.id}`}>{w.trackingNumber}</Link> <Tag>{label('status', w.status)}</Tag>
          {w.here && <Tag color="blue">{t('inbox.linkedOrders')}</Tag>}
          <div>
            <Typography.Text type="secondary">{w.title}</Typography.Text>
          </div>
        </div>
      ))}
      <Typography.Title level={5} style={{ marginTop: 8 }}>
        {t('inbox.historyConversations')}
      </Typography.Title>
      {c.history.conversations.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />}
      {c.history.conversations.slice(0, 10).map((h) => (
        <div key={h.id} style={{ marginBottom: 6 }}>
          <Tag color={CHANNEL_COLORS[h.channel] ?? 'default'}>{label('channel', h.channel)}</Tag>
          <Typography.Text type="secondary">{dayjs(h.lastMessageAt).format('YYYY-MM-DD HH:mm')}</Typography.Text>
          <Typography.Paragraph ellipsis={{ rows: 1 }} style={{ margin: 0 }}>
            {h.preview}
          </Typography.Paragraph>
        </div>
      ))}
    </Card>
  );
}
