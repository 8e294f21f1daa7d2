// The left column: conversations of the chosen view, newest waiting last (served first).
import dayjs from 'dayjs';
import { Empty, Tag, Typography } from 'antd';
import { useI18n } from '../../i18n';
import type { ConversationItem } from './api';
import { CHANNEL_COLORS } from './labels';

export function ConversationList({ items, selected, onSelect }: { items: ConversationItem[]; selected: string | null; onSelect: (id: string) => void }) {
  const { t, label } = useI18n();
  if (!items.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('inbox.empty')} />;
  return (
    <div className="inbox-list" data-testid="inbox-list">
      {items.map((c) => {
        const since = c.state === 'waiting' && c.waitingSince ? dayjs().diff(dayjs(c.waitingSince), 'minute') : null;
        return (
          <div
            key={c.id}
            role="button"
            tabIndex={0}
            data-testid={`inbox-item-${c.id}`}
            onClick={() => onSelect(c.id)}
            onKeyDown={(e) => e.key === 'Enter' && onSelect(c.id)}
            style={{
              padding: '10px 12px',
              borderRadius: 6,
              cursor: 'pointer',
              marginBottom: 6,
              border: '1px solid #f0f0f0',
              background: c.id === selected ? '#e6f4ff' : '#fff',
            }}
          >
            <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
              <span>
                <Tag color={CHANNEL_COLORS[c.channel] ?? 'default'}>{label('channel', c.channel)}</Tag>
                <Typography.Text strong>{c.citizen.name || c.citizen.identity}</Typography.Text>
              </span>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {dayjs(c.lastMessageAt).format('HH:mm')}
              </Typography.Text>
            </div>
            <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: '4px 0 0', color: '#555' }}>
              {c.preview}
            </Typography.Paragraph>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {since !== null ? t('inbox.waitingFor', { minutes: since }) : c.agentName ? t('inbox.heldBy', { name: c.agentName }) : t(`inbox.state.${c.state}`)}
            </Typography.Text>
          </div>
        );
      })}
    </div>
  );
}
