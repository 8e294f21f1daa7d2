// 坐席工作台: ACD sign-in and states, the softphone, the screen pop, the work order registered during
// the call, the knowledge panel, wrap-up, and the agent's own call log and figures.
import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Card, Col, Row, Space, Spin } from 'antd';
import { useUser } from '../../auth/AuthContext';
import { useI18n } from '../../i18n';
import { TID } from '../../testIds';
import { useErrorText } from '../../utils/errorText';
import { AgentStatusBar } from './AgentStatusBar';
import { CallLog } from './CallLog';
import { CallWorkOrder } from './CallWorkOrder';
import { deskStore, useDesk } from './deskStore';
import { KnowledgePanel } from './KnowledgePanel';
import { ScreenPop } from './ScreenPop';
import { SoftphonePanel } from './SoftphonePanel';
import { WrapUpBar } from './WrapUpBar';

const D = TID.desktop;

export default function AgentDesktopPage() {
  const user = useUser();
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const desk = useDesk();
  const [appeal, setAppeal] = useState<{ text: string; categoryId?: string }>({ text: '' });

  useEffect(() => deskStore.init(user.id), [user.id]);
  // A new call's appeal starts empty, and so do its suggestions.
  useEffect(() => setAppeal({ text: '' }), [desk.call?.id]);

  const onTextChange = useCallback((text: string, categoryId: string | undefined) => setAppeal({ text, categoryId }), []);
  const link = async (order: { id: string; trackingNumber: string }) => {
    if (await deskStore.linkOrder(order)) message.success(t('desk.wo.linkedOk', { tn: order.trackingNumber }));
  };

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Card size="small">{desk.loading ? <Spin /> : <AgentStatusBar agent={desk.agent} events={desk.events} />}</Card>
      {desk.error && (
        <Alert
          data-testid={D.error}
          type="error"
          showIcon
          closable={{ onClose: () => deskStore.dismissError() }}
          title={t('cti.loadFailed', { message: errorText(desk.error).text })}
        />
      )}
      <WrapUpBar agent={desk.agent} />
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={8} xxl={6}>
          <Space orientation="vertical" size={12} style={{ width: '100%' }}>
            <SoftphonePanel desk={desk} agent={desk.agent} />
            <ScreenPop call={desk.call} pop={desk.pop} linkedIds={desk.linked.map((l) => l.id)} onLink={desk.call ? (o) => void link(o) : undefined} />
          </Space>
        </Col>
        <Col xs={24} lg={10} xxl={12}>
          <CallWorkOrder call={desk.call} linked={desk.linked} onTextChange={onTextChange} />
        </Col>
        <Col xs={24} lg={6} xxl={6}>
          <KnowledgePanel text={appeal.text} categoryId={appeal.categoryId} />
        </Col>
      </Row>
      <CallLog agent={desk.agent} />
    </Space>
  );
}
