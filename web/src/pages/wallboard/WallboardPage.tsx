// 班长席: queues, agents and live calls in real time, with the supervisor's interventions and the
// recordings of ended calls.
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Col, Row, Space, Spin } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import type { WallboardAgent } from '../../api/cti';
import { useUser } from '../../auth/AuthContext';
import { useI18n } from '../../i18n';
import { TID } from '../../testIds';
import { useErrorText } from '../../utils/errorText';
import { EventsTag } from '../desktop/AgentStatusBar';
import { deskStore, useDesk } from '../desktop/deskStore';
import { AgentTable } from './AgentTable';
import { CallsTable } from './CallsTable';
import { MonitorPhone } from './MonitorPhone';
import { QueueTable } from './QueueTable';
import { RecordingsPanel } from './RecordingsPanel';
import { SkillsModal } from './SkillsModal';
import { POLL_DOWN_SECONDS, useWallboard } from './useWallboard';

const W = TID.wallboard;

export default function WallboardPage() {
  const user = useUser();
  const { t } = useI18n();
  const errorText = useErrorText();
  const desk = useDesk();
  const { board, error, ended, reload, rememberEnded } = useWallboard(desk.events);
  const [skillsOf, setSkillsOf] = useState<WallboardAgent | null>(null);

  useEffect(() => deskStore.init(user.id), [user.id]);
  const canMonitor = !!desk.agent && desk.agent.state !== 'loggedOut';
  const refresh = () => void reload();

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Space wrap>
        <EventsTag status={desk.events} testId={W.live} />
        {desk.events !== 'open' && <span style={{ color: '#999' }}>{t('wall.fallback', { n: POLL_DOWN_SECONDS })}</span>}
        <Button icon={<ReloadOutlined />} onClick={refresh}>
          {t('common.refresh')}
        </Button>
      </Space>
      {error && <Alert data-testid={W.error} type="error" showIcon title={t('cti.loadFailed', { message: errorText(error).text })} />}
      {desk.error && <Alert type="warning" showIcon closable={{ onClose: () => deskStore.dismissError() }} title={errorText(desk.error).text} />}
      {!board && !error && <Spin />}
      {board && (
        <>
          <Card size="small" title={t('wall.queues')}>
            <QueueTable queues={board.queues} />
          </Card>
          <Row gutter={[12, 12]}>
            <Col xs={24} xl={17}>
              <Card size="small" title={t('wall.agents')}>
                <AgentTable board={board} canMonitor={canMonitor} onChanged={refresh} onEditSkills={setSkillsOf} />
              </Card>
            </Col>
            <Col xs={24} xl={7}>
              <MonitorPhone desk={desk} />
            </Col>
          </Row>
          <Card size="small" title={t('wall.calls')}>
            <CallsTable board={board} onChanged={refresh} />
          </Card>
        </>
      )}
      {!board && <MonitorPhone desk={desk} />}
      <RecordingsPanel ended={ended} onFound={rememberEnded} />
      <SkillsModal agent={skillsOf} onClose={() => setSkillsOf(null)} onSaved={refresh} />
    </Space>
  );
}
