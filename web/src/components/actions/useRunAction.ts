// Sends a work-order action and turns errors into messages; STALE_VERSION asks the caller to reload.
import { useCallback, useState } from 'react';
import { App } from 'antd';
import type { WorkOrderAction } from '@hotline/shared';
import { ApiError } from '../../api/client';
import { workOrderApi, type ActionBody } from '../../api/endpoints';
import type { WorkOrderDetail } from '../../api/types';
import { useI18n } from '../../i18n';
import { useErrorText } from '../../utils/errorText';

export function useRunAction(onStale?: () => void) {
  const { message } = App.useApp();
  const { t, label } = useI18n();
  const errorText = useErrorText();
  const [busy, setBusy] = useState(false);

  const run = useCallback(
    async (id: string, action: WorkOrderAction, body: Record<string, unknown>): Promise<WorkOrderDetail | null> => {
      setBusy(true);
      try {
        const detail = await workOrderApi.act(id, action, body as ActionBody<typeof action>);
        message.success(t('action.done', { action: label('action', action) }));
        return detail;
      } catch (e) {
        if (e instanceof ApiError && e.code === 'STALE_VERSION') {
          message.warning(t('error.staleVersion'));
          onStale?.();
        } else {
          message.error(errorText(e).text);
        }
        return null;
      } finally {
        setBusy(false);
      }
    },
    [message, t, label, onStale, errorText],
  );

  return { run, busy };
}
