// 部门工作台: orders to accept, orders in hand, and those near or past their deadline.
import { useState } from 'react';
import { Button, Space } from 'antd';
import type { WorkOrderAction } from '@hotline/shared';
import type { WorkOrderListItem } from '../api/types';
import { QueueTabs, type QueueTab } from '../components/QueueTabs';
import { useActionModal } from '../components/actions/useActionModal';
import type { ModalAction } from '../components/actions/actionBody';
import { useI18n } from '../i18n';
import { TID } from '../testIds';

const IN_HAND = ['dispatched', 'handling', 'reviewing'];

export default function DepartmentWorkbench() {
  const { t, label } = useI18n();
  const [reloadKey, setReloadKey] = useState(0);
  const reload = () => setReloadKey((n) => n + 1);
  const { openAction, modal } = useActionModal(reload);

  const btn = (r: WorkOrderListItem, action: ModalAction, primary = false, danger = false) => (
    <Button
      key={action}
      size="small"
      type={primary ? 'primary' : 'default'}
      danger={danger}
      data-testid={TID.rowAction(action, r.trackingNumber)}
      onClick={() => openAction(action, r)}
    >
      {label('action', action as WorkOrderAction)}
    </Button>
  );

  const rowActions = (r: WorkOrderListItem) => (
    <Space size={4} wrap>
      {r.status === 'dispatched' && [btn(r, 'accept', true), btn(r, 'return', false, true)]}
      {r.status === 'handling' && [btn(r, 'reply', true), btn(r, 'extension'), btn(r, 'return', false, true)]}
    </Space>
  );

  const tabs: QueueTab[] = [
    { key: 'dispatched', label: t('department.tab.dispatched'), query: { status: ['dispatched'] } },
    { key: 'handling', label: t('department.tab.handling'), query: { status: ['handling'] } },
    { key: 'warning', label: t('department.tab.warning'), query: { deadlineState: 'warning', status: IN_HAND } },
    { key: 'overdue', label: t('department.tab.overdue'), query: { deadlineState: 'overdue', status: IN_HAND } },
  ].map((tab) => ({ ...tab, actions: rowActions, testId: TID.departmentTab(tab.key) }));

  return (
    <>
      <h2 className="page-title">{t('nav.department')}</h2>
      <QueueTabs tabs={tabs} reloadKey={reloadKey} onReload={reload} />
      {modal}
    </>
  );
}
