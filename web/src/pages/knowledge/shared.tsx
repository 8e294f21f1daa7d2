// Small pieces shared by the knowledge pages: status and audience tags, validity, error texts.
import { useCallback } from 'react';
import { App, Tag } from 'antd';
import { ApiError } from '../../api/client';
import { useI18n, type MessageKey } from '../../i18n';
import { useErrorText } from '../../utils/errorText';
import type { Audience, Kind, VersionStatus } from './api';

const STATUS_COLOR: Record<VersionStatus, string> = { draft: 'default', reviewing: 'gold', published: 'green', archived: 'red' };

export function StatusTag({ status }: { status: VersionStatus }) {
  const { t } = useI18n();
  return <Tag color={STATUS_COLOR[status]}>{t(`knowledge.status.${status}` as MessageKey)}</Tag>;
}

export function AudienceTag({ audience }: { audience: Audience }) {
  const { t } = useI18n();
  return <Tag color={audience === 'public' ? 'blue' : 'purple'}>{t(`knowledge.audience.${audience}` as MessageKey)}</Tag>;
}

export function KindTag({ kind }: { kind: Kind }) {
  const { t } = useI18n();
  return kind === 'template' ? <Tag color="cyan">{t('knowledge.kind.template')}</Tag> : null;
}

export function Validity({ from, to }: { from: string | null; to: string | null }) {
  const { t } = useI18n();
  if (!from && !to) return <>{t('knowledge.always')}</>;
  return (
    <>
      {from ?? '…'} – {to ?? t('knowledge.always')}
    </>
  );
}

/** Shows an API error, with the knowledge workflow's own wording for its codes. */
export function useKnowledgeError() {
  const { message } = App.useApp();
  const { t } = useI18n();
  const text = useErrorText();
  return useCallback(
    (e: unknown) => {
      const own: Partial<Record<string, MessageKey>> = {
        SELF_REVIEW_FORBIDDEN: 'knowledge.error.selfReview',
        ILLEGAL_TRANSITION: 'knowledge.error.state',
        STALE_VERSION: 'knowledge.error.stale',
      };
      const key = e instanceof ApiError ? own[e.code] : undefined;
      message.error(key ? t(key) : text(e).text);
    },
    [message, t, text],
  );
}
