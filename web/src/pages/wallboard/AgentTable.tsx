// Per agent: state and time in state (ticking), skills, and the supervisor's actions — listen,
// whisper or barge on a live call, force not ready, force log out, edit skills.
import type { HTMLAttributes, ReactNode } from 'react';
import { App, Button, Popconfirm, Space, Table, Tag, Tooltip, type TableColumnsType } from 'antd';
import { AudioOutlined, CustomerServiceOutlined, SoundOutlined } from '@ant-design/icons';
import { ctiApi, type MonitorMode, type WallboardAgent } from '../../api/cti';
import { useI18n } from '../../i18n';
import { TID } from '../../testIds';
import { useNotifyError } from '../../utils/errorText';
import { AGENT_STATE_COLOR, agentStateKey, reasonKey } from '../desktop/labels';
import { fmtDuration, secondsSince, useNow } from '../desktop/time';
import { liveCallOf, type Board } from './wallboardModel';

const W = TID.wallboard;
const MODES: { mode: MonitorMode; icon: ReactNode }[] = [
  { mode: 'listen', icon: <SoundOutlined /> },
  { mode: 'whisper', icon: <AudioOutlined /> },
  { mode: 'barge', icon: <CustomerServiceOutlined /> },
];

interface Props {
  board: Board;
  /** Whether the supervisor is signed in with an extension that monitoring can ring. */
  canMonitor: boolean;
  onChanged: () => void;
  onEditSkills: (a: WallboardAgent) => void;
}

export function AgentTable({ board, canMonitor, onChanged, onEditSkills }: Props) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const now = useNow();

  const run = async (f: () => Promise<unknown>, done: string) => {
    try {
      await f();
      message.success(done);
      onChanged();
    } catch (e) {
      notifyError(e);
    }
  };

  const columns: TableColumnsType<WallboardAgent> = [
    { title: t('wall.col.agent'), dataIndex: 'displayName' },
    { title: t('wall.col.extension'), dataIndex: 'extension', render: (x: string | null) => x ?? '—' },
    {
      title: t('wall.col.state'),
      key: 'state',
      render: (_, a) => {
        const rk = reasonKey(a.reason);
        return (
          <Tag data-testid={W.agentState(a.agentId)} data-state={a.state} color={AGENT_STATE_COLOR[a.state]}>
            {t(agentStateKey(a.state))}
            {a.state === 'notReady' && a.reason ? ` · ${rk ? t(rk) : a.reason}` : ''}
          </Tag>
        );
      },
    },
    {
      title: t('wall.col.timeInState'),
      key: 'time',
      render: (_, a) => <span data-testid={W.agentTime(a.agentId)}>{fmtDuration(secondsSince(a.since, now))}</span>,
    },
    { title: t('wall.col.answered'), dataIndex: 'answered' },
    {
      title: t('wall.col.skills'),
      dataIndex: 'skills',
      render: (skills: Record<string, number>) => (
        <Space size={2} wrap>
          {Object.entries(skills ?? {}).map(([k, v]) => (
            <Tag key={k}>
              {k}:{v}
            </Tag>
          ))}
        </Space>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, a) => {
        const call = liveCallOf(board, a.agentId);
        const signedIn = a.state !== 'loggedOut';
        return (
          <Space size={4} wrap>
            {MODES.map(({ mode, icon }) => (
              <Tooltip key={mode} title={!canMonitor ? t('wall.monitorHint') : undefined}>
                <Button
                  size="small"
                  icon={icon}
                  data-testid={W.monitor(mode, a.agentId)}
                  disabled={!call || !canMonitor}
                  onClick={() => call && void run(() => ctiApi.monitor(call.id, mode), t('wall.monitorStarted', { mode: t(`wall.${mode}`) }))}
                >
                  {t(`wall.${mode}`)}
                </Button>
              </Tooltip>
            ))}
            <Button
              size="small"
              data-testid={W.forceNotReady(a.agentId)}
              disabled={!signedIn || a.presence === 'notReady'}
              onClick={() => void run(() => ctiApi.forceState(a.agentId, 'notReady', 'other'), t('wall.done'))}
            >
              {t('wall.forceNotReady')}
            </Button>
            <Popconfirm
              title={t('wall.forceLogoutConfirm', { name: a.displayName })}
              onConfirm={() => run(() => ctiApi.forceState(a.agentId, 'loggedOut'), t('wall.done'))}
              okButtonProps={{ 'data-testid': `${W.forceLogout(a.agentId)}.ok` }}
            >
              <Button size="small" danger data-testid={W.forceLogout(a.agentId)} disabled={!signedIn}>
                {t('wall.forceLogout')}
              </Button>
            </Popconfirm>
            <Button size="small" data-testid={W.skills(a.agentId)} onClick={() => onEditSkills(a)}>
              {t('wall.editSkills')}
            </Button>
          </Space>
        );
      },
    },
  ];

  return (
    <Table<WallboardAgent>
      data-testid={W.agents}
      size="small"
      rowKey="agentId"
      columns={columns}
      dataSource={board.agents}
      pagination={false}
      scroll={{ x: true }}
      onRow={(a) => ({ 'data-testid': W.agent(a.agentId) }) as HTMLAttributes<HTMLElement>}
    />
  );
}
