import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { leadingZeroBits, sha256Hex, sha256Words } from './sha256';
import { searchNonce, solveInSlices } from './pow';

describe('the browser proof-of-work', () => {
  it('sha256 matches Node’s for empty, short, block-boundary and long inputs', () => {
    const inputs = ['', 'abc', 'a'.repeat(55), 'a'.repeat(56), 'a'.repeat(64), 'a'.repeat(1000), '诉求12345', randomBytes(40).toString('hex')];
    for (const s of inputs) expect(sha256Hex(s)).toBe(createHash('sha256').update(s, 'utf8').digest('hex'));
  });

  it('a found nonce meets the difficulty by Node’s sha256 too', async () => {
    const challenge = randomBytes(16).toString('hex');
    const nonce = await solveInSlices(challenge, 10);
    const digest = createHash('sha256').update(challenge + nonce).digest();
    const bits = [...digest].map((b) => b.toString(2).padStart(8, '0')).join('').indexOf('1');
    expect(bits).toBeGreaterThanOrEqual(10);
    expect(nonce).toMatch(/^[0-9a-z]{1,32}$/);
    expect(leadingZeroBits(sha256Words(new TextEncoder().encode(challenge + nonce)))).toBe(bits);
  });

  it('searchNonce gives up after its slice', () => {
    expect(searchNonce('00', 30, 0, 10)).toBeNull();
  });
});
