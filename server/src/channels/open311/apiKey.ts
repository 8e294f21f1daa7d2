import { createHash, timingSafeEqual } from 'node:crypto';
import type { Ctx } from '../../context.ts';
import type { AuthService } from '../../auth/authService.ts';
import { AppError } from '../../errors.ts';
import { forbidden } from './errors.ts';

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * Who may POST requests: the holder of an API key issued by an administrator (the same keys as
 * `X-API-Key`, any role — the key vouches for the submitting application, the order is
 * registered by the platform for the city center), or of the key in `OPEN311_API_KEY`.
 * Returns the key's name for the audit trail.
 */
export async function open311Caller(ctx: Ctx, auth: AuthService, key: string | undefined): Promise<string> {
  if (!key) throw forbidden('api_key was not provided; POST requests need an API key issued by the hotline');
  const configured = ctx.env.OPEN311_API_KEY;
  if (configured && timingSafeEqual(digest(configured), digest(key))) return 'config';
  try {
    return (await auth.fromApiKey(key)).displayName;
  } catch (e) {
    if (e instanceof AppError && e.status === 401) throw forbidden('invalid api_key: unknown or revoked');
    throw e;
  }
}
