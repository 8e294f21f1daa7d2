// 登记工单 during the call: the shared registration form, prefilled with the caller's number and the
// phone channel; the new order is linked to the call. An existing order can be linked by number.
import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Input, Result, Space, Typography } from 'antd';
import { LinkOutlined } from '@ant-design/icons';
import type { CallView } from '../../api/cti';
import { workOrderApi } from '../../api/endpoints';
import type { WorkOrderDetail } from '../../api/types';
import { WorkOrderForm, type WorkOrderFormIds, type WorkOrderFormValues } from '../../components/WorkOrderForm';
import { useI18n } from '../../i18n';
import { TID } from '../../testIds';
import { useNotifyError } from '../../utils/errorText';
import type { LinkedOrder } from './deskModel';
import { deskStore } from './deskStore';

const D = TID.desktop;
const FIELDS: (keyof WorkOrderFormIds)[] = [
  'channel', 'type', 'urgency', 'title', 'content', 'category', 'district', 'street', 'address',
  'citizenName', 'citizenPhone', 'confidential', 'anonymous', 'attachments', 'resolveOnSpot', 'resolveContent', 'submit',
];
const IDS = Object.fromEntries(FIELDS.map((f) => [f, D.workOrder(f)])) as WorkOrderFormIds;
const PHONE = /^\+?[0-9\- ]{3,20}$/;

interface Props {
  call: CallView | null;
  linked: LinkedOrder[];
  onTextChange: (text: string, categoryId: string | undefined) => void;
}

export function CallWorkOrder({ call, linked, onTextChange }: Props) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [created, setCreated] = useState<{ order: WorkOrderDetail; callId: string | null; linkedOk: boolean } | null>(null);
  const [round, setRound] = useState(0);
  const [existing, setExisting] = useState('');
  const [linking, setLinking] = useState(false);

  // Linking stays possible after the hang-up: orders are often written up during wrap-up.
  const callId = call?.id ?? null;
  const number = call ? (call.direction === 'outbound' ? call.calledNumber : call.callerNumber) : null;
  const initialValues = useMemo<Partial<WorkOrderFormValues>>(
    () => ({ channel: 'phone', ...(number && PHONE.test(number) ? { citizenPhone: number } : {}) }),
    [number],
  );
  // A new call starts a fresh form and forgets the last result.
  const shown = created && created.callId === callId ? created : null;

  const onCreated = async (order: WorkOrderDetail) => {
    let linkedOk = false;
    if (callId) {
      linkedOk = await deskStore.linkOrder({ id: order.id, trackingNumber: order.trackingNumber });
      if (linkedOk) message.success(t('desk.wo.linkedOk', { tn: order.trackingNumber }));
    }
    setCreated({ order, callId, linkedOk });
  };

  const linkExisting = async () => {
    const tn = existing.trim();
    if (!tn || !callId) return;
    setLinking(true);
    try {
      const page = await workOrderApi.list({ q: tn, pageSize: 5 });
      const hit = page.items.find((o) => o.trackingNumber === tn) ?? (page.items.length === 1 ? page.items[0] : undefined);
      if (!hit) {
        message.warning(t('desk.wo.notFound', { tn }));
        return;
      }
      if (await deskStore.linkOrder({ id: hit.id, trackingNumber: hit.trackingNumber })) {
        message.success(t('desk.wo.linkedOk', { tn: hit.trackingNumber }));
        setExisting('');
      }
    } catch (e) {
      notifyError(e);
    } finally {
      setLinking(false);
    }
  };

  return (
    <Card size="small" title={t('desk.wo.title')}>
      {!callId && <Alert type="info" showIcon title={t('desk.wo.noCall')} style={{ marginBottom: 12 }} />}
      {linked.length > 0 && (
        <Alert
          type="success"
          style={{ marginBottom: 12 }}
          title={
            <Space wrap>
              <span>{t('desk.wo.linked')}:</span>
              {linked.map((o) => (
                <a key={o.id} href={`/work-orders/${o.id}`} target="_blank" rel="noreferrer" data-testid={D.workOrderLinked(o.trackingNumber)}>
                  {o.trackingNumber}
                </a>
              ))}
            </Space>
          }
        />
      )}
      {callId && (
        <Space.Compact style={{ width: '100%', marginBottom: 12 }}>
          <Input data-testid={D.workOrder('linkInput')} placeholder={t('desk.wo.linkExisting')} value={existing} onChange={(e) => setExisting(e.target.value)} onPressEnter={() => void linkExisting()} maxLength={40} />
          <Button data-testid={D.workOrder('linkSubmit')} icon={<LinkOutlined />} loading={linking} disabled={!existing.trim()} onClick={() => void linkExisting()}>
            {t('desk.wo.linkThis')}
          </Button>
        </Space.Compact>
      )}
      {shown ? (
        <Result
          status={shown.callId && !shown.linkedOk ? 'warning' : 'success'}
          title={shown.callId && !shown.linkedOk ? t('desk.wo.linkFailed', { tn: shown.order.trackingNumber }) : t('register.done')}
          subTitle={
            <Space orientation="vertical" size={2}>
              <span>
                {t('wo.trackingNumber')}:{' '}
                <Typography.Text strong copyable={{ text: shown.order.trackingNumber }}>
                  <span data-testid={D.workOrder('trackingNumber')}>{shown.order.trackingNumber}</span>
                </Typography.Text>
              </span>
              {shown.order.queryCode && (
                <span>
                  {t('wo.queryCode')}:{' '}
                  <Typography.Text strong copyable={{ text: shown.order.queryCode }}>
                    <span data-testid={D.workOrder('queryCode')}>{shown.order.queryCode}</span>
                  </Typography.Text>
                </span>
              )}
            </Space>
          }
          extra={[
            <Button
              key="again"
              type="primary"
              data-testid={D.workOrder('another')}
              onClick={() => {
                setCreated(null);
                setRound((n) => n + 1);
              }}
            >
              {t('desk.wo.another')}
            </Button>,
            <a key="open" href={`/work-orders/${shown.order.id}`} target="_blank" rel="noreferrer">
              <Button>{t('desk.wo.open')}</Button>
            </a>,
          ]}
        />
      ) : (
        <WorkOrderForm
          key={`${callId ?? 'none'}:${round}`}
          ids={IDS}
          narrow
          initialValues={initialValues}
          sourceRef={callId ? `call:${callId}` : undefined}
          onCreated={(o) => void onCreated(o)}
          onTextChange={onTextChange}
        />
      )}
    </Card>
  );
}
