// 数据概览: counts by status, new orders per day, per district and per type.
import { useMemo } from 'react';
import { Alert, Button, Card, Col, Row, Statistic } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { APPEAL_TYPES, WORK_ORDER_STATUSES } from '@hotline/shared';
import { statsApi } from '../api/endpoints';
import { EChart, type EChartOption } from '../components/EChart';
import { useAsync } from '../hooks/useAsync';
import { useI18n } from '../i18n';

export default function OverviewPage() {
  const { t, label, lang } = useI18n();
  const { data, loading, error, reload } = useAsync(() => statsApi.overview(), []);

  const charts = useMemo(() => {
    if (!data) return null;
    const statuses = WORK_ORDER_STATUSES.filter((s) => (data.byStatus[s] ?? 0) > 0 || !['cancelled', 'merged'].includes(s));
    const byStatus: EChartOption = {
      tooltip: { trigger: 'axis' },
      grid: { left: 40, right: 16, top: 16, bottom: 60 },
      xAxis: { type: 'category', data: statuses.map((s) => label('status', s)), axisLabel: { interval: 0, rotate: lang === 'en' ? 30 : 0 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ type: 'bar', barMaxWidth: 36, data: statuses.map((s) => data.byStatus[s] ?? 0), itemStyle: { color: '#1f5fbf' } }],
    };
    const perDay: EChartOption = {
      tooltip: { trigger: 'axis' },
      grid: { left: 40, right: 16, top: 16, bottom: 30 },
      xAxis: { type: 'category', data: data.perDay.map((d) => d.date.slice(5)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ type: 'line', smooth: true, areaStyle: { opacity: 0.15 }, data: data.perDay.map((d) => d.count) }],
    };
    const districtsSorted = [...data.byDistrict].sort((a, b) => a.count - b.count);
    const byDistrict: EChartOption = {
      tooltip: { trigger: 'axis' },
      grid: { left: 90, right: 24, top: 16, bottom: 24 },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: districtsSorted.map((d) => d.name) },
      series: [{ type: 'bar', barMaxWidth: 24, data: districtsSorted.map((d) => d.count), itemStyle: { color: '#13a8a8' } }],
    };
    const byType: EChartOption = {
      tooltip: { trigger: 'item' },
      legend: { bottom: 0 },
      series: [
        {
          type: 'pie',
          radius: ['35%', '65%'],
          center: ['50%', '45%'],
          data: APPEAL_TYPES.filter((k) => (data.byType[k] ?? 0) > 0).map((k) => ({ name: label('type', k), value: data.byType[k] ?? 0 })),
        },
      ],
    };
    return { byStatus, perDay, byDistrict, byType };
  }, [data, label, lang]);

  const active = data ? ['registered', 'dispatched', 'returned', 'handling', 'reviewing', 'replied'].reduce((n, s) => n + (data.byStatus[s as keyof typeof data.byStatus] ?? 0), 0) : 0;

  return (
    <>
      <h2 className="page-title">
        {t('nav.overview')}
        <Button style={{ float: 'right' }} icon={<ReloadOutlined />} onClick={reload} loading={loading}>
          {t('common.refresh')}
        </Button>
      </h2>
      {error && <Alert type="error" showIcon title={error.message} style={{ marginBottom: 16 }} />}
      <Row gutter={[16, 16]}>
        {[
          { key: 'todayNew', title: t('overview.todayNew'), value: data?.todayNew, color: undefined },
          { key: 'active', title: t('overview.active'), value: active, color: undefined },
          { key: 'warning', title: t('overview.warning'), value: data?.warning, color: '#fa8c16' },
          { key: 'overdue', title: t('overview.overdue'), value: data?.overdue, color: '#cf1322' },
          {
            key: 'satisfaction',
            title: t('overview.satisfactionRate'),
            value: data?.satisfactionRate == null ? '—' : (data.satisfactionRate * 100).toFixed(1),
            suffix: data?.satisfactionRate == null ? undefined : '%',
            color: '#389e0d',
          },
        ].map((s) => (
          <Col flex="1 1 180px" key={s.key}>
            <Card size="small" loading={loading && !data}>
              <Statistic title={s.title} value={s.value ?? 0} suffix={'suffix' in s ? s.suffix : undefined} styles={{ content: { color: s.color } }} />
            </Card>
          </Col>
        ))}
        {charts && (
          <>
            <Col xs={24} lg={12}>
              <Card size="small" title={t('overview.byStatus')}>
                <EChart option={charts.byStatus} testId="chart-by-status" />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card size="small" title={t('overview.perDay')}>
                <EChart option={charts.perDay} testId="chart-per-day" />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card size="small" title={t('overview.byDistrict')}>
                <EChart option={charts.byDistrict} testId="chart-by-district" />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card size="small" title={t('overview.byType')}>
                <EChart option={charts.byType} testId="chart-by-type" />
              </Card>
            </Col>
          </>
        )}
      </Row>
    </>
  );
}
