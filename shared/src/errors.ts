// Stable error codes of the HTTP API. The code is the contract; messages may change.
// Each code maps to exactly one HTTP status so clients can rely on either.

export const ERROR_CODES = {
  VALIDATION_FAILED: 400,
  MALFORMED_JSON: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  SESSION_EXPIRED: 401,
  ACCOUNT_LOCKED: 423,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  WORK_ORDER_NOT_FOUND: 404,
  DEPARTMENT_NOT_FOUND: 404,
  CATEGORY_NOT_FOUND: 404,
  USER_NOT_FOUND: 404,
  ATTACHMENT_NOT_FOUND: 404,
  NOT_HOLDER: 403,
  ILLEGAL_TRANSITION: 409,
  STALE_VERSION: 409,
  CONFLICT: 409,
  DUPLICATE: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface ApiErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}
