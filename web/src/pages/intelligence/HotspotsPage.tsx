// 热点分析: work orders of a sliding window clustered by topic and place, ranked by the number of
// people, growth and likes; a bar chart of the top hotspots and the trend of the first five.
import { useMemo, useState } from 'react';
import { Alert, Button, Card, Col, Row, Segmented, Space, Table, Tag, Typography } from 'antd';
import { ReloadOutlined, RiseOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { EChart, type EChartOption } from '../../components/EChart';
import { useAsync } from '../../hooks/useAsync';
import { useI18n } from '../../i18n';
import { fmtTime } from '../../utils/format';
import { intelligenceApi, type Hotspot } from './api';
import { INTEL_TID } from './testIds';

const WINDOWS = ['24h', '7d', '30d', '90d'] as const;

export default function HotspotsPage() {
  const { t, lang } = useI18n();
  const [window, setWindow] = useState<(typeof WINDOWS)[number]>('7d');
  const { data, loading, error, reload } = useAsync(() => intelligenceApi.hotspots(window), [window]);

  const charts = useMemo(() => {
    if (!data?.hotspots.length) return null;
    const top = data.hotspots.slice(0, 10);
    const short = (s: string) => (s.length > 14 ? `${s.slice(0, 14)}…` : s);
    const bars: EChartOption = {
      tooltip: { trigger: 'axis' },
      grid: { left: 150, right: 24, top: 16, bottom: 24 },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', inverse: true, data: top.map((h) => short(h.label)) },
      series: [
        {
          type: 'bar',
          name: t('intel.hotspots.count'),
          barMaxWidth: 20,
          data: top.map((h) => ({ value: h.count, itemStyle: { color: h.alert ? '#cf1322' : '#1f5fbf' } })),
        },
      ],
    };
    const five = data.hotspots.slice(0, 5);
    const fmt = (at: string) => (data.window.bucket === 'hour' ? at.slice(11, 16) : new Date(at).toLocaleDateString(lang === 'en' ? 'en' : 'zh-CN', { month: '2-digit', day: '2-digit' }));
    const trend: EChartOption = {
      tooltip: { trigger: 'axis' },
      legend: { bottom: 0, type: 'scroll' },
      grid: { left: 40, right: 16, top: 16, bottom: 50 },
      xAxis: { type: 'category', data: (five[0]?.series ?? []).map((p) => fmt(p.at)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: five.map((h) => ({ type: 'line', name: short(h.label), data: h.series.map((p) => p.count) })),
    };
    return { bars, trend };
  }, [data, t, lang]);

  return (
    <>
      <h2 className="page-title">
        {t('nav.intelligence.hotspots')}
        <Space style={{ float: 'right' }}>
          <Segmented
            data-testid={INTEL_TID.hotspotsWindow}
            value={window}
            onChange={(v) => setWindow(v as (typeof WINDOWS)[number])}
            options={WINDOWS.map((w) => ({ value: w, label: t(`intel.window.${w}`) }))}
          />
          <Button icon={<ReloadOutlined />} onClick={reload} loading={loading}>
            {t('common.refresh')}
          </Button>
        </Space>
      </h2>
      {error && <Alert type="error" showIcon title={error.message} style={{ marginBottom: 16 }} />}
      {data && (
        <Typography.Paragraph type="secondary">
          {t('intel.hotspots.summary', { orders: data.orders, hotspots: data.hotspots.length, alerts: data.alerts, from: fmtTime(data.window.from), to: fmtTime(data.window.to) })}
        </Typography.Paragraph>
      )}
      {charts && (
        <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
          <Col xs={24} lg={12}>
            <Card size="small" title={t('intel.hotspots.top')}>
              <EChart option={charts.bars} testId={INTEL_TID.hotspotsChart} />
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card size="small" title={t('intel.hotspots.trend')}>
              <EChart option={charts.trend} testId={INTEL_TID.hotspotsTrend} />
            </Card>
          </Col>
        </Row>
      )}
      <Card size="small">
        <Table<Hotspot>
          data-testid={INTEL_TID.hotspotsTable}
          rowKey="key"
          size="small"
          loading={loading}
          dataSource={data?.hotspots ?? []}
          pagination={false}
          scroll={{ x: 1000 }}
          locale={{ emptyText: t('intel.hotspots.none') }}
          expandable={{
            expandedRowRender: (h) => (
              <ul style={{ margin: 0 }}>
                {h.samples.map((s) => (
                  <li key={s.id}>
                    <Link to={`/work-orders/${s.id}`}>{s.trackingNumber}</Link> {s.title} <Typography.Text type="secondary">{fmtTime(s.createdAt)}</Typography.Text>
                  </li>
                ))}
              </ul>
            ),
          }}
          columns={[
            { title: '#', width: 50, render: (_v, _h, i) => i + 1 },
            {
              title: t('intel.hotspots.label'),
              dataIndex: 'label',
              render: (label: string, h) => (
                <Space direction="vertical" size={0}>
                  <span>
                    {h.alert && (
                      <Tag color="red" icon={<RiseOutlined />}>
                        {t('intel.hotspots.alert')}
                      </Tag>
                    )}
                    {label}
                  </span>
                  <span>
                    {h.keywords.map((k) => (
                      <Tag key={k}>{k}</Tag>
                    ))}
                  </span>
                </Space>
              ),
            },
            { title: t('intel.hotspots.place'), width: 200, render: (_v, h) => [h.district, ...h.places.slice(0, 2)].filter(Boolean).join(' · ') || '—' },
            { title: t('intel.hotspots.count'), dataIndex: 'count', width: 80, align: 'right' },
            { title: t('intel.hotspots.reporters'), dataIndex: 'reporters', width: 80, align: 'right' },
            { title: t('intel.hotspots.recent'), dataIndex: 'recent', width: 80, align: 'right' },
            { title: t('intel.hotspots.growth'), dataIndex: 'growth', width: 90, align: 'right', render: (g: number) => `×${g}` },
            { title: t('intel.hotspots.score'), dataIndex: 'score', width: 80, align: 'right' },
            { title: t('intel.hotspots.lastAt'), dataIndex: 'lastAt', width: 150, render: fmtTime },
          ]}
        />
      </Card>
    </>
  );
}
