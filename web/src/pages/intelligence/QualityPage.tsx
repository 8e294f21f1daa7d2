// 质检: replies to closed orders scored by rules (greeting, closing, forbidden words, answering
// the appeal, length, politeness), per department and per person, with low scores to review.
import { useState } from 'react';
import { Alert, Button, Card, Col, Row, Segmented, Space, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useAsync } from '../../hooks/useAsync';
import { useI18n } from '../../i18n';
import { fmtTime } from '../../utils/format';
import { intelligenceApi, RULES, type QualityGroup, type QualitySample } from './api';
import { INTEL_TID } from './testIds';

const DAYS = [7, 30, 90] as const;

const scoreColor = (s: number) => (s >= 80 ? '#389e0d' : s >= 60 ? '#d48806' : '#cf1322');

export default function QualityPage() {
  const { t } = useI18n();
  const [days, setDays] = useState<(typeof DAYS)[number]>(30);
  const { data, loading, error, reload } = useAsync(() => intelligenceApi.quality(days), [days]);

  const failedTags = (failed: QualitySample['failed']) =>
    failed.map((r) => (
      <Tag key={r} color="red">
        {t(`intel.rule.${r}`)}
      </Tag>
    ));

  const sampleList = (samples: QualitySample[]) => (
    <ul style={{ margin: 0 }}>
      {samples.map((s) => (
        <li key={`${s.workOrderId}-${s.at}`}>
          <Link to={`/work-orders/${s.workOrderId}`}>{s.trackingNumber}</Link> <b style={{ color: scoreColor(s.score) }}>{s.score}</b> {failedTags(s.failed)}
          <Typography.Text type="secondary">{s.excerpt}</Typography.Text>
        </li>
      ))}
    </ul>
  );

  const groupColumns = (nameTitle: string) => [
    { title: nameTitle, dataIndex: 'name' },
    { title: t('intel.quality.replies'), dataIndex: 'replies', width: 90, align: 'right' as const },
    {
      title: t('intel.quality.average'),
      dataIndex: 'averageScore',
      width: 100,
      align: 'right' as const,
      render: (s: number) => <b style={{ color: scoreColor(s) }}>{s}</b>,
    },
    {
      title: t('intel.quality.passRates'),
      render: (_v: unknown, g: QualityGroup) => (
        <Space size={4} wrap>
          {RULES.map((r) => (
            <Tooltip key={r} title={t(`intel.rule.${r}`)}>
              <Tag color={g.passRates[r] >= 0.9 ? 'green' : g.passRates[r] >= 0.6 ? 'gold' : 'red'}>
                {t(`intel.rule.${r}`)} {Math.round(g.passRates[r] * 100)}%
              </Tag>
            </Tooltip>
          ))}
        </Space>
      ),
    },
  ];

  return (
    <>
      <h2 className="page-title">
        {t('nav.intelligence.quality')}
        <Space style={{ float: 'right' }}>
          <Segmented
            data-testid={INTEL_TID.qualityDays}
            value={days}
            onChange={(v) => setDays(v as (typeof DAYS)[number])}
            options={DAYS.map((d) => ({ value: d, label: t('intel.quality.days', { n: d }) }))}
          />
          <Button icon={<ReloadOutlined />} onClick={reload} loading={loading}>
            {t('common.refresh')}
          </Button>
        </Space>
      </h2>
      {error && <Alert type="error" showIcon title={error.message} style={{ marginBottom: 16 }} />}
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col flex="1 1 200px">
          <Card size="small" loading={loading && !data}>
            <Statistic title={t('intel.quality.replies')} value={data?.replies ?? 0} />
          </Card>
        </Col>
        <Col flex="1 1 200px">
          <Card size="small" loading={loading && !data}>
            <Statistic title={t('intel.quality.average')} value={data?.averageScore ?? '—'} />
          </Card>
        </Col>
      </Row>
      <Card size="small" title={t('intel.quality.byDepartment')} style={{ marginBottom: 16 }}>
        <Table<QualityGroup>
          data-testid={INTEL_TID.qualityDepartments}
          rowKey="id"
          size="small"
          loading={loading}
          dataSource={data?.departments ?? []}
          pagination={false}
          expandable={{ expandedRowRender: (g) => sampleList(g.samples) }}
          columns={groupColumns(t('intel.quality.department'))}
        />
      </Card>
      <Card size="small" title={t('intel.quality.byPerson')} style={{ marginBottom: 16 }}>
        <Table<QualityGroup>
          data-testid={INTEL_TID.qualityPeople}
          rowKey="id"
          size="small"
          loading={loading}
          dataSource={data?.people ?? []}
          pagination={{ pageSize: 10 }}
          expandable={{ expandedRowRender: (g) => sampleList(g.samples) }}
          columns={groupColumns(t('intel.quality.person'))}
        />
      </Card>
      <Card size="small" title={t('intel.quality.lowest')}>
        <Table<QualitySample>
          data-testid={INTEL_TID.qualityLowest}
          rowKey={(s) => `${s.workOrderId}-${s.at}`}
          size="small"
          loading={loading}
          dataSource={data?.lowest ?? []}
          pagination={false}
          scroll={{ x: 900 }}
          columns={[
            { title: t('wo.trackingNumber'), width: 150, render: (_v, s) => <Link to={`/work-orders/${s.workOrderId}`}>{s.trackingNumber}</Link> },
            { title: t('intel.quality.score'), dataIndex: 'score', width: 70, render: (v: number) => <b style={{ color: scoreColor(v) }}>{v}</b> },
            { title: t('intel.quality.failed'), dataIndex: 'failed', width: 220, render: failedTags },
            { title: t('intel.quality.by'), width: 200, render: (_v, s) => `${s.by ?? '—'}（${s.departmentName}）` },
            { title: t('intel.quality.excerpt'), dataIndex: 'excerpt', ellipsis: true },
            { title: t('intel.warnings.at'), dataIndex: 'at', width: 150, render: fmtTime },
          ]}
        />
      </Card>
    </>
  );
}
