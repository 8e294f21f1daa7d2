import { ERROR_CODES, type ErrorCode } from '@hotline/shared';

/** An error the API reports to its caller: a stable code, its HTTP status, a message, details. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.status = ERROR_CODES[code];
  }
}

export const errors = {
  validation: (details: unknown, message = 'request is invalid') => new AppError('VALIDATION_FAILED', message, details),
  unauthenticated: (message = 'authentication required') => new AppError('UNAUTHENTICATED', message),
  forbidden: (message = 'your role may not do this') => new AppError('FORBIDDEN', message),
  notFound: (what: string) => new AppError('NOT_FOUND', `${what} not found`),
  workOrderNotFound: () => new AppError('WORK_ORDER_NOT_FOUND', 'work order not found'),
  notHolder: () => new AppError('NOT_HOLDER', 'the work order is not with your department'),
  illegalTransition: (action: string, status: string) =>
    new AppError('ILLEGAL_TRANSITION', `action ${action} is not allowed when the work order is ${status}`, { action, status }),
  staleVersion: (expected: number, actual: number) =>
    new AppError('STALE_VERSION', 'the work order was changed by someone else; reload it', { expected, actual }),
  conflict: (message: string, details?: unknown) => new AppError('CONFLICT', message, details),
};
