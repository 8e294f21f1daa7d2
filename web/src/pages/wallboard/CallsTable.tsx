// Live calls: who is waiting, ringing or talking, for how long, and the pull of a waiting call to
// an agent the supervisor chooses.
import { useState, type HTMLAttributes } from 'react';
import { Alert, App, Button, Modal, Select, Table, Tag, type TableColumnsType } from 'antd';
import { ctiApi, instantMs, type CallView } from '../../api/cti';
import { useI18n } from '../../i18n';
import { TID } from '../../testIds';
import { useErrorText } from '../../utils/errorText';
import { AGENT_STATE_COLOR, CALL_STATE_COLOR, agentStateKey, callStateKey } from '../desktop/labels';
import { fmtDuration, useNow } from '../desktop/time';
import type { Board } from './wallboardModel';

const W = TID.wallboard;

function PullModal({ call, board, onClose, onDone }: { call: CallView | null; board: Board; onClose: () => void; onDone: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [agentId, setAgentId] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);
  // Ready agents first: they can take it at once.
  const agents = [...board.agents].filter((a) => a.state !== 'loggedOut').sort((a, b) => Number(b.state === 'ready') - Number(a.state === 'ready'));

  const pull = async () => {
    if (!call || !agentId) return;
    setBusy(true);
    setFailed(null);
    try {
      await ctiApi.pull(call.id, agentId);
      message.success(t('wall.pulled', { name: board.agents.find((a) => a.agentId === agentId)?.displayName ?? agentId }));
      onDone();
      onClose();
    } catch (e) {
      setFailed(errorText(e).text);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={call !== null}
      title={t('wall.pullTitle', { number: call?.callerNumber ?? '' })}
      onCancel={onClose}
      onOk={() => void pull()}
      okButtonProps={{ disabled: !agentId, 'data-testid': `${W.pullModal}.ok` }}
      confirmLoading={busy}
      afterOpenChange={(open) => {
        if (!open) {
          setAgentId(undefined);
          setFailed(null);
        }
      }}
    >
      <div data-testid={W.pullModal}>
        {failed && <Alert type="error" showIcon title={failed} style={{ marginBottom: 12 }} />}
        <Select
          data-testid={W.pullAgent}
          style={{ width: '100%' }}
          placeholder={t('wall.pickAgent')}
          value={agentId}
          onChange={setAgentId}
          showSearch={{ optionFilterProp: 'label' }}
          options={agents.map((a) => ({
            value: a.agentId,
            label: `${a.displayName}${a.extension ? ` (${a.extension})` : ''}`,
            title: t(agentStateKey(a.state)),
          }))}
          optionRender={(o) => {
            const a = agents.find((x) => x.agentId === o.value);
            return (
              <span>
                {o.label} {a && <Tag color={AGENT_STATE_COLOR[a.state]}>{t(agentStateKey(a.state))}</Tag>}
              </span>
            );
          }}
        />
      </div>
    </Modal>
  );
}

export function CallsTable({ board, onChanged }: { board: Board; onChanged: () => void }) {
  const { t } = useI18n();
  const now = useNow();
  const [pulling, setPulling] = useState<CallView | null>(null);
  const since = (v: CallView['enqueuedAt']) => {
    const ms = instantMs(v);
    return Number.isNaN(ms) ? Number.NaN : Math.max(0, Math.floor((now - ms) / 1000));
  };
  const queueName = (id: string | null) => board.queues.find((q) => q.queueId === id)?.name ?? id ?? '—';

  const columns: TableColumnsType<CallView> = [
    { title: t('wall.col.caller'), key: 'number', render: (_, c) => (c.direction === 'outbound' ? c.calledNumber : c.callerNumber) ?? '—' },
    { title: t('wall.col.callState'), dataIndex: 'state', render: (s: CallView['state']) => <Tag color={CALL_STATE_COLOR[s]}>{t(callStateKey(s))}</Tag> },
    { title: t('wall.col.queue'), dataIndex: 'queueId', render: queueName },
    { title: t('wall.col.agent'), dataIndex: 'agentName', render: (n: string | null) => n ?? '—' },
    {
      title: t('wall.col.wait'),
      key: 'wait',
      render: (_, c) => fmtDuration(c.state === 'queued' || c.state === 'offered' ? since(c.enqueuedAt) : c.waitSeconds),
    },
    { title: t('wall.col.duration'), key: 'talk', render: (_, c) => fmtDuration(c.answeredAt ? since(c.answeredAt) : Number.NaN) },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, c) =>
        c.state === 'queued' ? (
          <Button size="small" type="primary" data-testid={W.pull(c.id)} onClick={() => setPulling(c)}>
            {t('wall.pull')}
          </Button>
        ) : null,
    },
  ];

  return (
    <>
      <Table<CallView>
        data-testid={W.calls}
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={board.calls}
        pagination={false}
        scroll={{ x: true }}
        locale={{ emptyText: t('wall.noCalls') }}
        onRow={(c) => ({ 'data-testid': W.call(c.id) }) as HTMLAttributes<HTMLElement>}
      />
      <PullModal call={pulling} board={board} onClose={() => setPulling(null)} onDone={onChanged} />
    </>
  );
}
