// 管理 · 节假日: holidays and make-up workdays (调休) per year, used by the working-day deadline calendar.
import { useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Form, Input, InputNumber, Popconfirm, Select, Space, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { directoryApi } from '../../api/endpoints';
import type { Holiday } from '../../api/types';
import { useAsync } from '../../hooks/useAsync';
import { useI18n } from '../../i18n';
import { useNotifyError } from '../../utils/errorText';

export default function HolidaysAdmin() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [year, setYear] = useState(() => new Date().getFullYear());
  const { data, loading, error, reload } = useAsync(() => directoryApi.holidays(year), [year]);
  const [form] = Form.useForm<{ date: Dayjs; kind: Holiday['kind']; name: string }>();
  const [busy, setBusy] = useState(false);

  const add = async (v: { date: Dayjs; kind: Holiday['kind']; name: string }) => {
    setBusy(true);
    try {
      await directoryApi.putHoliday({ date: v.date.format('YYYY-MM-DD'), kind: v.kind, name: v.name.trim() });
      message.success(t('common.saved'));
      form.resetFields(['date']);
      if (v.date.year() !== year) setYear(v.date.year());
      else reload();
    } catch (e) {
      notifyError(e);
    } finally {
      setBusy(false);
    }
  };

  const remove = async (date: string) => {
    try {
      await directoryApi.deleteHoliday(date);
      message.success(t('common.deleted'));
      reload();
    } catch (e) {
      notifyError(e);
    }
  };

  const rows = [...(data ?? [])].sort((a, b) => a.date.localeCompare(b.date));

  return (
    <>
      <h2 className="page-title">{t('nav.admin.holidays')}</h2>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form form={form} layout="inline" onFinish={add} initialValues={{ kind: 'holiday' }}>
          <Form.Item name="date" rules={[{ required: true, message: t('admin.holidays.dateRequired') }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="kind">
            <Select
              style={{ width: 140 }}
              options={[
                { value: 'holiday', label: t('admin.holidays.holiday') },
                { value: 'workday', label: t('admin.holidays.workday') },
              ]}
            />
          </Form.Item>
          <Form.Item name="name" rules={[{ required: true, whitespace: true, message: t('admin.holidays.nameRequired') }]}>
            <Input placeholder={t('admin.name')} maxLength={40} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('common.add')}
          </Button>
        </Form>
      </Card>
      <Card
        size="small"
        title={
          <Space>
            {t('admin.holidays.year')}
            <InputNumber min={2000} max={2100} value={year} onChange={(v) => v && setYear(v)} />
          </Space>
        }
      >
        {error && <Alert type="error" showIcon title={error.message} style={{ marginBottom: 12 }} />}
        <Table<Holiday>
          rowKey="date"
          size="small"
          loading={loading}
          dataSource={rows}
          pagination={false}
          columns={[
            { title: t('admin.holidays.date'), dataIndex: 'date', width: 140 },
            {
              title: t('admin.holidays.kind'),
              dataIndex: 'kind',
              width: 140,
              render: (k: Holiday['kind']) => (k === 'holiday' ? <Tag color="red">{t('admin.holidays.holiday')}</Tag> : <Tag color="blue">{t('admin.holidays.workday')}</Tag>),
            },
            { title: t('admin.name'), dataIndex: 'name' },
            {
              title: t('common.actions'),
              key: 'actions',
              width: 90,
              render: (_, h) => (
                <Popconfirm title={t('common.confirmDelete')} onConfirm={() => void remove(h.date)}>
                  <Button size="small" danger>
                    {t('common.delete')}
                  </Button>
                </Popconfirm>
              ),
            },
          ]}
        />
      </Card>
    </>
  );
}
