// What can go wrong when asking an outside AI service, as a value the routes turn into one of our
// error codes: the service said no (HTTP status and its own message), it took too long, it could
// not be reached, or it answered something we cannot read.

import { AppError } from '../../errors.ts';

export type ProviderFailure = 'http' | 'timeout' | 'network' | 'malformed';

export class ProviderError extends Error {
  constructor(
    readonly failure: ProviderFailure,
    message: string,
    /** The HTTP status the service answered, for `http`. */
    readonly status?: number,
  ) {
    super(message);
    this.name = 'ProviderError';
  }

  /** Worth one more try: the service failed on its side (5xx) or the network did. */
  get retryable(): boolean {
    return this.failure === 'network' || (this.failure === 'http' && (this.status ?? 0) >= 500);
  }
}

/** The API error for a provider failure: 504 for a timeout, 502 for everything else. */
export function providerAppError(provider: string, e: unknown): AppError {
  if (e instanceof AppError) return e;
  if (e instanceof ProviderError) {
    const details = { provider, failure: e.failure, ...(e.status ? { status: e.status } : {}) };
    return e.failure === 'timeout'
      ? new AppError('PROVIDER_TIMEOUT', `${provider} did not answer in time`, details)
      : new AppError('PROVIDER_FAILED', `${provider} failed: ${e.message}`, details);
  }
  return new AppError('PROVIDER_FAILED', `${provider} failed`, { provider, failure: 'network' });
}

export function notConfigured(what: string, variables: string): AppError {
  return new AppError('PROVIDER_NOT_CONFIGURED', `${what} is not configured (set ${variables})`, { provider: what });
}
