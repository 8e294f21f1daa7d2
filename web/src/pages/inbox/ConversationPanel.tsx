// One conversation: its header and actions, the thread (polled for new messages), the reply box
// and the citizen beside it.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { App, Alert, Button, Card, Col, Popconfirm, Row, Space, Spin, Tag } from 'antd';
import { useI18n } from '../../i18n';
import { useAsync } from '../../hooks/useAsync';
import { useNotifyError } from '../../utils/errorText';
import { inboxApi, type Message } from './api';
import { MessageThread } from './MessageThread';
import { ReplyBox } from './ReplyBox';
import { CitizenPanel } from './CitizenPanel';
import { WorkOrderModal } from './WorkOrderModal';
import { CHANNEL_COLORS, STATE_COLORS } from './labels';

const POLL_MS = 3000;

export function ConversationPanel({ id, onChanged }: { id: string; onChanged: () => void }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const detail = useAsync(() => inboxApi.get(id), [id]);
  const [messages, setMessages] = useState<Message[]>([]);
  const [woOpen, setWoOpen] = useState(false);
  const last = useRef<string | undefined>(undefined);

  const pull = useCallback(async () => {
    const res = await inboxApi.messages(id, last.current);
    if (!res.items.length) return;
    last.current = res.items[res.items.length - 1]!.seq;
    setMessages((cur) => [...cur, ...res.items]);
  }, [id]);

  useEffect(() => {
    last.current = undefined;
    setMessages([]);
    void pull().catch(() => undefined);
    const h = setInterval(() => void pull().catch(() => undefined), POLL_MS);
    return () => clearInterval(h);
  }, [pull]);

  const citizenText = useMemo(
    () => messages.filter((m) => m.author === 'citizen' && m.kind !== 'event' && m.text.trim()).map((m) => m.text.trim()).join('\n'),
    [messages],
  );

  const act = async (fn: () => Promise<unknown>) => {
    try {
      await fn();
      detail.reload();
      onChanged();
      await pull();
    } catch (e) {
      notifyError(e);
    }
  };

  const c = detail.data;
  if (!c) return detail.error ? <Alert type="error" title={detail.error.message} /> : <Spin />;
  const resend = (m: Message) => act(() => inboxApi.resend(c.id, m.id));

  return (
    <Row gutter={16}>
      <Col xs={24} xl={16}>
        <Card
          size="small"
          data-testid="inbox-conversation"
          title={
            <Space>
              <Tag color={CHANNEL_COLORS[c.channel] ?? 'default'}>{label('channel', c.channel)}</Tag>
              <span>{c.citizen.name || c.citizen.identities[0]?.value}</span>
              <Tag color={STATE_COLORS[c.state]}>{t(`inbox.state.${c.state}`)}</Tag>
              {c.agentName && <span style={{ fontWeight: 'normal' }}>{t('inbox.heldBy', { name: c.agentName })}</span>}
            </Space>
          }
          extra={
            <Space>
              {c.state === 'waiting' && (
                <Button type="primary" data-testid="inbox-take" onClick={() => act(() => inboxApi.take(c.id))}>
                  {t('inbox.take')}
                </Button>
              )}
              {c.mayAct && (
                <Button data-testid="inbox-to-work-order" onClick={() => setWoOpen(true)}>
                  {t('inbox.toWorkOrder')}
                </Button>
              )}
              {c.state === 'assigned' && (
                <Button data-testid="inbox-requeue" onClick={() => act(() => inboxApi.requeue(c.id))}>
                  {t('inbox.requeue')}
                </Button>
              )}
              {c.state !== 'closed' && (
                <Popconfirm title={t('inbox.confirmClose')} onConfirm={() => act(() => inboxApi.close(c.id))}>
                  <Button danger data-testid="inbox-close">
                    {t('inbox.close')}
                  </Button>
                </Popconfirm>
              )}
            </Space>
          }
        >
          <MessageThread conversationId={c.id} messages={messages} onResend={c.mayAct ? resend : undefined} />
          {c.mayAct ? (
            <ReplyBox conversationId={c.id} citizenText={citizenText} onSent={() => void pull()} />
          ) : (
            c.state !== 'closed' && <Alert type="info" showIcon title={t('inbox.notHolder')} />
          )}
        </Card>
      </Col>
      <Col xs={24} xl={8}>
        <CitizenPanel c={c} />
      </Col>
      {c.mayAct && (
        <WorkOrderModal
          open={woOpen}
          conversation={c}
          citizenText={citizenText}
          onClose={() => setWoOpen(false)}
          onDone={(r) => {
            setWoOpen(false);
            void message.success(t('inbox.wo.done', { trackingNumber: r.trackingNumber }));
            void act(async () => undefined);
          }}
        />
      )}
    </Row>
  );
}
