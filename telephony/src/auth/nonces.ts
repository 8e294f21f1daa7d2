import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../transaction/clock.ts';

// Server nonces (RFC 7616 §3.3, §5.4): self-validating — issue time and randomness signed with a
// per-process secret — so issuing one costs no memory, however many challenges a flood provokes.
// A nonce past its lifetime is answered with stale=true, which lets the client retry with the
// same credentials without asking its user. Replay protection keeps, per nonce in use, the
// highest nonce-count seen; that table is capped (oldest entries go first), and an entry can only
// exist for a nonce whose request already authenticated.

export type NonceCheck = 'ok' | 'stale' | 'invalid' | 'replay';

export class NonceStore {
  readonly #secret: Buffer;
  readonly #seen = new Map<string, number>();

  constructor(
    private readonly clock: Clock,
    readonly ttlMs = 300_000,
    readonly maxTracked = 20_000,
    secret: Buffer = randomBytes(32),
  ) {
    this.#secret = secret;
  }

  issue(): string {
    const body = `${this.clock.now().toString(36)}.${randomBytes(12).toString('base64url')}`;
    return `${body}.${this.#sign(body)}`;
  }

  /** Checks signature and age; on 'ok' also checks and records the nonce-count (hex, 8 digits). */
  check(nonce: string, nc: string | undefined): NonceCheck {
    const dot = nonce.lastIndexOf('.');
    if (dot <= 0 || nonce.length > 200) return 'invalid';
    const body = nonce.slice(0, dot);
    const sig = Buffer.from(nonce.slice(dot + 1));
    const want = Buffer.from(this.#sign(body));
    if (sig.length !== want.length || !timingSafeEqual(sig, want)) return 'invalid';
    const issued = parseInt(body.slice(0, body.indexOf('.')), 36);
    if (!Number.isFinite(issued) || this.clock.now() - issued > this.ttlMs) return 'stale';
    if (nc === undefined) return 'ok';
    if (!/^[0-9a-fA-F]{8}$/.test(nc)) return 'invalid';
    const count = parseInt(nc, 16);
    const last = this.#seen.get(nonce) ?? 0;
    if (count <= last) return 'replay';
    return 'ok';
  }

  /** Records a nonce-count once the response it came with has been verified. */
  commit(nonce: string, nc: string | undefined): void {
    if (nc === undefined) return;
    this.#seen.delete(nonce); // re-insert: Map order becomes recency order
    this.#seen.set(nonce, parseInt(nc, 16));
    while (this.#seen.size > this.maxTracked) {
      const oldest = this.#seen.keys().next().value;
      if (oldest === undefined) break;
      this.#seen.delete(oldest);
    }
  }

  get tracked(): number {
    return this.#seen.size;
  }

  #sign(body: string): string {
    return createHmac('sha256', this.#secret).update(body).digest('base64url').slice(0, 22);
  }
}
