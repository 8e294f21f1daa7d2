// One button per action the server allows on this order, each opening the right modal.
import { useState } from 'react';
import { Button, Space } from 'antd';
import { WORK_ORDER_ACTIONS, type WorkOrderAction } from '@hotline/shared';
import { workOrderApi } from '../../api/endpoints';
import type { WorkOrderDetail } from '../../api/types';
import { useI18n } from '../../i18n';
import { TID } from '../../testIds';
import { DispatchModal } from '../DispatchModal';
import { useActionModal } from '../actions/useActionModal';
import { useNotifyError } from '../../utils/errorText';

const PRIMARY: readonly WorkOrderAction[] = ['dispatch', 'accept', 'reply', 'review', 'close', 'followUp', 'resolveOnSpot'];
const DANGER: readonly WorkOrderAction[] = ['cancel', 'return', 'reopen'];

interface Props {
  order: WorkOrderDetail;
  onChanged: (detail?: WorkOrderDetail) => void;
}

export function DetailActions({ order, onChanged }: Props) {
  const { label } = useI18n();
  const notifyError = useNotifyError();
  const [dispatching, setDispatching] = useState<'dispatch' | 'reassign' | null>(null);
  const [loadingDups, setLoadingDups] = useState(false);
  const { openAction, modal } = useActionModal(onChanged);
  const allowed = WORK_ORDER_ACTIONS.filter((a) => order.allowedActions.includes(a));

  const open = async (action: WorkOrderAction) => {
    if (action === 'dispatch' || action === 'reassign') {
      setDispatching(action);
      return;
    }
    if (action === 'merge') {
      setLoadingDups(true);
      try {
        const dups = await workOrderApi.duplicates(order.id);
        openAction('merge', order, undefined, dups);
      } catch (e) {
        notifyError(e);
      } finally {
        setLoadingDups(false);
      }
      return;
    }
    openAction(action, order);
  };

  return (
    <>
      <Space wrap size={8}>
        {allowed.map((a) => (
          <Button
            key={a}
            data-testid={TID.action(a)}
            type={PRIMARY.includes(a) ? 'primary' : 'default'}
            danger={DANGER.includes(a)}
            loading={a === 'merge' && loadingDups}
            onClick={() => void open(a)}
          >
            {label('action', a)}
          </Button>
        ))}
      </Space>
      <DispatchModal orderId={dispatching ? order.id : null} prefer={dispatching ?? undefined} onClose={() => setDispatching(null)} onDone={(d) => onChanged(d)} />
      {modal}
    </>
  );
}
