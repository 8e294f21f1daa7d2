// Flooding the citizen-facing endpoints: past RATE_LIMIT_PER_MINUTE per address and route the
// answer is 429 RATE_LIMITED with the seconds to wait; other addresses and other routes go on.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, type TestPlatform } from '../testing/testPlatform.ts';

let p: TestPlatform;
beforeAll(async () => {
  p = await createTestPlatform({ env: { RATE_LIMIT_PER_MINUTE: '5' } });
});
afterAll(async () => p?.close());

describe('flooding the portal', () => {
  it('the sixth proof-of-work request in a minute from one address gets 429; another address is served', async () => {
    const from = (ip: string) => p.app.inject({ url: '/api/v1/public/pow', remoteAddress: ip });
    for (let i = 0; i < 5; i++) expect((await from('203.0.113.7')).statusCode).toBe(200);
    const refused = await from('203.0.113.7');
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe('RATE_LIMITED');
    expect(refused.json().error.details.retryAfterSeconds).toBeGreaterThan(0);
    expect((await from('203.0.113.8')).statusCode).toBe(200);
  });

  it('appeal submissions are limited the same way, before any work is done', async () => {
    const submit = () => p.app.inject({ method: 'POST', url: '/api/v1/public/appeals', remoteAddress: '198.51.100.9', payload: {} });
    const codes: number[] = [];
    for (let i = 0; i < 7; i++) codes.push((await submit()).statusCode);
    expect(codes.slice(0, 5).every((c) => c === 400)).toBe(true); // malformed, but counted
    expect(codes.slice(5)).toEqual([429, 429]);
  });
});
