// The softphone panel: registration, the ringing banner, the call's state and timer, and the call
// controls (answer, hang up, hold, mute, keypad, transfer, consult, three-way, call out).
import { useEffect, useState } from 'react';
import { Alert, App, Badge, Button, Card, Input, Space, Tag, Typography } from 'antd';
import { AudioMutedOutlined, AudioOutlined, PauseCircleOutlined, PhoneOutlined, PlayCircleOutlined, SwapOutlined, TeamOutlined } from '@ant-design/icons';
import { instantMs, type AgentView, type CallState } from '../../api/cti';
import { useI18n } from '../../i18n';
import { isBusy, talkSeconds, type PhoneCall } from '../../softphone/state';
import { SoftphoneAudio } from '../../softphone/SoftphoneAudio';
import { softphone, useSoftphone } from '../../softphone/useSoftphone';
import { TID } from '../../testIds';
import { useErrorText } from '../../utils/errorText';
import { liveCallId, type DeskState } from './deskModel';
import { deskStore } from './deskStore';
import { CALL_STATE_COLOR, REGISTRATION_STATUS, callStateKey, registrationKey } from './labels';
import { fmtDuration, useNow } from './time';
import { TransferModal, type TransferMode } from './TransferModal';

const D = TID.desktop;
const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'];

/** The softphone's call status in the CTI's words, for one state to show and test. */
function sipAsCallState(c: PhoneCall): CallState {
  if (c.status === 'ended') return 'ended';
  if (c.status === 'active') return c.held ? 'held' : 'talking';
  return 'offered';
}

export function RegistrationBadge({ testId }: { testId: string }) {
  const { t } = useI18n();
  const phone = useSoftphone();
  return (
    <span data-testid={testId} data-state={phone.registration}>
      <Badge status={REGISTRATION_STATUS[phone.registration]} text={t(registrationKey(phone.registration))} />
    </span>
  );
}

