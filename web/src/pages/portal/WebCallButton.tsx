// 网页拨打12345: a WebRTC call from the browser into the same IVR and queues as a phone call. JsSIP
// talks SIP over the platform's WebSocket (/sip) without registering: the endpoint takes calls to
// the public hotline number from anyone, as a carrier's trunk does.
import { useEffect, useReducer, useRef, useState } from 'react';
import { Alert, Button, Modal, Space, Typography } from 'antd';
import { AudioOutlined, PhoneOutlined } from '@ant-design/icons';
import { useI18n } from '../../i18n';
import { TID } from '../../testIds';
import type { PortalFacts } from './portalApi';
import { initialWebCall, isActive, webCallReducer } from './webCallState';

interface JsSipSession {
  connection?: RTCPeerConnection | null;
  on(event: string, fn: (e: { cause?: string; peerconnection?: RTCPeerConnection }) => void): void;
  sendDTMF(tones: string, options?: unknown): void;
  terminate(): void;
  isEnded(): boolean;
}
interface JsSipUa {
  on(event: string, fn: (e?: unknown) => void): void;
  start(): void;
  stop(): void;
  call(target: string, options: unknown): JsSipSession;
}

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'];
// Media on the local network: host candidates are enough, and waiting for STUN would delay the call.
const CALL_OPTIONS = { mediaConstraints: { audio: true, video: false }, pcConfig: { iceServers: [] } };

export function WebCallButton({ facts }: { facts: PortalFacts | undefined }) {
  const { t } = useI18n();
  const [state, dispatch] = useReducer(webCallReducer, initialWebCall);
  const [open, setOpen] = useState(false);
  const [now, setNow] = useState(() => Date.now());
  const ua = useRef<JsSipUa | null>(null);
  const session = useRef<JsSipSession | null>(null);
  const audio = useRef<HTMLAudioElement | null>(null);
  const enabled = Boolean(facts?.webCall.enabled) && typeof RTCPeerConnection !== 'undefined';

  useEffect(() => {
    if (state.phase !== 'inCall') return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [state.phase]);
  useEffect(() => () => hangUp(), []);

  function hangUp() {
    if (session.current && !session.current.isEnded()) session.current.terminate();
    session.current = null;
    ua.current?.stop();
    ua.current = null;
  }

  async function dial() {
    if (!facts) return;
    setOpen(true);
    dispatch({ type: 'dial' });
    const JsSIP = await import('jssip');
    const host = window.location.hostname;
    const ws = `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}${facts.webCall.path}`;
    const caller = `web${Math.random().toString(36).slice(2, 10)}`;
    const agent = new JsSIP.UA({ sockets: [new JsSIP.WebSocketInterface(ws)], uri: `sip:${caller}@${host}`, display_name: '网页来电', register: false, session_timers: false, user_agent: 'hotline12345-portal' }) as unknown as JsSipUa;
    ua.current = agent;
    agent.on('disconnected', () => dispatch({ type: 'failed', cause: 'Connection Error' }));
    agent.on('connected', () => {
      dispatch({ type: 'connected' });
      const s = agent.call(`sip:${facts.hotlineNumber}@${host}`, CALL_OPTIONS);
      session.current = s;
      const play = (pc: RTCPeerConnection) =>
        pc.addEventListener('track', (e) => {
          if (audio.current) {
            audio.current.srcObject = e.streams[0] ?? new MediaStream([e.track]);
            void audio.current.play().catch(() => undefined);
          }
        });
      if (s.connection) play(s.connection);
      else s.on('peerconnection', (e) => e.peerconnection && play(e.peerconnection));
      s.on('progress', () => dispatch({ type: 'progress' }));
      s.on('confirmed', () => dispatch({ type: 'confirmed', at: Date.now() }));
      s.on('ended', (e) => {
        dispatch({ type: 'ended', cause: e.cause ?? '' });
        hangUp();
      });
      s.on('failed', (e) => {
        dispatch({ type: 'failed', cause: e.cause ?? '' });
        hangUp();
      });
    });
    agent.start();
  }

  const press = (digit: string) => {
    session.current?.sendDTMF(digit, { duration: 160, interToneGap: 100 });
    dispatch({ type: 'dtmf', digit });
  };
  const close = () => {
    hangUp();
    setOpen(false);
    dispatch({ type: 'reset' });
  };
  const seconds = state.answeredAt ? Math.max(0, Math.floor((now - state.answeredAt) / 1000)) : 0;
  const phaseText =
    state.phase === 'inCall'
      ? t('portal.call.inCall', { time: `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}` })
      : t(`portal.call.phase.${state.phase}` as 'portal.call.phase.idle');

  return (
    <>
      <Button data-testid={TID.portal.webCall} size="large" icon={<AudioOutlined />} disabled={!enabled} onClick={dial} block>
        {t('portal.call.button', { number: facts?.hotlineNumber ?? '12345' })}
      </Button>
      {!enabled && facts && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('portal.call.unavailable')}
        </Typography.Text>
      )}
      <Modal open={open} title={t('portal.call.title', { number: facts?.hotlineNumber ?? '12345' })} onCancel={close} footer={null} destroyOnHidden>
        <audio ref={audio} autoPlay />
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Text data-testid={TID.portal.webCallState} data-state={state.phase} aria-live="polite">
            {phaseText}
          </Typography.Text>
          {state.phase === 'failed' && <Alert type="error" showIcon title={t('portal.call.failed', { cause: state.cause ?? '' })} />}
          {state.phase === 'inCall' && (
            <div className="portal-keypad" role="group" aria-label={t('portal.call.keypad')}>
              {KEYS.map((k) => (
                <Button key={k} size="large" onClick={() => press(k)} aria-label={t('portal.call.key', { key: k })}>
                  {k}
                </Button>
              ))}
            </div>
          )}
          {isActive(state) ? (
            <Button data-testid={TID.portal.webCallHangup} danger type="primary" icon={<PhoneOutlined rotate={135} />} onClick={close} block>
              {t('portal.call.hangup')}
            </Button>
          ) : (
            <Button onClick={close} block>
              {t('portal.close')}
            </Button>
          )}
        </Space>
      </Modal>
    </>
  );
}
