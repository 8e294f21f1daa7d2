// 回访: closed orders waiting for a callback; record satisfaction or reopen.
import { useState } from 'react';
import { Button, Space } from 'antd';
import { QueueTabs } from '../components/QueueTabs';
import { useActionModal } from '../components/actions/useActionModal';
import { useI18n } from '../i18n';
import { TID } from '../testIds';

export default function FollowUpQueue() {
  const { t, label } = useI18n();
  const [reloadKey, setReloadKey] = useState(0);
  const reload = () => setReloadKey((n) => n + 1);
  const { openAction, modal } = useActionModal(reload);
  return (
    <>
      <h2 className="page-title">{t('nav.followup')}</h2>
      <QueueTabs
        reloadKey={reloadKey}
        onReload={reload}
        tabs={[
          {
            key: 'closed',
            label: t('followup.tab.closed'),
            query: { status: ['closed'] },
            actions: (r) => (
              <Space size={4}>
                <Button type="primary" size="small" data-testid={TID.rowAction('followup', r.trackingNumber)} onClick={() => openAction('followUp', r)}>
                  {label('action', 'followUp')}
                </Button>
                <Button size="small" danger data-testid={TID.rowAction('reopen', r.trackingNumber)} onClick={() => openAction('reopen', r)}>
                  {label('action', 'reopen')}
                </Button>
              </Space>
            ),
          },
          { key: 'followedUp', label: t('followup.tab.done'), query: { status: ['followedUp'] } },
        ]}
      />
      {modal}
    </>
  );
}