export function SoftphonePanel({ desk, agent }: { desk: DeskState; agent: AgentView | null }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const phone = useSoftphone();
  const now = useNow();
  const [transfer, setTransfer] = useState<TransferMode | null>(null);
  const [consulting, setConsulting] = useState(false);
  const [dialNumber, setDialNumber] = useState('');
  const [digits, setDigits] = useState('');

  const cti = desk.call;
  const sip = phone.call;
  const ctiLive = liveCallId(desk) !== null;
  const state: CallState | null = cti && (ctiLive || !isBusy(phone)) ? cti.state : sip ? sipAsCallState(sip) : null;
  const live = ctiLive || isBusy(phone);
  const ringing = sip?.status === 'ringing' || (ctiLive && cti?.state === 'offered');
  const talking = state === 'talking' || state === 'held';
  const held = state === 'held' || !!sip?.held;
  const muted = desk.muted || !!sip?.muted;
  const number = (cti ? (cti.direction === 'outbound' ? cti.calledNumber : cti.callerNumber) : null) ?? sip?.remoteNumber ?? null;

  // One consult at a time, and the keypad's display, belong to one call.
  const callKey = cti?.id ?? sip?.sessionId ?? '';
  useEffect(() => {
    setConsulting(false);
    setDigits('');
  }, [callKey]);

  const answered = cti?.answeredAt ? instantMs(cti.answeredAt) : (sip?.answeredAt ?? Number.NaN);
  const ended = cti?.endedAt ? instantMs(cti.endedAt) : (sip?.endedAt ?? Number.NaN);
  const timer = !Number.isNaN(answered) ? Math.max(0, Math.floor(((Number.isNaN(ended) ? now : ended) - answered) / 1000)) : talkSeconds(sip, now);

  const signedIn = !!agent && agent.state !== 'loggedOut';
  const phoneDown = signedIn && (phone.registration === 'idle' || phone.registration === 'failed' || phone.registration === 'unregistered');

  const press = (key: string) => {
    setDigits((d) => (d + key).slice(-20));
    void deskStore.dtmf(key);
  };

  const dial = async () => {
    const n = dialNumber.trim();
    if (n && (await deskStore.dial(n))) message.info(t('desk.dialStarted', { number: n }));
  };

  return (
    <Card size="small" title={t('phone.title')} extra={<RegistrationBadge testId={D.phoneRegistration} />}>
      <SoftphoneAudio testId={D.audio} />
      <Space orientation="vertical" style={{ width: '100%' }} size={10}>
        {phoneDown && agent?.extension && (
          <Alert
            type="warning"
            showIcon
            title={
              <span>
                {t('desk.phoneMissing')}
                {phone.registrationError ? ` ${phone.registrationError}` : ''}{' '}
                <Button size="small" data-testid={D.reRegister} onClick={() => void deskStore.login(agent.extension!)}>
                  {t('desk.reRegister')}
                </Button>
              </span>
            }
          />
        )}
        {phone.error && <Alert type="error" showIcon closable={{ onClose: () => softphone.clearError() }} title={t('phone.error', { message: phone.error })} />}

        {ringing && (
          <Alert
            data-testid={D.ringing}
            type="warning"
            showIcon
            icon={<PhoneOutlined />}
            title={
              <Space>
                <span>{t('phone.ringing')}</span>
                <Typography.Text strong data-testid={D.ringingNumber}>
                  {number ?? t('desk.unknownNumber')}
                </Typography.Text>
              </Space>
            }
            action={
              <Button data-testid={D.answer} type="primary" onClick={() => void deskStore.answer()}>
                {t('phone.answer')}
              </Button>
            }
          />
        )}

        <Space wrap>
          <Typography.Text type="secondary">{t('desk.callState')}</Typography.Text>
          <Tag data-testid={D.callState} data-state={state ?? 'idle'} color={state ? CALL_STATE_COLOR[state] : 'default'}>
            {state ? t(callStateKey(state)) : t('phone.idle')}
          </Tag>
          {number && (
            <Typography.Text strong data-testid={D.callNumber}>
              {number}
            </Typography.Text>
          )}
          <Typography.Text type="secondary">{t('phone.timer')}</Typography.Text>
          <Typography.Text code data-testid={D.callTimer}>
            {fmtDuration(timer)}
          </Typography.Text>
        </Space>

        <Space wrap>
          <Button data-testid={D.hangup} danger type="primary" disabled={!live} onClick={() => void deskStore.hangup()}>
            {t('phone.hangup')}
          </Button>
          {held ? (
            <Button data-testid={D.resume} icon={<PlayCircleOutlined />} disabled={!live} onClick={() => void deskStore.resume()}>
              {t('phone.resume')}
            </Button>
          ) : (
            <Button data-testid={D.hold} icon={<PauseCircleOutlined />} disabled={!talking} onClick={() => void deskStore.hold()}>
              {t('phone.hold')}
            </Button>
          )}
          {muted ? (
            <Button data-testid={D.unmute} icon={<AudioOutlined />} disabled={!live} onClick={() => void deskStore.unmute()}>
              {t('phone.unmute')}
            </Button>
          ) : (
            <Button data-testid={D.mute} icon={<AudioMutedOutlined />} disabled={!talking} onClick={() => void deskStore.mute()}>
              {t('phone.mute')}
            </Button>
          )}
        </Space>

        <div>
          <Typography.Text type="secondary">{t('phone.dtmf')}</Typography.Text>{' '}
          {digits && (
            <Typography.Text code data-testid={D.dtmfSent}>
              {digits}
            </Typography.Text>
          )}
          <div style={{ display: 'grid', gridTemplateColumns: 'repeat(3, 48px)', gap: 6, marginTop: 6 }}>
            {KEYS.map((k) => (
              <Button key={k} data-testid={D.dtmf(k)} disabled={!talking} onClick={() => press(k)}>
                {k}
              </Button>
            ))}
          </div>
        </div>

        <Space wrap>
          <Button data-testid={D.transfer} icon={<SwapOutlined />} disabled={!ctiLive || !talking} onClick={() => setTransfer('transfer')}>
            {t('desk.transfer')}
          </Button>
          <Button data-testid={D.consult} icon={<TeamOutlined />} disabled={!ctiLive || !talking || consulting} onClick={() => setTransfer('consult')}>
            {t('desk.consult')}
          </Button>
          <Button
            data-testid={D.completeConsult}
            disabled={!consulting || !ctiLive}
            onClick={async () => {
              if (await deskStore.completeConsult()) message.success(t('desk.consultCompleted'));
            }}
          >
            {t('desk.completeConsult')}
          </Button>
          <Button
            data-testid={D.conference}
            disabled={!consulting || !ctiLive}
            onClick={async () => {
              if (await deskStore.conference()) message.success(t('desk.conferenceStarted'));
            }}
          >
            {t('desk.conference')}
          </Button>
        </Space>

        {!live && signedIn && (
          <Space.Compact style={{ width: '100%' }}>
            <Input data-testid={D.dialNumber} placeholder={t('desk.dialNumber')} value={dialNumber} onChange={(e) => setDialNumber(e.target.value)} onPressEnter={() => void dial()} maxLength={20} inputMode="tel" />
            <Button data-testid={D.dial} icon={<PhoneOutlined />} disabled={!dialNumber.trim()} onClick={() => void dial()}>
              {t('desk.dial')}
            </Button>
          </Space.Compact>
        )}
      </Space>

      <TransferModal
        mode={transfer}
        onClose={() => setTransfer(null)}
        onDone={(mode) => {
          if (mode === 'consult') setConsulting(true);
          message.success(t(mode === 'consult' ? 'desk.consultStarted' : 'desk.transferDone'));
        }}
        errorText={(e) => errorText(e).text}
      />
    </Card>
  );
}
