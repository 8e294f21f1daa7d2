// The reply box: free text, quick replies, and knowledge-base suggestions to insert.
import { useState } from 'react';
import { Button, Dropdown, Empty, Input, Popover, Space, Spin, Typography } from 'antd';
import { BookOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { useI18n } from '../../i18n';
import { useAsync } from '../../hooks/useAsync';
import { useNotifyError } from '../../utils/errorText';
import { inboxApi, type KnowledgeSuggestion } from './api';

function KnowledgeSuggestions({ text, onInsert }: { text: string; onInsert: (s: string) => void }) {
  const { t } = useI18n();
  const res = useAsync(() => (text.trim() ? inboxApi.suggest(text) : Promise.resolve({ articles: [], templates: [] })), [text]);
  if (res.loading) return <Spin />;
  const items: KnowledgeSuggestion[] = [...(res.data?.templates ?? []), ...(res.data?.articles ?? [])];
  if (res.error || !items.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('inbox.knowledgeEmpty')} />;
  return (
    <div style={{ width: 380, maxHeight: 360, overflowY: 'auto' }}>
      {items.map((a) => {
        const insert = a.body ?? a.summary ?? a.title;
        return (
          <div key={`${a.kind}-${a.id}`} style={{ padding: '6px 0', borderBottom: '1px solid #f0f0f0' }}>
            <Typography.Text strong>{a.title}</Typography.Text>
            <Typography.Paragraph ellipsis={{ rows: 3 }} style={{ margin: '2px 0', color: '#555' }}>
              {insert}
            </Typography.Paragraph>
            <Button size="small" onClick={() => onInsert(insert)}>
              {t('inbox.insert')}
            </Button>
          </div>
        );
      })}
    </div>
  );
}

export function ReplyBox({ conversationId, citizenText, onSent }: { conversationId: string; citizenText: string; onSent: () => void }) {
  const { t } = useI18n();
  const notifyError = useNotifyError();
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);
  const [assistOpen, setAssistOpen] = useState(false);
  const quick = useAsync(() => inboxApi.quickReplies(), []);
  const insert = (s: string) => setText((cur) => (cur.trim() ? `${cur}\n${s}` : s));

  const send = async () => {
    if (!text.trim() || sending) return;
    setSending(true);
    try {
      await inboxApi.reply(conversationId, text.trim());
      setText('');
      onSent();
    } catch (e) {
      notifyError(e);
    } finally {
      setSending(false);
    }
  };

  return (
    <div>
      <Space style={{ marginBottom: 6 }}>
        <Dropdown
          menu={{ items: (quick.data?.items ?? []).map((q) => ({ key: q.id, label: q.text, onClick: () => insert(q.text) })) }}
          trigger={['click']}
        >
          <Button size="small" icon={<ThunderboltOutlined />} data-testid="inbox-quick-replies">
            {t('inbox.quickReplies')}
          </Button>
        </Dropdown>
        <Popover
          open={assistOpen}
          onOpenChange={setAssistOpen}
          trigger="click"
          placement="topLeft"
          content={assistOpen ? <KnowledgeSuggestions text={citizenText} onInsert={(s) => (insert(s), setAssistOpen(false))} /> : null}
        >
          <Button size="small" icon={<BookOutlined />} data-testid="inbox-knowledge">
            {t('inbox.knowledge')}
          </Button>
        </Popover>
      </Space>
      <Input.TextArea
        data-testid="inbox-reply-text"
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder={t('inbox.replyPlaceholder')}
        autoSize={{ minRows: 3, maxRows: 6 }}
        maxLength={2000}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void send();
        }}
      />
      <div style={{ textAlign: 'right', marginTop: 6 }}>
        <Button type="primary" loading={sending} disabled={!text.trim()} onClick={send} data-testid="inbox-reply-send">
          {t('inbox.send')}
        </Button>
      </div>
    </div>
  );
}
