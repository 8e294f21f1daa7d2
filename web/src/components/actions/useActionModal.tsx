// State for "open the action modal for this row": returns an opener and the modal element to render.
import { useState } from 'react';
import type { Duplicate, WorkOrderDetail } from '../../api/types';
import { ActionModal, type ActionTarget } from './ActionModal';
import type { ActionFormValues, ModalAction } from './actionBody';

interface OpenState {
  action: ModalAction;
  target: ActionTarget;
  initial?: Partial<ActionFormValues>;
  mergeCandidates?: Duplicate[];
}

export function useActionModal(onChanged: (detail?: WorkOrderDetail) => void) {
  const [state, setState] = useState<OpenState | null>(null);
  const modal = (
    <ActionModal
      action={state?.action ?? null}
      target={state?.target ?? null}
      initial={state?.initial}
      mergeCandidates={state?.mergeCandidates}
      onClose={() => setState(null)}
      onDone={(d) => onChanged(d)}
      onStale={() => onChanged()}
    />
  );
  const openAction = (action: ModalAction, target: ActionTarget, initial?: Partial<ActionFormValues>, mergeCandidates?: Duplicate[]) =>
    setState({ action, target, initial, mergeCandidates });
  return { openAction, modal };
}
