// 话后处理: after the hang-up the agent gets no new call until wrap-up ends (by the server's timer,
// or early with "done").
import { useState } from 'react';
import { Alert, Button } from 'antd';
import type { AgentView } from '../../api/cti';
import { useI18n } from '../../i18n';
import { TID } from '../../testIds';
import { deskStore } from './deskStore';
import { fmtDuration, secondsSince, useNow } from './time';

const D = TID.desktop;

export function WrapUpBar({ agent }: { agent: AgentView | null }) {
  const { t } = useI18n();
  const now = useNow();
  const [busy, setBusy] = useState(false);
  if (agent?.state !== 'wrapUp') return null;
  return (
    <Alert
      data-testid={D.wrapUp}
      type="info"
      showIcon
      title={<span data-testid={D.wrapUpTimer}>{t('desk.wrapUpFor', { time: fmtDuration(secondsSince(agent.since, now)) })}</span>}
      action={
        <Button
          data-testid={D.wrapUpDone}
          type="primary"
          loading={busy}
          onClick={async () => {
            setBusy(true);
            try {
              await deskStore.wrapUpDone();
            } finally {
              setBusy(false);
            }
          }}
        >
          {t('desk.wrapUpDone')}
        </Button>
      }
    />
  );
}
