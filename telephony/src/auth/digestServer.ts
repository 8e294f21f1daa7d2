import { timingSafeEqual } from 'node:crypto';
import { getHeaders } from '../sip/headerAccess.ts';
import type { SipRequest } from '../sip/messageTypes.ts';
import { parseUri, serializeUri, uriEquals } from '../sip/uri.ts';
import type { Clock } from '../transaction/clock.ts';
import { realClock } from '../transaction/clock.ts';
import { parseAuthHeader, serializeAuthHeader } from './authHeader.ts';
import type { DigestAlgorithm } from './digest.ts';
import { asAlgorithm, digestResponse } from './digest.ts';
import { NonceStore } from './nonces.ts';

// Digest authentication as a server (RFC 3261 §22.1–22.3, RFC 7616, RFC 8760): issue challenges
// (one WWW-Authenticate per algorithm, strongest first, qop=auth) and verify credentials against a
// password lookup. 401/WWW-Authenticate/Authorization for a UAS or registrar; 407/Proxy-* for
// proxy-style authentication (e.g. of outbound calls).

export interface DigestServerOptions {
  realm: string;
  /** The password of `username` in `realm`, or undefined when there is no such user. */
  lookup: (username: string, realm: string) => string | undefined | Promise<string | undefined>;
  algorithms?: DigestAlgorithm[];
  nonceTtlMs?: number;
  clock?: Clock;
}

export type VerifyResult =
  | { ok: true; username: string }
  | { ok: false; stale: boolean; reason: 'missing' | 'malformed' | 'unknown-user' | 'wrong' | 'stale' | 'replay' | 'uri' };

const UNQUOTED = new Set(['algorithm', 'qop', 'stale', 'nc']);

export class DigestServer {
  readonly realm: string;
  readonly algorithms: DigestAlgorithm[];
  readonly nonces: NonceStore;
  readonly #lookup: DigestServerOptions['lookup'];

  constructor(opts: DigestServerOptions) {
    this.realm = opts.realm;
    this.algorithms = opts.algorithms ?? ['SHA-256', 'MD5'];
    this.#lookup = opts.lookup;
    this.nonces = new NonceStore(opts.clock ?? realClock, opts.nonceTtlMs);
  }

  /** Header values for a 401/407: one challenge per algorithm, all with the same fresh nonce. */
  challenges(stale = false): string[] {
    const nonce = this.nonces.issue();
    return this.algorithms.map((alg) => {
      const p: [string, string][] = [
        ['realm', this.realm],
        ['nonce', nonce],
        ['algorithm', alg],
        ['qop', '"auth"'],
      ];
      if (stale) p.push(['stale', 'true']);
      return serializeAuthHeader('Digest', p, UNQUOTED);
    });
  }

  /** Checks the credentials in `req` (Authorization, or Proxy-Authorization when `proxy`). */
  async verify(req: SipRequest, proxy = false): Promise<VerifyResult> {
    const values = getHeaders(req, proxy ? 'Proxy-Authorization' : 'Authorization');
    let sawOurs = false;
    for (const v of values) {
      const h = parseAuthHeader(v);
      if (h === null || h.scheme.toLowerCase() !== 'digest') continue;
      if (h.params.get('realm') !== this.realm) continue;
      sawOurs = true;
      return this.#verifyOne(req, h.params);
    }
    return { ok: false, stale: false, reason: sawOurs ? 'malformed' : 'missing' };
  }

  async #verifyOne(req: SipRequest, p: Map<string, string>): Promise<VerifyResult> {
    const username = p.get('username');
    const nonce = p.get('nonce');
    const uri = p.get('uri');
    const response = p.get('response');
    const algorithm = asAlgorithm(p.get('algorithm'));
    const qop = p.get('qop');
    const nc = p.get('nc');
    const cnonce = p.get('cnonce');
    const fail = (reason: Exclude<VerifyResult, { ok: true }>['reason'], stale = false): VerifyResult => ({ ok: false, stale, reason });
    if (username === undefined || nonce === undefined || uri === undefined || response === undefined) return fail('malformed');
    if (algorithm === undefined || !this.algorithms.includes(algorithm)) return fail('malformed');
    // We always offer qop=auth, so a client must use it (RFC 7616 §3.4; nc gives replay protection).
    if (qop !== 'auth' || nc === undefined || cnonce === undefined) return fail('malformed');
    if (!digestUriMatches(uri, req)) return fail('uri');
    const check = this.nonces.check(nonce, nc);
    if (check === 'invalid') return fail('malformed');
    if (check === 'replay') return fail('replay');
    const password = await this.#lookup(username, this.realm);
    if (password === undefined) return fail('unknown-user');
    const expected = digestResponse({ algorithm, username, realm: this.realm, password, method: req.method, uri, nonce, qop, nc, cnonce });
    const a = Buffer.from(expected);
    const b = Buffer.from(response.toLowerCase());
    if (a.length !== b.length || !timingSafeEqual(a, b)) return fail('wrong');
    // Right password on an expired nonce: tell the client to retry with a fresh one (§3.3 stale).
    if (check === 'stale') return fail('stale', true);
    this.nonces.commit(nonce, nc);
    return { ok: true, username };
  }
}

/** RFC 7616 §3.4.6: the digest-uri must name the Request-URI (compared as URIs when it parses). */
function digestUriMatches(uri: string, req: SipRequest): boolean {
  if (uri === serializeUri(req.uri)) return true;
  const parsed = parseUri(uri);
  return parsed !== null && uriEquals(parsed, req.uri);
}
