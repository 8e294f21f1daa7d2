// The deliveries of one webhook, newest first, with redelivery.
import { useState } from 'react';
import { Alert, App, Button, Drawer, Segmented, Table, Tag, Typography } from 'antd';
import { useAsync } from '../../hooks/useAsync';
import { useI18n } from '../../i18n';
import { TID } from '../../testIds';
import { useNotifyError } from '../../utils/errorText';
import { fmtTime } from '../../utils/format';
import { integrationsApi, type Webhook, type WebhookDelivery } from './integrationsApi';

const COLORS: Record<WebhookDelivery['status'], string> = { pending: 'blue', delivered: 'green', failed: 'red' };

export function WebhookDeliveries({ webhook, onClose }: { webhook: Webhook | null; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [status, setStatus] = useState<WebhookDelivery['status'] | 'all'>('all');
  const { data, loading, error, reload } = useAsync(
    () => (webhook ? integrationsApi.deliveries(webhook.id, status === 'all' ? undefined : status) : Promise.resolve([])),
    [webhook?.id, status],
  );

  const redeliver = async (id: string) => {
    try {
      await integrationsApi.redeliver(id);
      message.success(t('integrations.webhooks.redelivered'));
      reload();
    } catch (e) {
      notifyError(e);
    }
  };

  return (
    <Drawer open={!!webhook} onClose={onClose} size="large" title={`${t('integrations.webhooks.deliveries')} · ${webhook?.name ?? ''}`}>
      <div data-testid={TID.integrations.deliveries}>
        <Segmented
          style={{ marginBottom: 12 }}
          value={status}
          onChange={(v) => setStatus(v as typeof status)}
          options={[
            { value: 'all', label: t('integrations.delivery.all') },
            ...(['pending', 'delivered', 'failed'] as const).map((s) => ({ value: s, label: t(`integrations.delivery.${s}`) })),
          ]}
        />
        {error && <Alert type="error" showIcon title={error.message} style={{ marginBottom: 12 }} />}
        <Table<WebhookDelivery>
          rowKey="id"
          size="small"
          loading={loading}
          dataSource={data ?? []}
          pagination={{ pageSize: 20 }}
          columns={[
            { title: t('integrations.delivery.createdAt'), dataIndex: 'createdAt', width: 140, render: fmtTime },
            { title: t('integrations.webhooks.events'), dataIndex: 'event', render: (e: WebhookDelivery['event']) => t(`integrations.event.${e}`) },
            { title: t('integrations.delivery.status'), dataIndex: 'status', width: 90, render: (s: WebhookDelivery['status']) => <Tag color={COLORS[s]}>{t(`integrations.delivery.${s}`)}</Tag> },
            { title: t('integrations.delivery.attempts'), dataIndex: 'attempts', width: 80 },
            {
              title: t('integrations.delivery.lastResult'),
              key: 'last',
              render: (_, d) => <Typography.Text type={d.status === 'failed' ? 'danger' : undefined}>{d.lastError ?? (d.lastStatus ? `HTTP ${d.lastStatus}` : '—')}</Typography.Text>,
            },
            { title: t('integrations.delivery.nextAttempt'), key: 'next', width: 140, render: (_, d) => (d.status === 'pending' ? fmtTime(d.nextAttemptAt) : '—') },
            {
              title: t('common.actions'),
              key: 'actions',
              width: 100,
              render: (_, d) => (
                <Button size="small" onClick={() => void redeliver(d.id)} data-testid={TID.integrations.redeliver(d.id)}>
                  {t('integrations.webhooks.redeliver')}
                </Button>
              ),
            },
          ]}
        />
      </div>
    </Drawer>
  );
}
