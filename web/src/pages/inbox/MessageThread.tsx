// The messages of one conversation as a chat: the citizen on the left, bot, agents and system on the right.
import { useEffect, useRef } from 'react';
import dayjs from 'dayjs';
import { Button, Image, Tag, Typography } from 'antd';
import { useI18n, type MessageKey } from '../../i18n';
import { inboxApi, type Message } from './api';

const BUBBLE: Record<Message['author'], string> = { citizen: '#f5f5f5', bot: '#f6ffed', agent: '#e6f4ff', system: '#fffbe6' };

function Body({ conversationId, m }: { conversationId: string; m: Message }) {
  const { t } = useI18n();
  const kindLabel = ['image', 'voice', 'video', 'location', 'link', 'file'].includes(m.kind) ? t(`inbox.kind.${m.kind}` as MessageKey) : null;
  const url = m.attachmentId ? inboxApi.attachmentUrl(conversationId, m.attachmentId) : null;
  const d = m.data ?? {};
  return (
    <>
      {kindLabel && <Typography.Text type="secondary">{kindLabel} </Typography.Text>}
      {m.text && <span style={{ whiteSpace: 'pre-wrap' }}>{m.text}</span>}
      {m.kind === 'location' && typeof d.lat === 'number' && (
        <div>
          <Typography.Text type="secondary">{t('inbox.openMap', { lat: d.lat, lng: d.lng as number })}</Typography.Text>
        </div>
      )}
      {m.kind === 'link' && typeof d.url === 'string' && (
        <div>
          <a href={d.url} target="_blank" rel="noreferrer noopener">
            {d.url}
          </a>
        </div>
      )}
      {url && m.kind === 'image' && (
        <div style={{ marginTop: 4 }}>
          <Image src={url} width={160} alt="" />
        </div>
      )}
      {url && m.kind !== 'image' && (
        <div>
          <a href={url} target="_blank" rel="noreferrer">
            {t('inbox.openAttachment')}
          </a>
        </div>
      )}
    </>
  );
}

export function MessageThread({ conversationId, messages, onResend }: { conversationId: string; messages: Message[]; onResend?: (m: Message) => void }) {
  const { t } = useI18n();
  const end = useRef<HTMLDivElement>(null);
  // A block body: Chromium's scrollIntoView now returns a promise, which React would take for the
  // effect's cleanup and call on the next render (a TypeError that blanks the page).
  useEffect(() => {
    end.current?.scrollIntoView({ block: 'end' });
  }, [messages.length]);
  return (
    <div data-testid="inbox-thread" style={{ height: 'calc(100vh - 430px)', minHeight: 240, overflowY: 'auto', padding: '8px 4px' }}>
      {messages.map((m) => {
        const mine = m.direction === 'out';
        return (
          <div key={m.id} style={{ display: 'flex', justifyContent: mine ? 'flex-end' : 'flex-start', marginBottom: 10 }}>
            <div style={{ maxWidth: '72%' }}>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t(`inbox.author.${m.author}`)} · {dayjs(m.createdAt).format('MM-DD HH:mm:ss')}
              </Typography.Text>
              <div style={{ background: BUBBLE[m.author], borderRadius: 8, padding: '6px 10px', marginTop: 2 }}>
                <Body conversationId={conversationId} m={m} />
              </div>
              {m.delivery === 'failed' && (
                <div style={{ textAlign: 'right' }}>
                  <Tag color="error" title={m.deliveryError ?? undefined}>
                    {t('inbox.delivery.failed')}
                  </Tag>
                  {onResend && (
                    <Button size="small" type="link" onClick={() => onResend(m)}>
                      {t('inbox.resend')}
                    </Button>
                  )}
                </div>
              )}
              {m.delivery === 'pending' && <Tag style={{ float: 'right' }}>{t('inbox.delivery.pending')}</Tag>}
            </div>
          </div>
        );
      })}
      <div ref={end} />
    </div>
  );
}
