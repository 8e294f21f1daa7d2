// Proof-of-work for the public doors (appeal submission, starting a chat): the server hands out a
// random challenge; the client must find a nonce such that sha256(challenge + nonce) starts with
// `difficulty` zero bits (about 2^difficulty hashes, a second or so in a browser at the default
// 16), so a script cannot file thousands of appeals for free. Each challenge is good once, and
// only until it expires. A CAPTCHA would need images and people; this needs neither.
import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Ctx } from '../context.ts';
import { AppError } from '../errors.ts';

export const POW_PURPOSES = ['appeal', 'chat'] as const;
export type PowPurpose = (typeof POW_PURPOSES)[number];

/** What a client sends back: the challenge it was given and the nonce it found. */
export const powSolution = z
  .object({
    challenge: z.string().regex(/^[0-9a-f]{32}$/, 'challenge must be the 32 hex characters GET /api/v1/public/pow returned'),
    nonce: z.string().regex(/^[0-9A-Za-z]{1,32}$/, 'nonce must be 1-32 letters or digits'),
  })
  .strict();
export type PowSolution = z.infer<typeof powSolution>;

/** Leading zero bits of a digest. */
export function leadingZeroBits(digest: Uint8Array): number {
  let bits = 0;
  for (const byte of digest) {
    if (byte === 0) {
      bits += 8;
      continue;
    }
    return bits + Math.clz32(byte) - 24;
  }
  return bits;
}

export function powDigest(challenge: string, nonce: string): Buffer {
  return createHash('sha256').update(challenge + nonce, 'utf8').digest();
}

/** Finds a nonce (decimal counter) meeting the difficulty; what a client does, for tests and tools. */
export function solvePow(challenge: string, difficulty: number): { nonce: string; tries: number } {
  for (let i = 0; ; i++) {
    const nonce = i.toString(36);
    if (leadingZeroBits(powDigest(challenge, nonce)) >= difficulty) return { nonce, tries: i + 1 };
  }
}

const invalid = (reason: 'unknown' | 'expired' | 'used' | 'insufficient' | 'purpose', message: string) => new AppError('POW_INVALID', message, { reason });

export class ProofOfWork {
  private issued = 0;
  constructor(private readonly ctx: Ctx) {}

  async issue(purpose: PowPurpose) {
    const now = this.ctx.clock.now();
    const challenge = randomBytes(16).toString('hex');
    const difficulty = this.ctx.env.POW_DIFFICULTY;
    const expiresAt = new Date(now.getTime() + this.ctx.env.POW_TTL_SECONDS * 1000);
    // Expired challenges are useless; sweep them now and then rather than on every request.
    if (++this.issued % 100 === 1) await this.ctx.db.query('DELETE FROM pow_challenges WHERE expires_at < $1', [new Date(now.getTime() - 3600_000)]);
    await this.ctx.db.query('INSERT INTO pow_challenges (challenge, purpose, difficulty, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)', [
      challenge, purpose, difficulty, now, expiresAt,
    ]);
    return { challenge, difficulty, algorithm: 'sha256' as const, expiresAt: expiresAt.toISOString() };
  }

  /** Checks a solution and uses the challenge up; throws POW_INVALID with the reason. */
  async consume(purpose: PowPurpose, s: PowSolution): Promise<void> {
    const now = this.ctx.clock.now();
    const [row] = await this.ctx.db.query<{ purpose: string; difficulty: number; expires_at: Date; used_at: Date | null }>(
      'SELECT purpose, difficulty, expires_at, used_at FROM pow_challenges WHERE challenge = $1',
      [s.challenge],
    );
    if (!row) throw invalid('unknown', 'unknown challenge; fetch one from GET /api/v1/public/pow');
    if (row.purpose !== purpose) throw invalid('purpose', `the challenge was issued for ${row.purpose}, not ${purpose}`);
    if (row.used_at) throw invalid('used', 'the challenge was already used; fetch a new one');
    if (new Date(row.expires_at) <= now) throw invalid('expired', 'the challenge has expired; fetch a new one');
    const bits = leadingZeroBits(powDigest(s.challenge, s.nonce));
    if (bits < row.difficulty) throw invalid('insufficient', `sha256(challenge + nonce) has ${bits} leading zero bits; ${row.difficulty} are needed`);
    // The conditional update is what makes it single use when two requests race.
    const used = await this.ctx.db.query('UPDATE pow_challenges SET used_at = $2 WHERE challenge = $1 AND used_at IS NULL RETURNING challenge', [s.challenge, now]);
    if (!used.length) throw invalid('used', 'the challenge was already used; fetch a new one');
  }
}
