import { randomBytes } from 'node:crypto';
import { getHeaders } from '../sip/headerAccess.ts';
import type { RawHeader, SipRequest, SipResponse } from '../sip/messageTypes.ts';
import { serializeUri } from '../sip/uri.ts';
import type { AuthHeader } from './authHeader.ts';
import { parseAuthHeader, serializeAuthHeader } from './authHeader.ts';
import type { DigestAlgorithm } from './digest.ts';
import { ALGORITHM_PREFERENCE, asAlgorithm, digestResponse } from './digest.ts';

// Digest authentication as a client (RFC 3261 §22.2–22.3, RFC 7616, RFC 8760): given a 401 or
// 407 and our credentials, produce the Authorization / Proxy-Authorization header for the retry.
// Of several challenges the strongest algorithm we support wins (RFC 8760 §2.4). qop=auth is
// used when offered, with a fresh cnonce and a nonce-count that grows per nonce.

export interface Credentials {
  username: string;
  password: string;
  /** Answer only challenges for this realm (default: any). */
  realm?: string;
}

const UNQUOTED = new Set(['algorithm', 'qop', 'nc']);

export class DigestClient {
  /** nonce-count per nonce; a handful at most, since a nonce is replaced on every new challenge. */
  readonly #nc = new Map<string, number>();

  /** The header to add to the retried request, or null when no challenge is usable. */
  authorize(req: SipRequest, challenge: SipResponse, creds: Credentials): RawHeader | null {
    const proxy = challenge.status === 407;
    const offers: { h: AuthHeader; alg: DigestAlgorithm }[] = [];
    for (const v of getHeaders(challenge, proxy ? 'Proxy-Authenticate' : 'WWW-Authenticate')) {
      const h = parseAuthHeader(v);
      if (h === null || h.scheme.toLowerCase() !== 'digest') continue;
      const alg = asAlgorithm(h.params.get('algorithm'));
      const realm = h.params.get('realm');
      if (alg === undefined || realm === undefined || h.params.get('nonce') === undefined) continue;
      if (creds.realm !== undefined && creds.realm !== realm) continue;
      offers.push({ h, alg });
    }
    offers.sort((a, b) => ALGORITHM_PREFERENCE.indexOf(a.alg) - ALGORITHM_PREFERENCE.indexOf(b.alg));
    const best = offers[0];
    if (best === undefined) return null;
    const p = best.h.params;
    const realm = p.get('realm')!;
    const nonce = p.get('nonce')!;
    const qops = (p.get('qop') ?? '').split(',').map((q) => q.trim());
    const qop = qops.includes('auth') ? ('auth' as const) : undefined;
    const uri = serializeUri(req.uri);
    const out: [string, string][] = [
      ['username', creds.username],
      ['realm', realm],
      ['nonce', nonce],
      ['uri', uri],
    ];
    let nc: string | undefined;
    let cnonce: string | undefined;
    if (qop !== undefined) {
      const count = (this.#nc.get(nonce) ?? 0) + 1;
      if (this.#nc.size > 16) this.#nc.clear();
      this.#nc.set(nonce, count);
      nc = count.toString(16).padStart(8, '0');
      cnonce = randomBytes(12).toString('base64url');
    }
    const response = digestResponse({ algorithm: best.alg, username: creds.username, realm, password: creds.password, method: req.method, uri, nonce, qop, nc, cnonce });
    out.push(['response', response], ['algorithm', best.alg]);
    if (qop !== undefined) out.push(['qop', qop], ['nc', nc!], ['cnonce', cnonce!]);
    const opaque = p.get('opaque');
    if (opaque !== undefined) out.push(['opaque', opaque]);
    return { name: proxy ? 'Proxy-Authorization' : 'Authorization', value: serializeAuthHeader('Digest', out, UNQUOTED) };
  }
}

/** True when the challenge says our last answer was right but its nonce had expired. */
export function isStale(challenge: SipResponse): boolean {
  const name = challenge.status === 407 ? 'Proxy-Authenticate' : 'WWW-Authenticate';
  return getHeaders(challenge, name).some((v) => parseAuthHeader(v)?.params.get('stale')?.toLowerCase() === 'true');
}
