// API keys and OAuth2 clients: both are an integration's identity with a role and a department
// (its data scope), issued by an administrator, shown once, and revocable.
import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Form, Input, Modal, Popconfirm, Select, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { ROLES, type Role } from '@hotline/shared';
import { DepartmentSelect } from '../../components/DepartmentSelect';
import { useAsync } from '../../hooks/useAsync';
import { useReference } from '../../hooks/useReference';
import { useI18n } from '../../i18n';
import { TID } from '../../testIds';
import { useNotifyError } from '../../utils/errorText';
import { fmtTime } from '../../utils/format';
import { nameMap } from '../../utils/tree';
import { CLIENT_SCOPES, integrationsApi, type ApiKey, type ClientScope, type OAuthClient } from './integrationsApi';
import { SecretOnceModal } from './SecretOnceModal';

type Kind = 'apiKey' | 'client';
type Row = (ApiKey | OAuthClient) & { clientId?: string; prefix?: string; scopes?: ClientScope[] };
interface Values {
  name: string;
  role: Role;
  departmentId: string;
  scopes: ClientScope[];
}

const load = (kind: Kind): Promise<Row[]> => (kind === 'apiKey' ? integrationsApi.apiKeys() : integrationsApi.clients());

export function CredentialsPanel({ kind }: { kind: Kind }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const { departments } = useReference();
  const deptNames = useMemo(() => nameMap(departments), [departments]);
  const { data, loading, error, reload } = useAsync(() => load(kind), [kind]);
  const [form] = Form.useForm<Values>();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [shown, setShown] = useState<{ label: string; value: string }[] | null>(null);
  const roles = kind === 'client' ? ROLES.filter((r) => r !== 'admin') : ROLES;

  const create = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    try {
      const base = { name: v.name.trim(), role: v.role, departmentId: v.departmentId };
      if (kind === 'apiKey') {
        const r = await integrationsApi.issueApiKey(base);
        setShown([{ label: 'X-API-Key / api_key', value: r.key }]);
      } else {
        const r = await integrationsApi.createClient({ ...base, scopes: v.scopes });
        setShown([{ label: 'client_id', value: r.clientId }, { label: 'client_secret', value: r.clientSecret }]);
      }
      setOpen(false);
      form.resetFields();
      reload();
    } catch (e) {
      notifyError(e);
    } finally {
      setBusy(false);
    }
  };

  const revoke = async (id: string) => {
    try {
      await (kind === 'apiKey' ? integrationsApi.revokeApiKey(id) : integrationsApi.revokeClient(id));
      message.success(t('integrations.revoked'));
      reload();
    } catch (e) {
      notifyError(e);
    }
  };

  return (
    <Card
      size="small"
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid={TID.integrations.create(kind)}>
          {t(kind === 'apiKey' ? 'integrations.apiKeys.new' : 'integrations.clients.new')}
        </Button>
      }
      title={<Typography.Text type="secondary" style={{ fontWeight: 'normal', whiteSpace: 'normal' }}>{t(kind === 'apiKey' ? 'integrations.apiKeys.hint' : 'integrations.clients.hint')}</Typography.Text>}
    >
      {error && <Alert type="error" showIcon title={error.message} style={{ marginBottom: 12 }} />}
      <div data-testid={TID.integrations.table(kind)}>
        <Table<Row>
          rowKey="id"
          size="small"
          loading={loading}
          dataSource={data ?? []}
          pagination={false}
          columns={[
            { title: t('admin.name'), dataIndex: 'name' },
            kind === 'apiKey'
              ? { title: t('integrations.apiKeys.prefix'), dataIndex: 'prefix', width: 110, render: (p: string) => <Typography.Text code>{p}…</Typography.Text> }
              : { title: t('integrations.clients.clientId'), dataIndex: 'clientId', render: (c: string) => <Typography.Text code copyable>{c}</Typography.Text> },
            { title: t('admin.users.role'), dataIndex: 'role', width: 110, render: (r: string) => <Tag>{label('role', r)}</Tag> },
            { title: t('wo.department'), dataIndex: 'departmentId', render: (id: string) => deptNames.get(id) ?? id },
            ...(kind === 'client'
              ? [{ title: t('integrations.clients.scopes'), dataIndex: 'scopes', width: 120, render: (s: ClientScope[]) => s.map((x) => <Tag key={x}>{x}</Tag>) }]
              : []),
            { title: t('integrations.createdAt'), dataIndex: 'createdAt', width: 150, render: fmtTime },
            {
              title: t('common.actions'),
              key: 'actions',
              width: 110,
              render: (_, r) =>
                r.revokedAt ? (
                  <Tag>{t('integrations.revoked')}</Tag>
                ) : (
                  <Popconfirm title={t('integrations.confirmRevoke')} onConfirm={() => void revoke(r.id)}>
                    <Button size="small" danger data-testid={TID.integrations.revoke(r.id)}>
                      {t('integrations.revoke')}
                    </Button>
                  </Popconfirm>
                ),
            },
          ]}
        />
      </div>
      <Modal open={open} title={t(kind === 'apiKey' ? 'integrations.apiKeys.new' : 'integrations.clients.new')} onOk={() => void create()} onCancel={() => setOpen(false)} confirmLoading={busy} okButtonProps={{ 'data-testid': `${TID.integrations.form(kind)}.ok` }}>
        <div data-testid={TID.integrations.form(kind)}>
          <Form form={form} layout="vertical" initialValues={{ role: 'agent', scopes: ['read'] }}>
            <Form.Item name="name" label={t('admin.name')} rules={[{ required: true, whitespace: true, max: 60, message: t('integrations.nameRequired') }]}>
              <Input maxLength={60} data-testid={TID.integrations.field('name')} />
            </Form.Item>
            <Form.Item name="role" label={t('admin.users.role')}>
              <Select options={roles.map((r) => ({ value: r, label: label('role', r) }))} />
            </Form.Item>
            <Form.Item name="departmentId" label={t('wo.department')} rules={[{ required: true, message: t('integrations.departmentRequired') }]}>
              <DepartmentSelect testId={TID.integrations.field('department')} />
            </Form.Item>
            {kind === 'client' && (
              <Form.Item name="scopes" label={t('integrations.clients.scopes')} rules={[{ required: true, type: 'array', min: 1, message: t('integrations.pickOne') }]}>
                <Checkbox.Group options={CLIENT_SCOPES.map((s) => ({ value: s, label: `${s}（${t(`integrations.scope.${s}`)}）` }))} />
              </Form.Item>
            )}
          </Form>
        </div>
      </Modal>
      <SecretOnceModal items={shown} onClose={() => setShown(null)} />
    </Card>
  );
}
