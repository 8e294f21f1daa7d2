import { C_TOKEN, is } from './chars.ts';
import { getHeaderList, getHeaders } from './headerAccess.ts';
import { acceptAdmits, mimeOf } from './mediaType.ts';
import type { SipRequest } from './messageTypes.ts';
import { SipError } from './sipError.ts';

// The checks a UAS makes on a syntactically valid request before method-specific processing
// (RFC 3261 §8.2), in the order the RFC gives them, returning the final response to send — or
// null when the request may proceed. Pure: no I/O, no state; the caller supplies its profile.
//
//   authentication (§8.2, §22)   → 401 (credentials we cannot use)
//   Max-Forwards (§16.3, proxy)  → 483
//   method inspection (§8.2.1)   → 405 with Allow (known method) / 501 (unknown method)
//   Request-URI scheme (§8.2.2.1)→ 416
//   Require (§8.2.2.3)           → 420 with Unsupported
//   content (§8.2.3)             → 415 with Accept / Accept-Encoding
//   Accept vs. our answer (§8.2.6, RFC 4475 §3.3.15) → 406
//
// ACK is never answered (RFC 3261 §17.2.3) so it always yields null.

export interface UasProfile {
  /** 'proxy' answers Max-Forwards 0 with 483; a UAS processes such a request (RFC 4475 §3.3.11). */
  role: 'uas' | 'proxy';
  /** Methods this element implements. */
  methods: readonly string[];
  /** Request-URI schemes it can serve. */
  schemes: readonly string[];
  /** Option tags it supports (for Require). */
  optionTags: readonly string[];
  /** Body types it understands (type/subtype, lowercase). */
  contentTypes: readonly string[];
  /** Content codings it understands (Content-Encoding); "identity" is always fine. */
  contentEncodings: readonly string[];
  /** Authorization schemes it can verify. */
  authSchemes: readonly string[];
  /** Whether this request needs credentials (e.g. REGISTER at a registrar). */
  requireAuth: boolean | ((req: SipRequest) => boolean);
}

/** Methods registered with IANA: recognised, so an unsupported one is 405 rather than 501. */
export const KNOWN_METHODS: readonly string[] = [
  'ACK', 'BYE', 'CANCEL', 'INFO', 'INVITE', 'MESSAGE', 'NOTIFY', 'OPTIONS', 'PRACK', 'PUBLISH', 'REFER',
  'REGISTER', 'SUBSCRIBE', 'UPDATE',
];

export const DEFAULT_UAS_PROFILE: UasProfile = {
  role: 'uas',
  methods: ['INVITE', 'ACK', 'BYE', 'CANCEL', 'OPTIONS', 'REGISTER', 'INFO', 'UPDATE', 'PRACK', 'MESSAGE', 'NOTIFY', 'REFER'],
  schemes: ['sip', 'sips', 'tel'],
  // No option tag is claimed until the engine implements it; a Require for anything gets 420.
  optionTags: [],
  contentTypes: ['application/sdp', 'multipart/mixed', 'text/plain', 'application/dtmf-relay', 'message/sipfrag'],
  contentEncodings: [],
  authSchemes: ['Digest'],
  requireAuth: false,
};

/** Methods whose responses carry our SDP (offer or answer), so the peer must accept it. */
const SDP_ANSWERING = new Set(['INVITE', 'UPDATE']);

function firstToken(v: string): string {
  let i = 0;
  while (i < v.length && is(v.charCodeAt(i), C_TOKEN)) i++;
  return v.slice(0, i);
}

export function validateRequest(req: SipRequest, profile: Partial<UasProfile> = {}): SipError | null {
  const p: UasProfile = { ...DEFAULT_UAS_PROFILE, ...profile };
  if (req.method === 'ACK') return null;

  // Authentication. Credentials in a scheme we cannot verify count as no credentials at all
  // (RFC 4475 §3.3.7, regaut01): since the peer evidently expects to authenticate, challenge it.
  const creds = getHeaders(req, 'Authorization');
  const schemes = p.authSchemes.map((s) => s.toLowerCase());
  const usable = creds.some((c) => schemes.includes(firstToken(c).toLowerCase()));
  const mustAuth = typeof p.requireAuth === 'function' ? p.requireAuth(req) : p.requireAuth;
  if (req.method !== 'CANCEL' && !usable && (mustAuth || creds.length > 0)) {
    return new SipError(401);
  }

  if (p.role === 'proxy' && req.maxForwards === 0) return new SipError(483);

  if (!p.methods.includes(req.method)) {
    if (KNOWN_METHODS.includes(req.method)) return new SipError(405, undefined, [{ name: 'Allow', value: p.methods.join(', ') }]);
    return new SipError(501);
  }

  const scheme = req.uri.kind === 'absolute' ? req.uri.scheme : req.uri.kind === 'tel' ? 'tel' : req.uri.scheme;
  if (!p.schemes.includes(scheme)) return new SipError(416);

  if (req.method !== 'CANCEL') {
    const unsupported = getHeaderList(req, 'Require').filter((t) => !p.optionTags.includes(t));
    if (unsupported.length > 0) return new SipError(420, undefined, [{ name: 'Unsupported', value: unsupported.join(', ') }]);
  }

  if (req.body.length > 0) {
    if (req.contentType === undefined) return new SipError(400, 'Missing Content-Type');
    if (!p.contentTypes.includes(mimeOf(req.contentType))) {
      return new SipError(415, undefined, [{ name: 'Accept', value: p.contentTypes.join(', ') }]);
    }
    const codings = getHeaderList(req, 'Content-Encoding').map((c) => c.toLowerCase());
    if (codings.some((c) => c !== 'identity' && !p.contentEncodings.includes(c))) {
      return new SipError(415, undefined, [{ name: 'Accept-Encoding', value: p.contentEncodings.join(', ') }]);
    }
  }

  // Our answer to INVITE/UPDATE is SDP; an Accept header that rules it out leaves nothing we could send.
  if (SDP_ANSWERING.has(req.method)) {
    const accept = getHeaders(req, 'Accept');
    if (accept.length > 0 && !acceptAdmits(accept.join(','), 'application/sdp')) return new SipError(406);
  }
  return null;
}
