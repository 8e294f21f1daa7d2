// The supervisor's own phone on the wallboard: listen, whisper and barge ring the extension the
// supervisor signed in with, answered here on the browser softphone.
import { Alert, Button, Card, Popconfirm, Space, Typography } from 'antd';
import { useI18n } from '../../i18n';
import { SoftphoneAudio } from '../../softphone/SoftphoneAudio';
import { isBusy } from '../../softphone/state';
import { softphone, useSoftphone } from '../../softphone/useSoftphone';
import { TID } from '../../testIds';
import { AgentStateTag, SignInForm } from '../desktop/AgentStatusBar';
import type { DeskState } from '../desktop/deskModel';
import { deskStore } from '../desktop/deskStore';
import { RegistrationBadge } from '../desktop/SoftphonePanel';

const W = TID.wallboard;

export function MonitorPhone({ desk }: { desk: DeskState }) {
  const { t } = useI18n();
  const phone = useSoftphone();
  const agent = desk.agent;
  const signedIn = !!agent && agent.state !== 'loggedOut';
  return (
    <Card size="small" title={t('wall.myPhone')} extra={<RegistrationBadge testId={W.phoneRegistration} />}>
      <SoftphoneAudio />
      <Space orientation="vertical" style={{ width: '100%' }}>
        {!signedIn ? (
          <>
            <Typography.Text type="secondary">{t('wall.monitorHint')}</Typography.Text>
            <SignInForm testIds={{ extension: W.extension, login: W.login }} />
          </>
        ) : (
          <Space wrap>
            <span>
              {t('desk.extension')} <Typography.Text strong>{agent.extension ?? '—'}</Typography.Text>
            </span>
            <AgentStateTag agent={agent} testId={`${W.phoneRegistration}.agent`} />
            <Popconfirm title={t('desk.signOutConfirm')} onConfirm={() => deskStore.logout()} okButtonProps={{ 'data-testid': `${W.logout}.ok` }}>
              <Button size="small" data-testid={W.logout}>
                {t('desk.signOut')}
              </Button>
            </Popconfirm>
          </Space>
        )}
        {phone.call?.status === 'ringing' && (
          <Alert
            type="warning"
            showIcon
            title={`${t('phone.ringing')} ${phone.call.remoteName ?? phone.call.remoteNumber}`}
            action={
              <Button type="primary" data-testid={W.answer} onClick={() => softphone.answer()}>
                {t('phone.answer')}
              </Button>
            }
          />
        )}
        {isBusy(phone) && (
          <Button danger data-testid={W.hangup} onClick={() => softphone.hangup()}>
            {t('phone.hangup')}
          </Button>
        )}
        {phone.error && <Alert type="error" showIcon closable={{ onClose: () => softphone.clearError() }} title={t('phone.error', { message: phone.error })} />}
      </Space>
    </Card>
  );
}
