// 在线咨询: the chat window. The knowledge bot answers first; "人工" (or a question it cannot answer)
// brings a person from the hotline's inbox. New messages arrive by long polling; the visitor's
// token is kept for the browser session so a reload continues the same chat.
import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Card, Input, Space, Tag, Typography } from 'antd';
import { SendOutlined } from '@ant-design/icons';
import { ApiError } from '../../api/client';
import { useI18n, type MessageKey } from '../../i18n';
import { TID } from '../../testIds';
import { usePortalErrorText } from './portalErrors';
import { lastSeq, mergeMessages, newClientId } from './chatModel';
import { chatApi, type ChatMessage } from './portalApi';

const TOKEN_KEY = 'portal.chat.token';
const STATE_KEY: Record<string, MessageKey> = {
  bot: 'portal.chat.state.bot',
  waiting: 'portal.chat.state.waiting',
  assigned: 'portal.chat.state.assigned',
  closed: 'portal.chat.state.closed',
};
const AUTHOR_KEY: Record<ChatMessage['author'], MessageKey> = {
  citizen: 'portal.chat.author.citizen',
  bot: 'portal.chat.author.bot',
  agent: 'portal.chat.author.agent',
  system: 'portal.chat.author.system',
};

export default function ChatPage() {
  const { t } = useI18n();
  const errorText = usePortalErrorText();
  const [token, setToken] = useState<string | null>(() => sessionStorage.getItem(TOKEN_KEY));
  const [messages, setMessages] = useState<ChatMessage[]>([]);
  const [state, setState] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const seq = useRef('0');
  const log = useRef<HTMLDivElement>(null);

  // Long poll: ask for anything after the last message seen, waiting up to 20 s each time.
  useEffect(() => {
    if (!token) return;
    const stop = new AbortController();
    void (async () => {
      while (!stop.signal.aborted) {
        try {
          const res = await chatApi.read(token, seq.current, 20, stop.signal);
          setState(res.state);
          if (res.items.length) {
            setMessages((cur) => {
              const next = mergeMessages(cur, res.items);
              seq.current = lastSeq(next);
              return next;
            });
          }
        } catch (e) {
          if (stop.signal.aborted) return;
          if (e instanceof ApiError && e.code === 'CHAT_TOKEN_INVALID') {
            sessionStorage.removeItem(TOKEN_KEY);
            setToken(null);
            return;
          }
          await new Promise((r) => setTimeout(r, 3000));
        }
      }
    })();
    return () => stop.abort();
  }, [token]);

  useEffect(() => {
    log.current?.scrollTo?.({ top: log.current.scrollHeight });
  }, [messages.length]);

  const start = async () => {
    setBusy(true);
    setError(null);
    try {
      const tk = await chatApi.start();
      sessionStorage.setItem(TOKEN_KEY, tk);
      setToken(tk);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const send = async (what = text) => {
    const body = what.trim();
    if (!token || !body) return;
    setBusy(true);
    setError(null);
    const clientId = newClientId();
    try {
      // One retry with the same clientId: if the first did arrive, it is not stored twice.
      const sent = await chatApi.send(token, body, clientId).catch((e) => {
        if (e instanceof ApiError && e.code === 'NETWORK') return chatApi.send(token, body, clientId);
        throw e;
      });
      if (what === text) setText('');
      setMessages((cur) => mergeMessages(cur, [{ id: sent.id, seq: sent.seq, author: 'citizen', kind: 'text', text: body, createdAt: new Date().toISOString() }]));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  if (!token) {
    return (
      <Card title={t('portal.chat.title')}>
        <Typography.Paragraph>{t('portal.chat.intro')}</Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Button data-testid={TID.portal.chatStart} type="primary" size="large" block loading={busy} onClick={start}>
          {busy ? t('portal.appeal.verifying') : t('portal.chat.start')}
        </Button>
      </Card>
    );
  }

  return (
    <div className="portal-chat" data-testid={TID.portal.chat}>
      <Space style={{ padding: '8px 12px', borderBottom: '1px solid #e5e8ef' }}>
        <Typography.Text strong>{t('portal.chat.title')}</Typography.Text>
        {state && (
          <Tag data-testid={TID.portal.chatState} data-state={state} color={state === 'assigned' ? 'green' : state === 'waiting' ? 'orange' : 'blue'}>
            {t(STATE_KEY[state] ?? 'portal.chat.state.bot')}
          </Tag>
        )}
      </Space>
      <div className="portal-chat-log" ref={log} role="log" aria-live="polite" aria-label={t('portal.chat.title')}>
        <div className="portal-bubble bot">
          <span className="who">{t(AUTHOR_KEY.bot)}</span>
          {t('portal.chat.greeting')}
        </div>
        {messages.map((m) => (
          <div key={m.id} className={`portal-bubble ${m.author}`} data-testid={TID.portal.chatMessage(m.author)}>
            {m.author !== 'system' && m.author !== 'citizen' && <span className="who">{t(AUTHOR_KEY[m.author])}</span>}
            {m.text}
          </div>
        ))}
      </div>
      {error && <Alert type="error" showIcon title={error} banner />}
      <div className="portal-chat-input">
        <Input.TextArea
          data-testid={TID.portal.chatInput}
          aria-label={t('portal.chat.input')}
          placeholder={t('portal.chat.input')}
          autoSize={{ minRows: 1, maxRows: 4 }}
          maxLength={2000}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onPressEnter={(e) => {
            if (!e.shiftKey) {
              e.preventDefault();
              void send();
            }
          }}
        />
        <Button data-testid={TID.portal.chatSend} type="primary" icon={<SendOutlined />} loading={busy} onClick={() => void send()} aria-label={t('portal.chat.send')} />
      </div>
      <div style={{ padding: '0 12px 8px' }}>
        <Button size="small" type="link" disabled={busy || state === 'waiting' || state === 'assigned'} onClick={() => void send('人工')}>
          {t('portal.chat.person')}
        </Button>
        {state === 'closed' && (
          <Button
            size="small"
            type="link"
            onClick={() => {
              sessionStorage.removeItem(TOKEN_KEY);
              setMessages([]);
              seq.current = '0';
              setToken(null);
            }}
          >
            {t('portal.chat.new')}
          </Button>
        )}
      </div>
    </div>
  );
}
