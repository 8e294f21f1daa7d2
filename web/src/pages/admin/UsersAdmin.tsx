// 管理 · 用户: list, create, edit, reset password.
import { useMemo, useState } from 'react';
import { Alert, Button, Card, Input, Space, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { directoryApi } from '../../api/endpoints';
import type { User } from '../../api/types';
import { useAsync } from '../../hooks/useAsync';
import { useReference } from '../../hooks/useReference';
import { useI18n } from '../../i18n';
import { fmtTime } from '../../utils/format';
import { nameMap } from '../../utils/tree';
import { PasswordModal, UserFormModal } from './UserModals';

export default function UsersAdmin() {
  const { t, label } = useI18n();
  const { departments } = useReference();
  const { data, loading, error, reload } = useAsync(() => directoryApi.users(), []);
  const [editing, setEditing] = useState<User | 'new' | null>(null);
  const [resetting, setResetting] = useState<User | null>(null);
  const [q, setQ] = useState('');
  const deptNames = useMemo(() => nameMap(departments), [departments]);
  const rows = (data ?? []).filter((u) => !q || u.username.includes(q) || u.displayName.includes(q));

  return (
    <>
      <h2 className="page-title">{t('nav.admin.users')}</h2>
      <Card
        size="small"
        title={<Input.Search allowClear placeholder={t('common.search')} onChange={(e) => setQ(e.target.value.trim())} style={{ maxWidth: 260 }} />}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('admin.users.new')}
          </Button>
        }
      >
        {error && <Alert type="error" showIcon title={error.message} style={{ marginBottom: 12 }} />}
        <Table<User>
          rowKey="id"
          size="small"
          loading={loading}
          dataSource={rows}
          scroll={{ x: 1000 }}
          pagination={{ pageSize: 50, showTotal: (n) => t('common.total', { n }) }}
          columns={[
            { title: t('admin.users.username'), dataIndex: 'username', width: 130 },
            { title: t('admin.users.displayName'), dataIndex: 'displayName', width: 120 },
            { title: t('admin.users.role'), dataIndex: 'role', width: 110, render: (r: string) => <Tag>{label('role', r)}</Tag> },
            { title: t('wo.department'), dataIndex: 'departmentId', render: (id: string) => deptNames.get(id) ?? id },
            { title: t('admin.phone'), dataIndex: 'phone', width: 130 },
            { title: t('admin.users.extension'), dataIndex: 'extension', width: 80 },
            {
              title: t('admin.active'),
              dataIndex: 'active',
              width: 150,
              render: (a: boolean, u) => (
                <Space size={4}>
                  {a ? <Tag color="green">{t('common.yes')}</Tag> : <Tag>{t('common.no')}</Tag>}
                  {u.lockedUntil && new Date(u.lockedUntil) > new Date() && <Tag color="red">{t('admin.users.lockedUntil', { at: fmtTime(u.lockedUntil) })}</Tag>}
                </Space>
              ),
            },
            {
              title: t('common.actions'),
              key: 'actions',
              width: 170,
              fixed: 'right',
              render: (_, u) => (
                <Space size={4}>
                  <Button size="small" onClick={() => setEditing(u)}>
                    {t('common.edit')}
                  </Button>
                  <Button size="small" onClick={() => setResetting(u)}>
                    {t('admin.users.resetPassword')}
                  </Button>
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <UserFormModal user={editing} onClose={() => setEditing(null)} onSaved={reload} />
      <PasswordModal user={resetting} onClose={() => setResetting(null)} />
    </>
  );
}
