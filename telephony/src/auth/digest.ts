import { createHash } from 'node:crypto';

// The digest computation (RFC 7616 §3.4.1–3.4.3, used by SIP through RFC 3261 §22.4 and RFC 8760):
//
//   A1       = username ":" realm ":" passwd            (-sess: H(...) ":" nonce ":" cnonce)
//   A2       = method ":" digest-uri                    (qop=auth; auth-int is not offered)
//   response = H( H(A1) ":" nonce ":" nc ":" cnonce ":" qop ":" H(A2) )   with qop
//   response = H( H(A1) ":" nonce ":" H(A2) )                             RFC 2069, without qop
//
// RFC 8760 brings SHA-256 and SHA-512/256 to SIP next to MD5.

export type DigestAlgorithm = 'MD5' | 'MD5-sess' | 'SHA-256' | 'SHA-256-sess' | 'SHA-512-256' | 'SHA-512-256-sess';

export const SUPPORTED_ALGORITHMS: readonly DigestAlgorithm[] = ['MD5', 'MD5-sess', 'SHA-256', 'SHA-256-sess', 'SHA-512-256', 'SHA-512-256-sess'];

/** Strongest first: the order in which we offer challenges and pick among them (RFC 8760 §2.4). */
export const ALGORITHM_PREFERENCE: readonly DigestAlgorithm[] = ['SHA-512-256', 'SHA-256', 'MD5', 'SHA-512-256-sess', 'SHA-256-sess', 'MD5-sess'];

export function asAlgorithm(s: string | undefined): DigestAlgorithm | undefined {
  if (s === undefined) return 'MD5'; // RFC 7616 §3.3: absent means MD5
  return SUPPORTED_ALGORITHMS.find((a) => a.toLowerCase() === s.toLowerCase());
}

function nodeHash(alg: DigestAlgorithm): string {
  return alg.startsWith('SHA-512-256') ? 'sha512-256' : alg.startsWith('SHA-256') ? 'sha256' : 'md5';
}

export function hashHex(alg: DigestAlgorithm, s: string): string {
  return createHash(nodeHash(alg)).update(s, 'utf8').digest('hex');
}

export interface DigestInput {
  algorithm: DigestAlgorithm;
  username: string;
  realm: string;
  password: string;
  method: string;
  uri: string;
  nonce: string;
  /** qop=auth when set; RFC 2069 compatibility when undefined. */
  qop?: 'auth';
  nc?: string;
  cnonce?: string;
}

export function digestResponse(d: DigestInput): string {
  const alg = d.algorithm;
  let ha1 = hashHex(alg, `${d.username}:${d.realm}:${d.password}`);
  if (alg.endsWith('-sess')) ha1 = hashHex(alg, `${ha1}:${d.nonce}:${d.cnonce ?? ''}`);
  const ha2 = hashHex(alg, `${d.method}:${d.uri}`);
  if (d.qop === undefined) return hashHex(alg, `${ha1}:${d.nonce}:${ha2}`);
  return hashHex(alg, `${ha1}:${d.nonce}:${d.nc ?? ''}:${d.cnonce ?? ''}:${d.qop}:${ha2}`);
}
