// The history of lead and assisting assignments of an order.
import { Table, Tag } from 'antd';
import type { AssignmentHistory } from '../../api/types';
import { useI18n } from '../../i18n';
import { fmtTime } from '../../utils/format';

const STATUS_COLORS: Record<string, string> = { active: 'processing', returned: 'red', done: 'green', withdrawn: 'default' };

export function AssignmentTable({ rows }: { rows: AssignmentHistory[] }) {
  const { t } = useI18n();
  if (!rows.length) return null;
  return (
    <Table<AssignmentHistory>
      style={{ marginTop: 8 }}
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={rows}
      columns={[
        { title: t('wo.department'), dataIndex: 'departmentName', render: (v: string | null, r) => v ?? r.departmentId },
        { title: t('detail.assignmentRole'), dataIndex: 'role', width: 90, render: (v: string) => (v === 'lead' ? t('detail.role.lead') : t('detail.role.assisting')) },
        {
          title: t('wo.status'),
          dataIndex: 'status',
          width: 100,
          render: (v: string) => <Tag color={STATUS_COLORS[v]}>{t(`detail.assignment.${v}` as 'detail.assignment.active')}</Tag>,
        },
        { title: t('detail.assignedAt'), dataIndex: 'createdAt', width: 140, render: fmtTime },
        { title: t('detail.endedAt'), dataIndex: 'endedAt', width: 140, render: fmtTime },
      ]}
    />
  );
}
