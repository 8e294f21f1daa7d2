import { describe, expect, it } from 'vitest';
import { hashPassword, passwordProblem, verifyPassword } from './password.ts';

describe('password hashing', () => {
  it('verifies the right password and rejects a wrong one', async () => {
    const h = await hashPassword('Correct#Horse1', 10);
    expect(h).toMatch(/^scrypt\$10\$8\$1\$/);
    expect(await verifyPassword('Correct#Horse1', h)).toBe(true);
    expect(await verifyPassword('correct#horse1', h)).toBe(false);
  });

  it('salts every hash', async () => {
    expect(await hashPassword('Same#Pass123', 10)).not.toBe(await hashPassword('Same#Pass123', 10));
  });

  it('rejects malformed stored hashes without throwing', async () => {
    expect(await verifyPassword('x', 'plain-text')).toBe(false);
  });

  it('requires length and character variety', () => {
    expect(passwordProblem('short1A!')).toMatch(/10/);
    expect(passwordProblem('alllowercaseletters')).toMatch(/three/);
    expect(passwordProblem('Hotline@12345')).toBeNull();
  });
});
