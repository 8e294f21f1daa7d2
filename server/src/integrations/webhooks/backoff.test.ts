import { describe, expect, it } from 'vitest';
import { retryDelayMs } from './backoff.ts';

describe('retryDelayMs', () => {
  it('doubles from the base up to the cap, jittered between half and all of it', () => {
    expect([1, 2, 3, 4, 5].map((n) => retryDelayMs(n, 10, 60, () => 1))).toEqual([10_000, 20_000, 40_000, 60_000, 60_000]);
    expect([1, 2, 3, 4, 5].map((n) => retryDelayMs(n, 10, 60, () => 0))).toEqual([5_000, 10_000, 20_000, 30_000, 30_000]);
    for (let i = 0; i < 200; i++) {
      const d = retryDelayMs(3, 10, 3600);
      expect(d).toBeGreaterThanOrEqual(20_000);
      expect(d).toBeLessThanOrEqual(40_000);
    }
  });
});
