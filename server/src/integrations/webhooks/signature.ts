import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * How receivers authenticate our webhooks. Each delivery carries:
 *   X-Hotline-Event: workOrder.changed
 *   X-Hotline-Delivery: <uuid>           the same on every retry: receivers drop repeats by it
 *   X-Hotline-Timestamp: <unix seconds>  when this attempt was signed
 *   X-Hotline-Signature: sha256=<hex>    HMAC-SHA256 with the webhook's secret over
 *                                        "<timestamp>.<raw body>"
 * The receiver recomputes the HMAC over the timestamp header, a dot and the body bytes exactly
 * as received, compares in constant time, and refuses a timestamp more than five minutes from
 * its clock: a captured delivery cannot be replayed later, nor its timestamp changed.
 */
export const HEADERS = {
  event: 'x-hotline-event',
  delivery: 'x-hotline-delivery',
  timestamp: 'x-hotline-timestamp',
  signature: 'x-hotline-signature',
} as const;

export const REPLAY_TOLERANCE_SECONDS = 300;

export function sign(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** What a receiver does; shipped for receivers written in TypeScript and for our tests. */
export function verifySignature(secret: string, headers: { timestamp?: string; signature?: string }, body: string, nowSeconds: number): boolean {
  const ts = Number(headers.timestamp);
  if (!headers.signature || !Number.isInteger(ts) || Math.abs(nowSeconds - ts) > REPLAY_TOLERANCE_SECONDS) return false;
  const expected = Buffer.from(sign(secret, ts, body));
  const given = Buffer.from(headers.signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
