// Error text for citizens: the portal's own codes in the UI language, the rest as elsewhere.
import { useCallback } from 'react';
import { ApiError } from '../../api/client';
import { useI18n, type MessageKey } from '../../i18n';
import { useErrorText } from '../../utils/errorText';

const PORTAL_CODES: Partial<Record<ApiError['code'], MessageKey>> = {
  POW_INVALID: 'portal.error.pow',
  ATTACHMENT_NOT_FOUND: 'portal.error.upload',
  ALREADY_RATED: 'portal.error.rated',
  RATING_NOT_OPEN: 'portal.error.notRateable',
};

export function usePortalErrorText(): (e: unknown) => string {
  const { t } = useI18n();
  const base = useErrorText();
  return useCallback(
    (e: unknown) => {
      const key = e instanceof ApiError ? PORTAL_CODES[e.code] : undefined;
      return key ? t(key) : base(e).text;
    },
    [t, base],
  );
}
