import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

// scrypt is memory-hard and built into Node, so hashing needs no native addon. Stored as
// `scrypt$<log2N>$<r>$<p>$<salt>$<hash>` so the cost can rise later without breaking old hashes.

const scryptAsync = (pw: string, salt: Buffer, len: number, opts: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) => scrypt(pw, salt, len, opts, (err, key) => (err ? reject(err) : resolve(key))));

export async function hashPassword(password: string, log2N = 15): Promise<string> {
  const salt = randomBytes(16);
  const N = 2 ** log2N;
  const key = await scryptAsync(password, salt, 32, { N, r: 8, p: 1, maxmem: 256 * N * 8 });
  return `scrypt$${log2N}$8$1$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, log2N, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const N = 2 ** Number(log2N);
  const expected = Buffer.from(hash, 'base64');
  const key = await scryptAsync(password, Buffer.from(salt, 'base64'), expected.length, {
    N,
    r: Number(r),
    p: Number(p),
    maxmem: 256 * N * Number(r),
  });
  return timingSafeEqual(key, expected);
}

/** A password rule a city can defend in an audit: length and three character classes. */
export function passwordProblem(pw: string): string | null {
  if (pw.length < 10) return 'password must be at least 10 characters';
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) => re.test(pw)).length;
  return classes >= 3 ? null : 'password must mix at least three of: lower case, upper case, digits, symbols';
}
