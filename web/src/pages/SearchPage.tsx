// 工单查询: filters kept in the URL, a paged table, click through to the detail.
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Button, Card, Col, DatePicker, Form, Input, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { APPEAL_TYPES, CHANNELS, URGENCIES, WORK_ORDER_STATUSES } from '@hotline/shared';
import type { Query } from '../api/client';
import { DepartmentSelect } from '../components/DepartmentSelect';
import { WorkOrderTable } from '../components/WorkOrderTable';
import { useReference } from '../hooks/useReference';
import { useI18n } from '../i18n';
import { TID } from '../testIds';
import { districts } from '../utils/tree';

interface Filters {
  q?: string;
  status?: string[];
  type?: string;
  channel?: string;
  urgency?: string;
  districtId?: string;
  departmentId?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
  phone?: string;
}

const SCALARS = ['q', 'type', 'channel', 'urgency', 'districtId', 'departmentId', 'phone'] as const;

export default function SearchPage() {
  const { t, label } = useI18n();
  const { regions } = useReference();
  const [params, setParams] = useSearchParams();
  const [form] = Form.useForm<Filters>();

  const query: Query = useMemo(() => {
    const q: Query = {};
    for (const k of SCALARS) q[k] = params.get(k) ?? undefined;
    q.status = params.get('status')?.split(',').filter(Boolean);
    q.from = params.get('from') ?? undefined;
    q.to = params.get('to') ?? undefined;
    return q;
  }, [params]);
  const page = Number(params.get('page') ?? 1) || 1;
  const pageSize = Number(params.get('pageSize') ?? 20) || 20;

  // Read once: afterwards the form owns its values and "search" writes them to the URL.
  const [initial] = useState<Filters>(() => ({
      ...Object.fromEntries(SCALARS.map((k) => [k, params.get(k) ?? undefined])),
      status: params.get('status')?.split(',').filter(Boolean),
      range: params.get('from') || params.get('to') ? [params.get('from') ? dayjs(params.get('from')) : null, params.get('to') ? dayjs(params.get('to')) : null] : null,
  }));

  const apply = (v: Filters) => {
    const next = new URLSearchParams();
    for (const k of SCALARS) {
      const val = v[k]?.trim();
      if (val) next.set(k, val);
    }
    if (v.status?.length) next.set('status', v.status.join(','));
    if (v.range?.[0]) next.set('from', v.range[0].format('YYYY-MM-DD'));
    if (v.range?.[1]) next.set('to', v.range[1].format('YYYY-MM-DD'));
    setParams(next);
  };

  const opts = (values: readonly string[], kind: 'status' | 'type' | 'channel' | 'urgency') => values.map((v) => ({ value: v, label: label(kind, v) }));

  return (
    <>
      <h2 className="page-title">{t('nav.search')}</h2>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form form={form} layout="vertical" initialValues={initial} onFinish={apply}>
          <Row gutter={12}>
            <Col xs={24} md={12} lg={8}>
              <Form.Item name="q" label={t('search.q')}>
                <Input allowClear placeholder={t('search.qPlaceholder')} data-testid={TID.searchQ} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} lg={8}>
              <Form.Item name="status" label={t('wo.status')}>
                <Select mode="multiple" allowClear options={opts(WORK_ORDER_STATUSES, 'status')} maxTagCount="responsive" />
              </Form.Item>
            </Col>
            <Col xs={12} md={6} lg={4}>
              <Form.Item name="type" label={t('wo.type')}>
                <Select allowClear options={opts(APPEAL_TYPES, 'type')} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6} lg={4}>
              <Form.Item name="channel" label={t('wo.channel')}>
                <Select allowClear options={opts(CHANNELS, 'channel')} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6} lg={4}>
              <Form.Item name="urgency" label={t('wo.urgency')}>
                <Select allowClear options={opts(URGENCIES, 'urgency')} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6} lg={4}>
              <Form.Item name="districtId" label={t('wo.district')}>
                <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={districts(regions).map((r) => ({ value: r.id, label: r.name }))} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} lg={6}>
              <Form.Item name="departmentId" label={t('wo.department')}>
                <DepartmentSelect />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} lg={6}>
              <Form.Item name="range" label={t('search.range')}>
                <DatePicker.RangePicker style={{ width: '100%' }} allowEmpty={[true, true]} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} lg={4}>
              <Form.Item name="phone" label={t('wo.citizenPhone')}>
                <Input allowClear />
              </Form.Item>
            </Col>
          </Row>
          <Button type="primary" htmlType="submit" data-testid={TID.searchSubmit}>
            {t('search.submit')}
          </Button>
          <Button
            style={{ marginLeft: 8 }}
            onClick={() => {
              form.resetFields();
              form.setFieldsValue({ q: undefined, status: undefined, type: undefined, channel: undefined, urgency: undefined, districtId: undefined, departmentId: undefined, range: null, phone: undefined });
              setParams(new URLSearchParams());
            }}
          >
            {t('search.reset')}
          </Button>
        </Form>
      </Card>
      <WorkOrderTable
        query={query}
        page={page}
        pageSize={pageSize}
        onPageChange={(p, s) => {
          const next = new URLSearchParams(params);
          next.set('page', String(p));
          next.set('pageSize', String(s));
          setParams(next);
        }}
      />
    </>
  );
}
