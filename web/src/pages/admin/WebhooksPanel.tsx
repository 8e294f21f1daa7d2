// Webhook endpoints: add (the signing secret is shown once), pause/resume, delete, deliveries.
import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Form, Input, Modal, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { DepartmentSelect } from '../../components/DepartmentSelect';
import { useAsync } from '../../hooks/useAsync';
import { useReference } from '../../hooks/useReference';
import { useI18n } from '../../i18n';
import { TID } from '../../testIds';
import { useNotifyError } from '../../utils/errorText';
import { nameMap } from '../../utils/tree';
import { integrationsApi, WEBHOOK_EVENTS, type Webhook, type WebhookEvent } from './integrationsApi';
import { SecretOnceModal } from './SecretOnceModal';
import { WebhookDeliveries } from './WebhookDeliveries';

interface Values {
  name: string;
  url: string;
  events: WebhookEvent[];
  departmentId?: string;
}

export function WebhooksPanel() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const { departments } = useReference();
  const deptNames = useMemo(() => nameMap(departments), [departments]);
  const { data, loading, error, reload } = useAsync(() => integrationsApi.webhooks(), []);
  const [form] = Form.useForm<Values>();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [secret, setSecret] = useState<{ label: string; value: string }[] | null>(null);
  const [viewing, setViewing] = useState<Webhook | null>(null);

  const run = async (fn: () => Promise<unknown>, done?: string) => {
    try {
      await fn();
      if (done) message.success(done);
      reload();
    } catch (e) {
      notifyError(e);
    }
  };

  const create = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    try {
      const r = await integrationsApi.createWebhook({ name: v.name.trim(), url: v.url.trim(), events: v.events, departmentId: v.departmentId || undefined });
      setSecret([{ label: 'secret', value: r.secret }]);
      setOpen(false);
      form.resetFields();
      reload();
    } catch (e) {
      notifyError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card
      size="small"
      title={<Typography.Text type="secondary" style={{ fontWeight: 'normal', whiteSpace: 'normal' }}>{t('integrations.webhooks.hint')}</Typography.Text>}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid={TID.integrations.create('webhook')}>
          {t('integrations.webhooks.new')}
        </Button>
      }
    >
      {error && <Alert type="error" showIcon title={error.message} style={{ marginBottom: 12 }} />}
      <div data-testid={TID.integrations.table('webhook')}>
        <Table<Webhook>
          rowKey="id"
          size="small"
          loading={loading}
          dataSource={data ?? []}
          pagination={false}
          columns={[
            { title: t('admin.name'), dataIndex: 'name', width: 140 },
            { title: t('integrations.webhooks.url'), dataIndex: 'url', render: (u: string) => <Typography.Text code>{u}</Typography.Text> },
            { title: t('integrations.webhooks.events'), dataIndex: 'events', render: (es: WebhookEvent[]) => es.map((e) => <Tag key={e}>{t(`integrations.event.${e}`)}</Tag>) },
            { title: t('integrations.webhooks.scope'), dataIndex: 'departmentId', render: (id: string) => deptNames.get(id) ?? id },
            {
              title: t('integrations.delivery.status'),
              key: 'state',
              width: 170,
              render: (_, w) => (
                <Space size={4}>
                  {!w.active && <Tag>{t('integrations.webhooks.paused')}</Tag>}
                  {w.pending > 0 && <Tag color="blue">{`${t('integrations.webhooks.pending')} ${w.pending}`}</Tag>}
                  {w.failed > 0 && <Tag color="red">{`${t('integrations.webhooks.failed')} ${w.failed}`}</Tag>}
                </Space>
              ),
            },
            {
              title: t('common.actions'),
              key: 'actions',
              width: 230,
              render: (_, w) => (
                <Space size={4}>
                  <Button size="small" onClick={() => setViewing(w)} data-testid={TID.integrations.openDeliveries(w.id)}>
                    {t('integrations.webhooks.deliveries')}
                  </Button>
                  <Button size="small" onClick={() => void run(() => integrationsApi.updateWebhook(w.id, { active: !w.active }), t('common.saved'))}>
                    {t(w.active ? 'integrations.webhooks.pause' : 'integrations.webhooks.resume')}
                  </Button>
                  <Popconfirm title={t('common.confirmDelete')} onConfirm={() => void run(() => integrationsApi.deleteWebhook(w.id), t('common.deleted'))}>
                    <Button size="small" danger>
                      {t('common.delete')}
                    </Button>
                  </Popconfirm>
                </Space>
              ),
            },
          ]}
        />
      </div>
      <Modal open={open} title={t('integrations.webhooks.new')} onOk={() => void create()} onCancel={() => setOpen(false)} confirmLoading={busy} okButtonProps={{ 'data-testid': `${TID.integrations.form('webhook')}.ok` }}>
        <div data-testid={TID.integrations.form('webhook')}>
          <Form form={form} layout="vertical" initialValues={{ events: [...WEBHOOK_EVENTS] }}>
            <Form.Item name="name" label={t('admin.name')} rules={[{ required: true, whitespace: true, max: 60, message: t('integrations.nameRequired') }]}>
              <Input maxLength={60} data-testid={TID.integrations.field('name')} />
            </Form.Item>
            <Form.Item name="url" label={t('integrations.webhooks.url')} rules={[{ required: true, pattern: /^https?:\/\/\S+$/, message: t('integrations.urlRequired') }]}>
              <Input placeholder="https://app.example.gov.cn/hooks/12345" data-testid={TID.integrations.field('url')} />
            </Form.Item>
            <Form.Item name="events" label={t('integrations.webhooks.events')} rules={[{ required: true, type: 'array', min: 1, message: t('integrations.pickOne') }]}>
              <Checkbox.Group options={WEBHOOK_EVENTS.map((e) => ({ value: e, label: t(`integrations.event.${e}`) }))} />
            </Form.Item>
            <Form.Item name="departmentId" label={t('integrations.webhooks.scope')}>
              <DepartmentSelect placeholder={t('integrations.webhooks.scopeAll')} />
            </Form.Item>
          </Form>
        </div>
      </Modal>
      <SecretOnceModal items={secret} onClose={() => setSecret(null)} />
      <WebhookDeliveries webhook={viewing} onClose={() => setViewing(null)} />
    </Card>
  );
}
