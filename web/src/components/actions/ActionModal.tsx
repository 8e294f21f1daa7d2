// One modal for every work-order action except dispatch/reassign: right fields, right body, `version` included.
import { useMemo } from 'react';
import { Alert, Form, Modal } from 'antd';
import type { Role } from '@hotline/shared';
import type { Duplicate, ExtensionRequest, WorkOrderDetail } from '../../api/types';
import { useUser } from '../../auth/AuthContext';
import { useI18n } from '../../i18n';
import { TID } from '../../testIds';
import { ActionFields } from './ActionFields';
import { buildActionBody, type ActionFormValues, type ModalAction } from './actionBody';
import { useRunAction } from './useRunAction';

export interface ActionTarget {
  id: string;
  trackingNumber: string;
  version: number;
  extensionRequest?: ExtensionRequest | null;
}

interface Props {
  action: ModalAction | null;
  target: ActionTarget | null;
  initial?: Partial<ActionFormValues>;
  mergeCandidates?: Duplicate[];
  onClose: () => void;
  onDone: (detail: WorkOrderDetail) => void;
  /** Called after STALE_VERSION: the caller reloads the order. */
  onStale: () => void;
}

function extensionOps(role: Role, pending: boolean): ('request' | 'approve' | 'reject')[] {
  if (role === 'dept_handler' || role === 'dept_leader') return ['request'];
  return pending ? ['approve', 'reject'] : ['request'];
}

export function ActionModal({ action, target, initial, mergeCandidates, onClose, onDone, onStale }: Props) {
  const user = useUser();
  const { t, label } = useI18n();
  const [form] = Form.useForm<ActionFormValues>();
  const { run, busy } = useRunAction(() => {
    onClose();
    onStale();
  });
  const ops = useMemo(() => extensionOps(user.role, !!target?.extensionRequest), [user.role, target?.extensionRequest]);
  const open = !!action && !!target;

  // The modal content is destroyed when hidden, so the form mounts afresh with these values on every open.
  const initialValues = useMemo(() => {
    const defaults: Partial<ActionFormValues> = {};
    if (action === 'extension') {
      defaults.op = ops[0];
      if (ops[0] === 'approve') defaults.days = target?.extensionRequest?.days;
    }
    if (action === 'review') defaults.approve = true;
    return { ...defaults, ...initial };
  }, [action, target, initial, ops]);

  const submit = async () => {
    if (!action || !target) return;
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    const detail = await run(target.id, action, buildActionBody(action, { ...initial, ...values }, target.version));
    if (detail) {
      onDone(detail);
      onClose();
    }
  };

  return (
    <Modal
      open={open}
      title={action && target ? `${label('action', action)} · ${target.trackingNumber}` : ''}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('common.confirm')}
      okButtonProps={{ loading: busy, 'data-testid': TID.actionConfirm }}
      destroyOnHidden
      width={600}
    >
      <div data-testid={TID.actionModal}>
        {action === 'extension' && target?.extensionRequest && (
          <Alert
            type="info"
            style={{ marginBottom: 12 }}
            title={t('extension.pending', { days: target.extensionRequest.days, reason: target.extensionRequest.reason })}
          />
        )}
        <Form form={form} layout="vertical" initialValues={initialValues}>
          {action && <ActionFields action={action} mergeCandidates={mergeCandidates} extensionOps={ops} />}
        </Form>
      </div>
    </Modal>
  );
}
