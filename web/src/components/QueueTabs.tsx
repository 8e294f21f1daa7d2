// Tabs over work-order queues, each tab a list query, with counts in the tab labels.
import { useState, type ReactNode } from 'react';
import { Badge, Button, Space, Tabs } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import type { Query } from '../api/client';
import type { WorkOrderListItem } from '../api/types';
import { useQueueCounts } from '../hooks/useQueueCounts';
import { useI18n } from '../i18n';
import { WorkOrderTable } from './WorkOrderTable';

export interface QueueTab {
  key: string;
  label: string;
  query: Query;
  testId?: string;
  /** Content above the table (e.g. a sub-filter). */
  extra?: ReactNode;
  actions?: (row: WorkOrderListItem) => ReactNode;
}

interface Props {
  tabs: QueueTab[];
  reloadKey: number;
  onReload: () => void;
}

export function QueueTabs({ tabs, reloadKey, onReload }: Props) {
  const { t } = useI18n();
  const [active, setActive] = useState(tabs[0]?.key ?? '');
  const counts = useQueueCounts(Object.fromEntries(tabs.map((tab) => [tab.key, tab.query])), reloadKey);
  return (
    <Tabs
      activeKey={active}
      onChange={setActive}
      tabBarExtraContent={
        <Button icon={<ReloadOutlined />} onClick={onReload}>
          {t('common.refresh')}
        </Button>
      }
      destroyOnHidden
      items={tabs.map((tab) => ({
        key: tab.key,
        label: (
          <Space size={6} data-testid={tab.testId}>
            {tab.label}
            <Badge count={counts[tab.key] ?? 0} showZero overflowCount={999} color={counts[tab.key] ? '#1f5fbf' : '#bbb'} />
          </Space>
        ),
        children: (
          <>
            {tab.extra}
            <WorkOrderTable query={tab.query} reloadKey={reloadKey} actions={tab.actions} />
          </>
        ),
      }))}
    />
  );
}
