// Per queue: waiting now, the longest wait (ticking), answered, abandoned, answer rate and the
// 15-second answer rate (GB/T 33358: calls answered within 15 s).
import type { HTMLAttributes } from 'react';
import { Table, Typography, type TableColumnsType } from 'antd';
import { useI18n } from '../../i18n';
import { TID } from '../../testIds';
import { fmtDuration, useNow } from '../desktop/time';
import { longestWaitNow, type QueueRow } from './wallboardModel';

const W = TID.wallboard;
const pct = (v: number | null) => (v === null || v === undefined ? '—' : `${(v * 100).toFixed(1)}%`);

export function QueueTable({ queues }: { queues: QueueRow[] }) {
  const { t } = useI18n();
  const now = useNow();
  const columns: TableColumnsType<QueueRow> = [
    { title: t('wall.col.queue'), dataIndex: 'name', render: (name: string, q) => name || q.queueId },
    {
      title: t('wall.col.waiting'),
      dataIndex: 'waiting',
      render: (n: number) => (
        <Typography.Text strong type={n > 0 ? 'warning' : undefined} style={{ fontSize: 16 }}>
          {n}
        </Typography.Text>
      ),
    },
    {
      title: t('wall.col.longestWait'),
      key: 'longest',
      render: (_, q) => {
        const s = longestWaitNow(q, now);
        return <Typography.Text type={s > 15 ? 'danger' : undefined}>{fmtDuration(s)}</Typography.Text>;
      },
    },
    { title: t('wall.col.answered'), dataIndex: 'answered' },
    { title: t('wall.col.abandoned'), dataIndex: 'abandoned' },
    { title: t('wall.col.answerRate'), dataIndex: 'answerRate', render: pct },
    { title: t('wall.col.serviceLevel'), dataIndex: 'serviceLevelRate', render: pct },
    { title: t('wall.col.agentsReady'), key: 'agents', render: (_, q) => `${q.agentsReady} / ${q.agentsLoggedIn}` },
  ];
  return (
    <Table<QueueRow>
      data-testid={W.queues}
      size="small"
      rowKey="queueId"
      columns={columns}
      dataSource={queues}
      pagination={false}
      scroll={{ x: true }}
      onRow={(q) => ({ 'data-testid': W.queue(q.queueId) }) as HTMLAttributes<HTMLElement>}
    />
  );
}
