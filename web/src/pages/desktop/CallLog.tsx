// 我的通话记录 and today's figures.
import { Card, Col, Row, Statistic, Table, Tag, type TableColumnsType } from 'antd';
import { ctiApi, type AgentView, type CallView } from '../../api/cti';
import { useAsync } from '../../hooks/useAsync';
import { useI18n } from '../../i18n';
import { TID } from '../../testIds';
import { fmtTime } from '../../utils/format';
import { CALL_STATE_COLOR, callStateKey } from './labels';
import { fmtDuration, isoOf } from './time';

const D = TID.desktop;

export function TodayFigures({ agent }: { agent: AgentView | null }) {
  const { t } = useI18n();
  const today = agent?.today;
  return (
    <Row gutter={16}>
      <Col span={8}>
        <Statistic title={t('desk.today.answered')} value={today?.answered ?? 0} valueRender={(v) => <span data-testid={D.today('answered')}>{v}</span>} />
      </Col>
      <Col span={8}>
        <Statistic title={t('desk.today.talk')} value={fmtDuration(today?.talkSeconds ?? 0)} valueRender={(v) => <span data-testid={D.today('talk')}>{v}</span>} />
      </Col>
      <Col span={8}>
        <Statistic title={t('desk.today.aht')} value={fmtDuration(today?.averageHandleSeconds ?? 0)} valueRender={(v) => <span data-testid={D.today('aht')}>{v}</span>} />
      </Col>
    </Row>
  );
}

/** `agent` is a new object whenever the desk reloads it, which reloads the log too. */
export function CallLog({ agent }: { agent: AgentView | null }) {
  const { t, label } = useI18n();
  const signedIn = !!agent;
  const { data, loading, error } = useAsync(() => (signedIn ? ctiApi.myCalls(20) : Promise.resolve({ items: [] as CallView[] })), [agent]);
  const columns: TableColumnsType<CallView> = [
    { title: t('desk.col.time'), key: 'time', render: (_, c) => fmtTime(isoOf(c.answeredAt ?? c.offeredAt ?? c.enqueuedAt ?? c.endedAt)) },
    { title: t('desk.col.direction'), dataIndex: 'direction', render: (d: CallView['direction']) => t(`cti.direction.${d ?? 'inbound'}`) },
    { title: t('desk.col.number'), key: 'number', render: (_, c) => (c.direction === 'outbound' ? c.calledNumber : c.callerNumber) ?? '—' },
    { title: t('desk.col.wait'), dataIndex: 'waitSeconds', render: (s: number | null) => fmtDuration(s) },
    { title: t('desk.col.talk'), dataIndex: 'talkSeconds', render: (s: number | null) => fmtDuration(s) },
    { title: t('desk.col.state'), dataIndex: 'state', render: (s: CallView['state']) => <Tag color={CALL_STATE_COLOR[s]}>{t(callStateKey(s))}</Tag> },
    { title: t('desk.col.satisfaction'), dataIndex: 'satisfaction', render: (s: CallView['satisfaction']) => (s ? label('satisfaction', s) : '—') },
    {
      title: t('desk.col.orders'),
      dataIndex: 'workOrderIds',
      render: (ids: string[] | undefined) =>
        ids?.length
          ? ids.map((id, i) => (
              <a key={id} href={`/work-orders/${id}`} target="_blank" rel="noreferrer" style={{ marginRight: 6 }}>
                #{i + 1}
              </a>
            ))
          : '—',
    },
  ];
  return (
    <Card size="small" title={t('desk.log')}>
      <TodayFigures agent={agent} />
      <Table<CallView>
        data-testid={D.log}
        style={{ marginTop: 12 }}
        size="small"
        rowKey="id"
        loading={loading}
        columns={columns}
        dataSource={data?.items ?? []}
        pagination={false}
        scroll={{ x: true }}
        locale={error ? { emptyText: error.message } : undefined}
      />
    </Card>
  );
}
