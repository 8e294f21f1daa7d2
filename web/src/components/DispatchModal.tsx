// Dispatch (or reassign) one work order: lead + assisting departments pre-filled from the dispatch catalogue,
// with the order's content and a duplicates panel beside it.
import { useEffect, useState } from 'react';
import { Alert, Col, Descriptions, Form, Input, Modal, Row, Spin } from 'antd';
import { directoryApi, workOrderApi } from '../api/endpoints';
import type { Duplicate, WorkOrderDetail } from '../api/types';
import { useI18n } from '../i18n';
import { TID } from '../testIds';
import { DepartmentSelect } from './DepartmentSelect';
import { DuplicatesPanel } from './DuplicatesPanel';
import { buildActionBody, type ActionFormValues } from './actions/actionBody';
import { useRunAction } from './actions/useRunAction';

interface Props {
  orderId: string | null;
  /** Which of dispatch/reassign to use when the server allows both (returned orders are reassigned). */
  prefer?: 'dispatch' | 'reassign';
  onClose: () => void;
  onDone: (detail: WorkOrderDetail) => void;
}

export function DispatchModal({ orderId, prefer = 'dispatch', onClose, onDone }: Props) {
  const { t, label } = useI18n();
  const [form] = Form.useForm<ActionFormValues>();
  const [detail, setDetail] = useState<WorkOrderDetail | null>(null);
  const [dups, setDups] = useState<Duplicate[]>([]);
  const [loading, setLoading] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const { run, busy } = useRunAction(() => setTick((n) => n + 1));
  const lead = Form.useWatch('leadDepartmentId', form);

  useEffect(() => {
    if (!orderId) return;
    let live = true;
    setLoading(true);
    setLoadError(null);
    (async () => {
      const d = await workOrderApi.get(orderId);
      if (!live) return;
      setDetail(d);
      const [suggestions, duplicates] = await Promise.all([
        d.categoryId ? directoryApi.suggest(d.categoryId, d.districtId).catch(() => []) : Promise.resolve([]),
        workOrderApi.duplicates(orderId).catch(() => []),
      ]);
      if (!live) return;
      setDups(duplicates);
      const s = suggestions[0];
      form.setFieldsValue({
        leadDepartmentId: s?.departmentId ?? d.leadDepartmentId ?? undefined,
        assistingDepartmentIds: s?.assistingDepartmentIds ?? d.assistingDepartments.map((a) => a.id),
      });
    })()
      .catch((e: Error) => live && setLoadError(e.message))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [orderId, tick, form]);

  const other = prefer === 'dispatch' ? 'reassign' : 'dispatch';
  const action = detail?.allowedActions.includes(prefer) ? prefer : detail?.allowedActions.includes(other) ? other : null;

  const submit = async () => {
    if (!detail || !action) return;
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    const res = await run(detail.id, action, buildActionBody(action, values, detail.version));
    if (res) {
      onDone(res);
      close();
    }
  };

  const merge = async (target: Duplicate) => {
    if (!detail) return;
    const res = await run(detail.id, 'merge', buildActionBody('merge', { targetId: target.id }, detail.version));
    if (res) {
      onDone(res);
      close();
    }
  };

  const close = () => {
    setDetail(null);
    setDups([]);
    form.resetFields();
    onClose();
  };

  return (
    <Modal
      open={!!orderId}
      title={`${label('action', action ?? 'dispatch')}${detail ? ` · ${detail.trackingNumber}` : ''}`}
      onCancel={close}
      onOk={() => void submit()}
      okText={t('dispatch.confirm')}
      okButtonProps={{ loading: busy, disabled: !action, 'data-testid': TID.dispatchConfirm }}
      width={980}
      forceRender
    >
      <div data-testid={TID.dispatchModal}>
        {loadError && <Alert type="error" title={loadError} style={{ marginBottom: 12 }} />}
        {detail && !action && <Alert type="warning" title={t('dispatch.notAllowed')} style={{ marginBottom: 12 }} />}
        <Spin spinning={loading}>
          <Row gutter={16}>
            <Col xs={24} md={14}>
              {detail && (
                <Descriptions size="small" column={1} bordered style={{ marginBottom: 12 }}>
                  <Descriptions.Item label={t('wo.title')}>{detail.title}</Descriptions.Item>
                  <Descriptions.Item label={t('wo.category')}>{detail.categoryName ?? '—'}</Descriptions.Item>
                  <Descriptions.Item label={t('wo.district')}>{[detail.districtName, detail.streetName].filter(Boolean).join(' / ') || '—'}</Descriptions.Item>
                  <Descriptions.Item label={t('wo.content')}>
                    <div className="pre-wrap" style={{ maxHeight: 140, overflow: 'auto' }}>
                      {detail.content}
                    </div>
                  </Descriptions.Item>
                </Descriptions>
              )}
              <Form form={form} layout="vertical">
                <Form.Item name="leadDepartmentId" label={t('dispatch.lead')} rules={[{ required: true, message: t('dispatch.leadRequired') }]}>
                  <DepartmentSelect testId={TID.dispatchLead} />
                </Form.Item>
                <Form.Item name="assistingDepartmentIds" label={t('dispatch.assisting')}>
                  <DepartmentSelect testId={TID.dispatchAssisting} multiple exclude={lead ? [lead] : undefined} />
                </Form.Item>
                <Form.Item name="note" label={t('action.field.note')}>
                  <Input.TextArea data-testid={TID.dispatchNote} rows={2} maxLength={2000} />
                </Form.Item>
              </Form>
            </Col>
            <Col xs={24} md={10}>
              <DuplicatesPanel duplicates={dups} loading={loading} canMerge={!!detail?.allowedActions.includes('merge')} onMerge={(d) => void merge(d)} />
            </Col>
          </Row>
        </Spin>
      </div>
    </Modal>
  );
}
