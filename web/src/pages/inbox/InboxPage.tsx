// 全渠道会话: every text conversation (WeChat, SMS, e-mail, web chat) in one place for agents.
import { useEffect, useState, type ReactNode } from 'react';
import { App, Badge, Button, Col, Empty, Row, Segmented, Space } from 'antd';
import { useAuth } from '../../auth/AuthContext';
import { useI18n } from '../../i18n';
import { useAsync } from '../../hooks/useAsync';
import { useNotifyError } from '../../utils/errorText';
import { inboxApi, type InboxView } from './api';
import { ConversationList } from './ConversationList';
import { ConversationPanel } from './ConversationPanel';

const POLL_MS = 5000;

export default function InboxPage() {
  const { t } = useI18n();
  const { user } = useAuth();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [view, setView] = useState<InboxView>('mine');
  const [selected, setSelected] = useState<string | null>(null);
  const list = useAsync(() => inboxApi.list(view), [view]);
  const { reload } = list;

  useEffect(() => {
    const h = setInterval(reload, POLL_MS);
    return () => clearInterval(h);
  }, [reload]);

  const counts = list.data?.counts;
  const takeNext = async () => {
    try {
      const r = await inboxApi.takeNext();
      if (!r.conversation) {
        void message.info(t('inbox.noneWaiting'));
        return;
      }
      setView('mine');
      setSelected(r.conversation.id);
      reload();
    } catch (e) {
      notifyError(e);
    }
  };

  const views: { value: InboxView; label: ReactNode }[] = [
    { value: 'mine', label: `${t('inbox.tab.mine')} ${counts ? t('inbox.capacity', { mine: counts.mine, capacity: counts.capacity }) : ''}` },
    {
      value: 'waiting',
      label: (
        <Space size={4}>
          {t('inbox.tab.waiting')}
          <Badge count={counts?.waiting ?? 0} size="small" />
        </Space>
      ),
    },
    ...(user?.role === 'supervisor' ? [{ value: 'all' as const, label: t('inbox.tab.all') }] : []),
  ];

  return (
    <>
      <h2 className="page-title">{t('nav.inbox')}</h2>
      <Row gutter={16} wrap={false}>
        <Col flex="340px">
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Segmented block value={view} onChange={(v) => setView(v as InboxView)} options={views} data-testid="inbox-views" />
            <Button type="primary" block onClick={takeNext} data-testid="inbox-take-next" disabled={!counts?.waiting}>
              {t('inbox.takeNext')}
            </Button>
            <ConversationList items={list.data?.items ?? []} selected={selected} onSelect={setSelected} />
          </Space>
        </Col>
        <Col flex="auto" style={{ minWidth: 0 }}>
          {selected ? <ConversationPanel key={selected} id={selected} onChanged={reload} /> : <Empty style={{ marginTop: 80 }} description={t('inbox.pick')} />}
        </Col>
      </Row>
    </>
  );
}
