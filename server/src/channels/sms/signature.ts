import { createHmac, timingSafeEqual } from 'node:crypto';

export const SMS_TIMESTAMP_HEADER = 'x-sms-timestamp';
export const SMS_SIGNATURE_HEADER = 'x-sms-signature';

/** hex(HMAC-SHA256(secret, timestamp + body)): the timestamp (Unix seconds) followed directly by the raw body. */
export function signSmsCallback(secret: string, timestamp: string, body: string): string {
  return createHmac('sha256', secret).update(timestamp + body, 'utf8').digest('hex');
}

export type SignatureCheck = { ok: true } | { ok: false; reason: 'missing' | 'mismatch' | 'stale'; skewSeconds?: number };

/** Checks the signature first (so nothing is said to an unsigned caller), then the timestamp's age. */
export function checkSmsSignature(secret: string, timestamp: unknown, signature: unknown, body: string, nowMs: number, toleranceSeconds: number): SignatureCheck {
  if (typeof timestamp !== 'string' || !/^\d{9,11}$/.test(timestamp) || typeof signature !== 'string' || !/^[0-9a-fA-F]{64}$/.test(signature)) {
    return { ok: false, reason: 'missing' };
  }
  const expected = Buffer.from(signSmsCallback(secret, timestamp, body), 'hex');
  if (!timingSafeEqual(expected, Buffer.from(signature, 'hex'))) return { ok: false, reason: 'mismatch' };
  const skew = Math.round(nowMs / 1000 - Number(timestamp));
  if (Math.abs(skew) > toleranceSeconds) return { ok: false, reason: 'stale', skewSeconds: skew };
  return { ok: true };
}
