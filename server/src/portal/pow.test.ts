import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { leadingZeroBits, powDigest, solvePow } from './pow.ts';

const bitString = (d: Uint8Array) => [...d].map((b) => b.toString(2).padStart(8, '0')).join('');

describe('proof-of-work arithmetic', () => {
  it('leadingZeroBits counts the zero bits before the first one bit', () => {
    expect(leadingZeroBits(Uint8Array.from([0x80]))).toBe(0);
    expect(leadingZeroBits(Uint8Array.from([0x01, 0xff]))).toBe(7);
    expect(leadingZeroBits(Uint8Array.from([0x00, 0x00, 0x10]))).toBe(19);
    expect(leadingZeroBits(Uint8Array.from([0, 0, 0]))).toBe(24);
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 32 }), (d) => {
        const s = bitString(d);
        const first = s.indexOf('1');
        expect(leadingZeroBits(d)).toBe(first < 0 ? s.length : first);
      }),
    );
  });

  it('the digest is sha256 of the challenge followed by the nonce, as UTF-8', () => {
    expect(powDigest('ab12', 'z9').toString('hex')).toBe(createHash('sha256').update('ab12z9').digest('hex'));
  });

  it('solvePow finds a nonce whose digest has at least the asked zero bits', () => {
    for (const difficulty of [1, 4, 8, 12]) {
      const challenge = createHash('md5').update(String(difficulty)).digest('hex');
      const { nonce } = solvePow(challenge, difficulty);
      expect(leadingZeroBits(powDigest(challenge, nonce))).toBeGreaterThanOrEqual(difficulty);
      expect(nonce).toMatch(/^[0-9a-z]{1,32}$/);
    }
  });
});
