// 预警: high-risk emotion, emergencies held for a person, fast-growing hotspots; a supervisor
// acknowledges each with a note.
import { useState } from 'react';
import { Alert, App, Button, Card, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useAsync } from '../../hooks/useAsync';
import { useI18n, type MessageKey } from '../../i18n';
import { fmtTime } from '../../utils/format';
import { intelligenceApi, type Warning, type WarningKind } from './api';
import { INTEL_TID } from './testIds';

const KIND_COLOR: Record<WarningKind, string> = { emotion: 'magenta', emergency: 'red', hotspot: 'orange' };
const REASONS = ['selfHarm', 'threatToOthers', 'massPetition', 'angryEscalation'] as const;

export default function WarningsPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [filter, setFilter] = useState<{ status: 'open' | 'acknowledged' | 'all'; kind?: WarningKind }>({ status: 'open' });
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const { data, loading, error, reload } = useAsync(() => intelligenceApi.warnings({ ...filter, ...paging }), [filter.status, filter.kind, paging.page, paging.pageSize]);
  const [acking, setAcking] = useState<Warning | null>(null);
  const [note, setNote] = useState('');
  const [saving, setSaving] = useState(false);

  const acknowledge = async () => {
    if (!acking) return;
    setSaving(true);
    try {
      await intelligenceApi.acknowledge(acking.id, note.trim() || undefined);
      message.success(t('intel.warnings.acknowledged'));
      setAcking(null);
      setNote('');
      reload();
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setSaving(false);
    }
  };

  const reasonText = (w: Warning) =>
    (w.details.reasons ?? []).filter((r): r is (typeof REASONS)[number] => (REASONS as readonly string[]).includes(r)).map((r) => t(`intel.reason.${r}` as MessageKey));

  return (
    <>
      <h2 className="page-title">
        {t('nav.intelligence.warnings')}
        <Space style={{ float: 'right' }}>
          <Select
            data-testid={INTEL_TID.warningsStatus}
            value={filter.status}
            style={{ width: 130 }}
            onChange={(status) => {
              setFilter({ ...filter, status });
              setPaging({ ...paging, page: 1 });
            }}
            options={(['open', 'acknowledged', 'all'] as const).map((s) => ({ value: s, label: t(`intel.warnings.status.${s}`) }))}
          />
          <Select
            data-testid={INTEL_TID.warningsKind}
            allowClear
            placeholder={t('intel.warnings.kind')}
            value={filter.kind}
            style={{ width: 140 }}
            onChange={(kind) => {
              setFilter({ ...filter, kind });
              setPaging({ ...paging, page: 1 });
            }}
            options={(['emotion', 'emergency', 'hotspot'] as const).map((k) => ({ value: k, label: t(`intel.kind.${k}`) }))}
          />
          <Button icon={<ReloadOutlined />} onClick={reload} loading={loading}>
            {t('common.refresh')}
          </Button>
        </Space>
      </h2>
      {error && <Alert type="error" showIcon title={error.message} style={{ marginBottom: 16 }} />}
      <Card size="small">
        <Table<Warning>
          data-testid={INTEL_TID.warningsTable}
          rowKey="id"
          size="small"
          loading={loading}
          dataSource={data?.items ?? []}
          scroll={{ x: 1000 }}
          locale={{ emptyText: t('intel.warnings.none') }}
          columns={[
            { title: t('intel.warnings.at'), dataIndex: 'createdAt', width: 150, render: fmtTime },
            {
              title: t('intel.warnings.kind'),
              dataIndex: 'kind',
              width: 120,
              render: (k: WarningKind, w) => (
                <Space size={4}>
                  <Tag color={KIND_COLOR[k]}>{t(`intel.kind.${k}`)}</Tag>
                  {w.level === 'high' && <Tag color="red">{t('intel.level.high')}</Tag>}
                </Space>
              ),
            },
            {
              title: t('intel.warnings.summary'),
              dataIndex: 'summary',
              render: (s: string, w) => (
                <Space direction="vertical" size={0}>
                  <span>{s}</span>
                  {reasonText(w).length > 0 && <Typography.Text type="secondary">{reasonText(w).join('、')}</Typography.Text>}
                  {(w.details.terms ?? []).length > 0 && (
                    <span>
                      {w.details.terms!.map((term) => (
                        <Tag key={term}>{term}</Tag>
                      ))}
                    </span>
                  )}
                  {w.details.heldFromAutoDispatch && <Typography.Text type="warning">{t('intel.warnings.held')}</Typography.Text>}
                </Space>
              ),
            },
            {
              title: t('intel.warnings.workOrder'),
              width: 220,
              render: (_v, w) => (w.workOrder ? <Link to={`/work-orders/${w.workOrder.id}`}>{`${w.workOrder.trackingNumber} ${w.workOrder.title}`}</Link> : '—'),
            },
            {
              title: t('common.actions'),
              width: 200,
              render: (_v, w) =>
                w.acknowledgedAt ? (
                  <Typography.Text type="secondary">
                    {t('intel.warnings.ackBy', { name: w.acknowledgedByName ?? '', at: fmtTime(w.acknowledgedAt) })}
                    {w.acknowledgeNote ? `：${w.acknowledgeNote}` : ''}
                  </Typography.Text>
                ) : (
                  <Button size="small" type="primary" data-testid={INTEL_TID.warningAck(w.id)} onClick={() => setAcking(w)}>
                    {t('intel.warnings.acknowledge')}
                  </Button>
                ),
            },
          ]}
          pagination={{
            current: paging.page,
            pageSize: paging.pageSize,
            total: data?.total ?? 0,
            showTotal: (n) => t('common.total', { n }),
            onChange: (page, pageSize) => setPaging({ page, pageSize }),
          }}
        />
      </Card>
      <Modal
        open={acking !== null}
        title={t('intel.warnings.acknowledge')}
        onCancel={() => setAcking(null)}
        onOk={() => void acknowledge()}
        confirmLoading={saving}
        okButtonProps={{ 'data-testid': INTEL_TID.warningAckConfirm } as never}
      >
        <Typography.Paragraph>{acking?.summary}</Typography.Paragraph>
        <Input.TextArea data-testid={INTEL_TID.warningAckNote} rows={3} maxLength={1000} placeholder={t('intel.warnings.notePlaceholder')} value={note} onChange={(e) => setNote(e.target.value)} />
      </Modal>
    </>
  );
}
