// Turns API errors into text for the user: well-known codes in the UI language, others as the server said.
import { useCallback } from 'react';
import { App } from 'antd';
import { ApiError } from '../api/client';
import { useI18n, type MessageKey } from '../i18n';

const LOCALIZED: Partial<Record<ApiError['code'], MessageKey>> = {
  INVALID_CREDENTIALS: 'error.INVALID_CREDENTIALS',
  ACCOUNT_LOCKED: 'error.ACCOUNT_LOCKED',
  RATE_LIMITED: 'error.RATE_LIMITED',
  SESSION_EXPIRED: 'error.SESSION_EXPIRED',
  FORBIDDEN: 'error.FORBIDDEN',
  NOT_HOLDER: 'error.NOT_HOLDER',
  ILLEGAL_TRANSITION: 'error.ILLEGAL_TRANSITION',
  STALE_VERSION: 'error.staleVersion',
  NETWORK: 'error.NETWORK',
  PAYLOAD_TOO_LARGE: 'error.PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE: 'error.UNSUPPORTED_MEDIA_TYPE',
};

/** The localized text of an error's code, or null when the code has none. */
export function useErrorText() {
  const { t } = useI18n();
  return useCallback(
    (e: unknown): { text: string; serverMessage: string | null } => {
      const serverMessage = e instanceof Error ? e.message : String(e);
      if (e instanceof ApiError) {
        const key = LOCALIZED[e.code];
        if (key) return { text: t(key), serverMessage };
        if (e.code === 'VALIDATION_FAILED') return { text: `${t('error.VALIDATION_FAILED')}: ${serverMessage}`, serverMessage: null };
      }
      return { text: serverMessage, serverMessage: null };
    },
    [t],
  );
}

/** Shows an API error as a toast message. */
export function useNotifyError() {
  const { message } = App.useApp();
  const errorText = useErrorText();
  return useCallback((e: unknown) => void message.error(errorText(e).text), [message, errorText]);
}
