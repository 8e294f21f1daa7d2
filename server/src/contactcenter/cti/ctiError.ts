import { AppError } from '../../errors.ts';
import { AcdError } from '../acd/index.ts';

type CtiCode = 'CALL_NOT_FOUND' | 'NOT_YOUR_CALL' | 'CALL_STATE' | 'UNKNOWN_TARGET' | 'TARGET_UNAVAILABLE' | 'AGENT_NOT_SIGNED_IN';

/** A refused call-control command: a stable code (shared/src/errors.ts) and nothing changed. */
export class CtiError extends AppError {
  constructor(code: CtiCode, message: string, details?: unknown) {
    super(code, message, details);
  }
}

const ACD_TO_HTTP: Record<string, ConstructorParameters<typeof AppError>[0]> = {
  UNKNOWN_QUEUE: 'UNKNOWN_TARGET',
  UNKNOWN_AGENT: 'AGENT_NOT_SIGNED_IN',
  NOT_LOGGED_IN: 'AGENT_NOT_SIGNED_IN',
  UNKNOWN_INTERACTION: 'CALL_NOT_FOUND',
  UNKNOWN_REASON: 'VALIDATION_FAILED',
};

/** Runs an ACD command; its refusals become API errors (409 ACD_REFUSED unless more specific). */
export function acdCommand<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof AcdError) throw new AppError(ACD_TO_HTTP[e.code] ?? 'ACD_REFUSED', e.message, { acdCode: e.code });
    throw e;
  }
}
