// 派单工作台: registered and returned orders to dispatch, replied orders to close, supervised/overdue orders.
import { useState } from 'react';
import { Button, Segmented, Space } from 'antd';
import type { WorkOrderListItem } from '../api/types';
import { DispatchModal } from '../components/DispatchModal';
import { QueueTabs, type QueueTab } from '../components/QueueTabs';
import { useActionModal } from '../components/actions/useActionModal';
import { useI18n } from '../i18n';
import { TID } from '../testIds';

export default function DispatcherWorkbench() {
  const { t, label } = useI18n();
  const [reloadKey, setReloadKey] = useState(0);
  const reload = () => setReloadKey((n) => n + 1);
  const [dispatching, setDispatching] = useState<{ id: string; prefer: 'dispatch' | 'reassign' } | null>(null);
  const [watch, setWatch] = useState<'supervised' | 'overdue'>('overdue');
  const { openAction, modal } = useActionModal(reload);

  const dispatchButtons = (r: WorkOrderListItem) => (
    <Space size={4} wrap>
      <Button type="primary" size="small" data-testid={TID.rowDispatch(r.trackingNumber)} onClick={() => setDispatching({ id: r.id, prefer: r.status === 'returned' ? 'reassign' : 'dispatch' })}>
        {label('action', r.status === 'returned' ? 'reassign' : 'dispatch')}
      </Button>
      <Button size="small" danger onClick={() => openAction('cancel', r)} data-testid={TID.rowAction('cancel', r.trackingNumber)}>
        {label('action', 'cancel')}
      </Button>
    </Space>
  );

  const base: QueueTab[] = [
    { key: 'registered', label: t('dispatcher.tab.registered'), query: { status: ['registered'] }, actions: dispatchButtons },
    { key: 'returned', label: t('dispatcher.tab.returned'), query: { status: ['returned'] }, actions: dispatchButtons },
    {
      key: 'replied',
      label: t('dispatcher.tab.replied'),
      query: { status: ['replied'] },
      actions: (r) => (
        <Button type="primary" size="small" data-testid={TID.rowAction('close', r.trackingNumber)} onClick={() => openAction('close', r)}>
          {label('action', 'close')}
        </Button>
      ),
    },
    {
      key: 'watch',
      label: t('dispatcher.tab.watch'),
      query: watch === 'supervised' ? { supervised: true, status: ['registered', 'dispatched', 'returned', 'handling', 'reviewing', 'replied'] } : { deadlineState: 'overdue', status: ['dispatched', 'handling', 'reviewing'] },
      extra: (
        <Segmented
          style={{ marginBottom: 12 }}
          value={watch}
          onChange={(v) => setWatch(v as typeof watch)}
          options={[
            { value: 'overdue', label: t('dispatcher.watch.overdue') },
            { value: 'supervised', label: t('dispatcher.watch.supervised') },
          ]}
        />
      ),
      actions: (r) => (
        <Space size={4}>
          <Button size="small" onClick={() => openAction('urge', r)} data-testid={TID.rowAction('urge', r.trackingNumber)}>
            {label('action', 'urge')}
          </Button>
          <Button size="small" onClick={() => openAction('supervise', r)} data-testid={TID.rowAction('supervise', r.trackingNumber)}>
            {label('action', 'supervise')}
          </Button>
        </Space>
      ),
    },
  ];
  const tabs = base.map((tab) => ({ ...tab, testId: TID.dispatcherTab(tab.key) }));

  return (
    <>
      <h2 className="page-title">{t('nav.dispatch')}</h2>
      <QueueTabs tabs={tabs} reloadKey={reloadKey} onReload={reload} />
      <DispatchModal orderId={dispatching?.id ?? null} prefer={dispatching?.prefer} onClose={() => setDispatching(null)} onDone={reload} />
      {modal}
    </>
  );
}
