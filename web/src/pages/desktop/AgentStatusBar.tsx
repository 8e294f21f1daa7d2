// 签入/示闲/示忙/签出: the agent's ACD state with its ticking time, and the controls to change it.
import { useState } from 'react';
import { Button, Dropdown, Form, Input, Popconfirm, Space, Tag, Typography } from 'antd';
import { CoffeeOutlined, LoginOutlined, LogoutOutlined, PhoneOutlined } from '@ant-design/icons';
import { NOT_READY_REASONS, type AgentView, type EventsStatus } from '../../api/cti';
import { useI18n } from '../../i18n';
import { TID } from '../../testIds';
import { deskStore } from './deskStore';
import { AGENT_STATE_COLOR, agentStateKey, eventsKey, reasonKey } from './labels';
import { fmtDuration, secondsSince, useNow } from './time';

const D = TID.desktop;

export function SignInForm({ testIds = { extension: D.extension, login: D.login } }: { testIds?: { extension: string; login: string } }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const submit = async (v: { extension: string }) => {
    setBusy(true);
    try {
      await deskStore.login(v.extension.trim());
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form layout="inline" onFinish={submit} initialValues={{ extension: deskStore.defaultExtension() }}>
      <Form.Item name="extension" label={t('desk.extension')} rules={[{ required: true, whitespace: true, message: t('desk.extensionRequired') }]}>
        <Input data-testid={testIds.extension} style={{ width: 120 }} maxLength={10} inputMode="numeric" />
      </Form.Item>
      <Button data-testid={testIds.login} type="primary" htmlType="submit" icon={<LoginOutlined />} loading={busy}>
        {t('desk.signIn')}
      </Button>
    </Form>
  );
}

export function AgentStateTag({ agent, testId = D.agentState }: { agent: AgentView; testId?: string }) {
  const { t } = useI18n();
  const now = useNow();
  const rk = reasonKey(agent.reason);
  return (
    <Space size={4}>
      <Tag data-testid={testId} data-state={agent.state} color={AGENT_STATE_COLOR[agent.state]} style={{ fontSize: 14, padding: '2px 10px' }}>
        {t(agentStateKey(agent.state))}
        {agent.state === 'notReady' && agent.reason ? ` · ${rk ? t(rk) : agent.reason}` : ''}
      </Tag>
      <Typography.Text type="secondary" data-testid={D.stateTimer}>
        {t('desk.stateFor', { time: fmtDuration(secondsSince(agent.since, now)) })}
      </Typography.Text>
    </Space>
  );
}

export function EventsTag({ status, testId }: { status: EventsStatus; testId: string }) {
  const { t } = useI18n();
  const color = status === 'open' ? 'green' : status === 'connecting' ? 'processing' : 'red';
  return (
    <Tag data-testid={testId} data-state={status} color={color}>
      {t(eventsKey(status))}
    </Tag>
  );
}

export function AgentStatusBar({ agent, events }: { agent: AgentView | null; events: EventsStatus }) {
  const { t } = useI18n();
  if (!agent || agent.state === 'loggedOut') {
    return (
      <Space wrap size={16}>
        <Typography.Text type="secondary">{t('desk.notSignedIn')}</Typography.Text>
        <SignInForm />
        <EventsTag status={events} testId={D.events} />
      </Space>
    );
  }
  const onCall = agent.state === 'talking' || agent.state === 'reserved';
  return (
    <Space wrap size={12}>
      <span>
        <PhoneOutlined /> {t('desk.extension')} <Typography.Text strong>{agent.extension ?? '—'}</Typography.Text>
      </span>
      <AgentStateTag agent={agent} />
      <Button data-testid={D.ready} type={agent.presence === 'ready' ? 'primary' : 'default'} disabled={agent.presence === 'ready'} onClick={() => void deskStore.ready()}>
        {t('desk.ready')}
      </Button>
      <Dropdown
        trigger={['click']}
        menu={{
          items: NOT_READY_REASONS.map((r) => ({ key: r, label: <span data-testid={D.reason(r)}>{t(`cti.reason.${r}`)}</span> })),
          onClick: ({ key }) => void deskStore.notReady(key as (typeof NOT_READY_REASONS)[number]),
        }}
      >
        <Button data-testid={D.notReady} icon={<CoffeeOutlined />} danger={agent.presence === 'notReady'}>
          {t('desk.notReady')}
        </Button>
      </Dropdown>
      <Popconfirm title={t('desk.signOutConfirm')} onConfirm={() => deskStore.logout()} okButtonProps={{ 'data-testid': `${D.logout}.ok` }}>
        <Button data-testid={D.logout} icon={<LogoutOutlined />} disabled={onCall}>
          {t('desk.signOut')}
        </Button>
      </Popconfirm>
      <EventsTag status={events} testId={D.events} />
    </Space>
  );
}
