// 审核: replies waiting for the department leader; approve or send back with a note.
import { useState } from 'react';
import { Button, Space } from 'antd';
import { QueueTabs } from '../components/QueueTabs';
import { useActionModal } from '../components/actions/useActionModal';
import { useI18n } from '../i18n';
import { TID } from '../testIds';

export default function ReviewQueue() {
  const { t } = useI18n();
  const [reloadKey, setReloadKey] = useState(0);
  const reload = () => setReloadKey((n) => n + 1);
  const { openAction, modal } = useActionModal(reload);
  return (
    <>
      <h2 className="page-title">{t('nav.review')}</h2>
      <QueueTabs
        reloadKey={reloadKey}
        onReload={reload}
        tabs={[
          {
            key: 'reviewing',
            label: t('review.tab'),
            query: { status: ['reviewing'] },
            actions: (r) => (
              <Space size={4}>
                <Button
                  type="primary"
                  size="small"
                  data-testid={TID.rowAction('review-approve', r.trackingNumber)}
                  onClick={() => openAction('review', r, { approve: true })}
                >
                  {t('review.approve')}
                </Button>
                <Button
                  size="small"
                  danger
                  data-testid={TID.rowAction('review-reject', r.trackingNumber)}
                  onClick={() => openAction('review', r, { approve: false })}
                >
                  {t('review.sendBack')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      {modal}
    </>
  );
}
