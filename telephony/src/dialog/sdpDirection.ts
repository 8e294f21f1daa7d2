import type { Direction } from '../sdp/sdp.ts';
import { direction, parseSdp, serializeSdp } from '../sdp/sdp.ts';

// Hold and resume are offer/answer exchanges that only change the media direction (RFC 3264
// §8.4, RFC 6337 §5.3): hold offers sendonly (or inactive when the peer already holds us), and
// the answer mirrors the offer. These helpers rewrite the direction attributes of an SDP we
// produced and bump its o= version, as every new offer must (RFC 3264 §8).

const DIRECTIONS = new Set(['sendrecv', 'sendonly', 'recvonly', 'inactive']);

/** `sdp` with every media section set to `dir` (session-level direction dropped), version bumped. */
export function withDirection(sdp: string, dir: Direction): string {
  const r = parseSdp(sdp);
  if (!r.ok) throw new TypeError(`not an SDP we can rewrite: ${r.error}`);
  const s = r.sdp;
  s.attributes = s.attributes.filter((a) => !DIRECTIONS.has(a.name));
  for (const m of s.media) m.attributes = [...m.attributes.filter((a) => !DIRECTIONS.has(a.name)), { name: dir, value: null }];
  const v = s.origin.sessionVersion;
  s.origin.sessionVersion = /^\d{1,15}$/.test(v) ? String(Number(v) + 1) : '1';
  return serializeSdp(s);
}

/** The answer's direction for an offer's (RFC 3264 §6.1). */
export function answerDirection(offer: Direction): Direction {
  return offer === 'sendonly' ? 'recvonly' : offer === 'recvonly' ? 'sendonly' : offer;
}

/** The direction of the first audio section (or the session), or undefined when not SDP. */
export function sdpDirection(sdp: string | Buffer): Direction | undefined {
  const r = parseSdp(sdp);
  if (!r.ok) return undefined;
  const m = r.sdp.media.find((x) => x.type === 'audio') ?? r.sdp.media[0];
  return direction(r.sdp, m);
}
