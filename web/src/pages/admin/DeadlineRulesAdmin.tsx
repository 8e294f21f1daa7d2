// 管理 · 时限规则: an editable table of deadline rules per appeal type and urgency; saved as a whole (PUT).
import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, InputNumber, Select, Space, Table } from 'antd';
import { PlusOutlined, SaveOutlined } from '@ant-design/icons';
import { APPEAL_TYPES, URGENCIES, type AppealType, type Urgency } from '@hotline/shared';
import { directoryApi } from '../../api/endpoints';
import type { DeadlineRule } from '../../api/types';
import { useAsync } from '../../hooks/useAsync';
import { useI18n } from '../../i18n';
import { useNotifyError } from '../../utils/errorText';

const keyOf = (r: Pick<DeadlineRule, 'type' | 'urgency'>) => `${r.type}:${r.urgency}`;

export default function DeadlineRulesAdmin() {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const { data, loading, error, reload } = useAsync(() => directoryApi.deadlineRules(), []);
  const [rows, setRows] = useState<DeadlineRule[]>([]);
  const [dirty, setDirty] = useState(false);
  const [busy, setBusy] = useState(false);
  const [newType, setNewType] = useState<AppealType>('consultation');
  const [newUrgency, setNewUrgency] = useState<Urgency>('normal');

  useEffect(() => {
    if (data) {
      setRows(data.map((r) => ({ ...r })));
      setDirty(false);
    }
  }, [data]);

  const update = (key: string, patch: Partial<DeadlineRule>) => {
    setRows((rs) => rs.map((r) => (keyOf(r) === key ? { ...r, ...patch } : r)));
    setDirty(true);
  };

  const addRow = () => {
    const rule: DeadlineRule = { type: newType, urgency: newUrgency, acceptHours: 2, handleAmount: 5, handleUnit: 'workdays', warnRatio: 0.8 };
    if (rows.some((r) => keyOf(r) === keyOf(rule))) {
      message.warning(t('admin.deadlines.exists'));
      return;
    }
    setRows((rs) => [...rs, rule]);
    setDirty(true);
  };

  const save = async () => {
    setBusy(true);
    try {
      await directoryApi.saveDeadlineRules(rows);
      message.success(t('common.saved'));
      reload();
    } catch (e) {
      notifyError(e);
    } finally {
      setBusy(false);
    }
  };

  const num = (r: DeadlineRule, field: 'acceptHours' | 'handleAmount' | 'warnRatio', min: number, max: number, step: number) => (
    <InputNumber size="small" min={min} max={max} step={step} value={r[field]} onChange={(v) => v !== null && update(keyOf(r), { [field]: Number(v) })} />
  );

  return (
    <>
      <h2 className="page-title">{t('nav.admin.deadlines')}</h2>
      <Card
        size="small"
        title={
          <Space wrap>
            <Select size="small" value={newType} onChange={setNewType} options={APPEAL_TYPES.map((v) => ({ value: v, label: label('type', v) }))} style={{ width: 120 }} />
            <Select size="small" value={newUrgency} onChange={setNewUrgency} options={URGENCIES.map((v) => ({ value: v, label: label('urgency', v) }))} style={{ width: 100 }} />
            <Button size="small" icon={<PlusOutlined />} onClick={addRow}>
              {t('common.add')}
            </Button>
          </Space>
        }
        extra={
          <Space>
            <Button onClick={reload} disabled={busy}>
              {t('common.reset')}
            </Button>
            <Button type="primary" icon={<SaveOutlined />} disabled={!dirty} loading={busy} onClick={() => void save()}>
              {t('common.save')}
            </Button>
          </Space>
        }
      >
        <Alert type="info" showIcon title={t('admin.deadlines.hint')} style={{ marginBottom: 12 }} />
        {error && <Alert type="error" showIcon title={error.message} style={{ marginBottom: 12 }} />}
        <Table<DeadlineRule>
          rowKey={keyOf}
          size="small"
          loading={loading}
          dataSource={rows}
          pagination={false}
          scroll={{ x: 800 }}
          columns={[
            { title: t('wo.type'), dataIndex: 'type', width: 110, render: (v: string) => label('type', v) },
            { title: t('wo.urgency'), dataIndex: 'urgency', width: 90, render: (v: string) => label('urgency', v) },
            { title: t('admin.deadlines.acceptHours'), dataIndex: 'acceptHours', render: (_, r) => num(r, 'acceptHours', 0.1, 240, 0.5) },
            {
              title: t('admin.deadlines.handle'),
              dataIndex: 'handleAmount',
              render: (_, r) => (
                <Space size={4}>
                  {num(r, 'handleAmount', 0.1, 365, 1)}
                  <Select
                    size="small"
                    value={r.handleUnit}
                    onChange={(v) => update(keyOf(r), { handleUnit: v })}
                    options={[
                      { value: 'workdays', label: t('admin.deadlines.workdays') },
                      { value: 'hours', label: t('admin.deadlines.hours') },
                    ]}
                    style={{ width: 100 }}
                  />
                </Space>
              ),
            },
            { title: t('admin.deadlines.warnRatio'), dataIndex: 'warnRatio', render: (_, r) => num(r, 'warnRatio', 0.1, 0.99, 0.05) },
            {
              title: t('common.actions'),
              key: 'actions',
              width: 80,
              render: (_, r) => (
                <Button
                  size="small"
                  danger
                  onClick={() => {
                    setRows((rs) => rs.filter((x) => keyOf(x) !== keyOf(r)));
                    setDirty(true);
                  }}
                >
                  {t('common.delete')}
                </Button>
              ),
            },
          ]}
        />
      </Card>
    </>
  );
}
