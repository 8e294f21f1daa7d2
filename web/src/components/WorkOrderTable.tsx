// A paged table of work orders for one list query; used by the workbenches, queues and the search page.
import { useEffect, useState, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { Alert, Space, Table, Tag, Tooltip, type TableColumnsType } from 'antd';
import { workOrderApi } from '../api/endpoints';
import type { Query } from '../api/client';
import type { WorkOrderListItem } from '../api/types';
import { useAsync } from '../hooks/useAsync';
import { useI18n } from '../i18n';
import { TID } from '../testIds';
import { fmtTime } from '../utils/format';
import { DeadlineTag, StatusTag, UrgencyTag } from './Tags';

interface Props {
  query: Query;
  /** Bump to reload the current page. */
  reloadKey?: number;
  actions?: (row: WorkOrderListItem) => ReactNode;
  /** Controlled paging (the search page keeps it in the URL); otherwise internal. */
  page?: number;
  pageSize?: number;
  onPageChange?: (page: number, pageSize: number) => void;
  onTotal?: (total: number) => void;
}

export function WorkOrderTable({ query, reloadKey = 0, actions, page: cPage, pageSize: cSize, onPageChange, onTotal }: Props) {
  const { t, label } = useI18n();
  const [own, setOwn] = useState({ page: 1, pageSize: 20 });
  const page = cPage ?? own.page;
  const pageSize = cSize ?? own.pageSize;
  const key = JSON.stringify(query);
  useEffect(() => setOwn((o) => ({ ...o, page: 1 })), [key]);
  const { data, loading, error } = useAsync(() => workOrderApi.list({ ...query, page, pageSize }), [key, page, pageSize, reloadKey]);
  useEffect(() => {
    if (data) onTotal?.(data.total);
  }, [data, onTotal]);

  const columns: TableColumnsType<WorkOrderListItem> = [
    {
      title: t('wo.trackingNumber'),
      dataIndex: 'trackingNumber',
      width: 170,
      fixed: 'left',
      render: (tn: string, r) => (
        <Link to={`/work-orders/${r.id}`} data-testid={TID.workOrderLink(tn)}>
          {tn}
        </Link>
      ),
    },
    {
      title: t('wo.title'),
      dataIndex: 'title',
      width: 260,
      ellipsis: { showTitle: false },
      render: (v: string, r) => (
        <Space size={4}>
          {r.supervised && <Tag color="magenta">{t('wo.supervised')}</Tag>}
          {!!r.urgeCount && <Tag color="orange">{t('wo.urgedTimes', { n: r.urgeCount })}</Tag>}
          <Tooltip title={v}>{v}</Tooltip>
        </Space>
      ),
    },
    { title: t('wo.type'), dataIndex: 'type', width: 90, render: (v: string) => label('type', v) },
    { title: t('wo.urgency'), dataIndex: 'urgency', width: 80, render: (v: WorkOrderListItem['urgency']) => <UrgencyTag urgency={v} /> },
    { title: t('wo.status'), dataIndex: 'status', width: 100, render: (v: WorkOrderListItem['status']) => <StatusTag status={v} /> },
    { title: t('wo.category'), dataIndex: 'categoryName', width: 150, ellipsis: true },
    { title: t('wo.district'), dataIndex: 'districtName', width: 100, ellipsis: true },
    { title: t('wo.leadOrHolder'), dataIndex: 'leadDepartmentName', width: 140, ellipsis: true, render: (v, r) => v ?? r.holderDepartmentName },
    { title: t('wo.citizen'), dataIndex: 'citizenName', width: 140, render: (v: string, r) => [v, r.citizenPhone].filter(Boolean).join(' ') },
    { title: t('wo.createdAt'), dataIndex: 'createdAt', width: 140, render: fmtTime },
    {
      title: t('wo.handleDeadline'),
      dataIndex: 'handleDeadline',
      width: 190,
      render: (v: string | null, r) => (
        <Space size={4}>
          {fmtTime(v)}
          <DeadlineTag state={r.deadlineState} />
        </Space>
      ),
    },
  ];
  if (actions) columns.push({ title: t('common.actions'), key: 'actions', fixed: 'right', width: 180, render: (_, r) => actions(r) });

  return (
    <>
      {error && <Alert type="error" showIcon title={error.message} style={{ marginBottom: 12 }} />}
      <Table<WorkOrderListItem>
        data-testid={TID.workOrderTable}
        rowKey="id"
        size="middle"
        loading={loading}
        columns={columns}
        dataSource={data?.items ?? []}
        scroll={{ x: columns.reduce((n, c) => n + (typeof c.width === 'number' ? c.width : 120), 0) }}
        pagination={{
          current: page,
          pageSize,
          total: data?.total ?? 0,
          showSizeChanger: true,
          // The server counts up to a cap on large result sets; say so rather than show a false total.
          showTotal: (n) => t('common.total', { n: data?.totalCapped ? `${n}+` : n }),
          onChange: (p, s) => (onPageChange ? onPageChange(p, s) : setOwn({ page: p, pageSize: s })),
        }}
      />
    </>
  );
}
