import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TYPICAL_SDP } from '../testing/fixtures.ts';
import type { SessionDescription } from './sdp.ts';
import { connectionFor, direction, fmtps, parseSdp, ptime, rtpMaps, serializeSdp } from './sdp.ts';

function ok(text: string): SessionDescription {
  const r = parseSdp(text);
  if (!r.ok) throw new Error(`rejected at line ${r.line}: ${r.error}`);
  return r.sdp;
}

const lines = (...l: string[]): string => l.join('\r\n') + '\r\n';
const HEAD = ['v=0', 'o=- 1 1 IN IP4 192.0.2.1', 's=-', 'c=IN IP4 192.0.2.1', 't=0 0'];

describe('parseSdp', () => {
  it('parses an offer: origin, connection, media, rtpmap/fmtp/ptime/direction', () => {
    const sdp = ok(TYPICAL_SDP);
    expect(sdp.origin).toEqual({ username: 'alice', sessionId: '2890844526', sessionVersion: '2890844526', netType: 'IN', addrType: 'IP4', address: '198.51.100.7' });
    expect(sdp.connection).toEqual({ netType: 'IN', addrType: 'IP4', address: '198.51.100.7' });
    const m = sdp.media[0]!;
    expect(m).toMatchObject({ type: 'audio', port: 49170, protocol: 'RTP/AVP', formats: ['0', '8', '9', '101'] });
    expect(rtpMaps(m)).toEqual([
      { payloadType: 0, encoding: 'PCMU', clockRate: 8000 },
      { payloadType: 8, encoding: 'PCMA', clockRate: 8000 },
      { payloadType: 9, encoding: 'G722', clockRate: 8000 },
      { payloadType: 101, encoding: 'telephone-event', clockRate: 8000 },
    ]);
    expect(fmtps(m).get(101)).toBe('0-16');
    expect(ptime(sdp, m)).toBe(20);
    expect(direction(sdp, m)).toBe('sendrecv');
    expect(connectionFor(sdp, m)?.address).toBe('198.51.100.7');
  });

  it('serialises canonically: the typical offer round-trips byte for byte', () => {
    expect(serializeSdp(ok(TYPICAL_SDP))).toBe(TYPICAL_SDP);
  });

  it('reads direction from media level, then session level, default sendrecv', () => {
    const sdp = ok(lines(...HEAD, 'a=recvonly', 'm=audio 4000 RTP/AVP 0', 'm=audio 4002 RTP/AVP 0', 'a=inactive'));
    expect(direction(sdp)).toBe('recvonly');
    expect(direction(sdp, sdp.media[0])).toBe('recvonly');
    expect(direction(sdp, sdp.media[1])).toBe('inactive');
    expect(direction(ok(lines(...HEAD)))).toBe('sendrecv');
    const so = ok(lines(...HEAD, 'm=audio 4000 RTP/AVP 0', 'a=sendonly'));
    expect(direction(so, so.media[0])).toBe('sendonly');
  });

  it('accepts IPv6 connection addresses (RFC 4566 §5.7, RFC 5118 §4.12) and media-level c=', () => {
    const sdp = ok(lines('v=0', 'o=bob 1 1 IN IP6 2001:db8::20', 's=', 't=0 0', 'm=audio 5000 RTP/AVP 0', 'c=IN IP6 2001:db8::1', 'm=video 5002 RTP/AVP 31', 'c=IN IP4 192.0.2.1'));
    expect(sdp.sessionName).toBe('');
    expect(sdp.media.map((m) => connectionFor(sdp, m)?.address)).toEqual(['2001:db8::1', '192.0.2.1']);
  });

  it('parses multicast TTL and address counts', () => {
    expect(ok(lines('v=0', 'o=- 1 1 IN IP4 192.0.2.1', 's=-', 'c=IN IP4 224.2.1.1/127/3', 't=0 0')).connection).toEqual({ netType: 'IN', addrType: 'IP4', address: '224.2.1.1', ttl: 127, count: 3 });
    expect(ok(lines('v=0', 'o=- 1 1 IN IP6 ::1', 's=-', 'c=IN IP6 ff15::101/3', 't=0 0')).connection).toMatchObject({ address: 'ff15::101', count: 3 });
  });

  it('keeps every field through serialise → parse', () => {
    const text = lines(
      'v=0', 'o=jdoe 2890844526 2890842807 IN IP4 10.47.16.5', 's=SDP Seminar', 'i=A Seminar', 'u=http://www.example.com/seminars/sdp.pdf',
      'e=j.doe@example.com (Jane Doe)', 'p=+1 617 555-6011', 'c=IN IP4 224.2.17.12/127', 'b=AS:128', 't=2873397496 2873404696', 'r=7d 1h 0 25h',
      'z=2882844526 -1h 2898848070 0', 'k=prompt', 'a=recvonly', 'm=audio 49170 RTP/AVP 0', 'i=voice', 'b=AS:64', 'k=clear:x',
      'm=video 51372/2 RTP/AVP 99', 'a=rtpmap:99 h263-1998/90000', 'a=fmtp:99 profile=0',
    );
    const sdp = ok(text);
    expect(serializeSdp(sdp)).toBe(text);
    expect(sdp.media[1]!.portCount).toBe(2);
    expect(sdp.timing[0]!.repeats).toEqual(['7d 1h 0 25h']);
  });

  it('tolerates LF-only line ends and a missing final line end', () => {
    expect(ok(HEAD.join('\n')).timing).toHaveLength(1);
  });

  it.each([
    ['empty', ''],
    ['not starting with v=', lines('o=- 1 1 IN IP4 192.0.2.1', 'v=0')],
    ['version 1', lines('v=1', ...HEAD.slice(1))],
    ['origin with 5 fields', lines('v=0', 'o=- 1 IN IP4 192.0.2.1', 's=-', 't=0 0')],
    ['non-numeric session id', lines('v=0', 'o=- x 1 IN IP4 192.0.2.1', 's=-', 't=0 0')],
    ['bad IPv4', lines('v=0', 'o=- 1 1 IN IP4 192.0.2.300', 's=-', 't=0 0')],
    ['bad IPv6', lines('v=0', 'o=- 1 1 IN IP6 2001:db8:::1', 's=-', 't=0 0')],
    ['missing s=', lines('v=0', 'o=- 1 1 IN IP4 192.0.2.1', 't=0 0')],
    ['missing t=', lines('v=0', 'o=- 1 1 IN IP4 192.0.2.1', 's=-', 'c=IN IP4 192.0.2.1')],
    ['space before =', lines(...HEAD, 'm =video 3227 RTP/AVP 31')],
    ['unknown type letter', lines(...HEAD, 'x=what')],
    ['port out of range', lines(...HEAD, 'm=audio 70000 RTP/AVP 0')],
    ['media without formats', lines(...HEAD, 'm=audio 4000 RTP/AVP')],
    ['media without any connection', lines('v=0', 'o=- 1 1 IN IP4 192.0.2.1', 's=-', 't=0 0', 'm=audio 4000 RTP/AVP 0')],
    ['control character', lines(...HEAD, 'a=x\x00y')],
    ['empty attribute', lines(...HEAD, 'a=')],
    ['r= without t=', lines('v=0', 'o=- 1 1 IN IP4 192.0.2.1', 's=-', 'r=1d 1h 0')],
  ])('returns an error value for %s', (_why, text) => {
    const r = parseSdp(text);
    expect(r.ok).toBe(false);
  });

  it('skips malformed rtpmap lines instead of failing the description', () => {
    const sdp = ok(lines(...HEAD, 'm=audio 4000 RTP/AVP 0 107', 'a=rtpmap:0 PCMU/8000', 'a=rtpmap:107 H263-199'));
    expect(rtpMaps(sdp.media[0]!).map((r) => r.payloadType)).toEqual([0]);
  });

  it('refuses to serialise a field carrying CR/LF', () => {
    const sdp = ok(TYPICAL_SDP);
    expect(() => serializeSdp({ ...sdp, sessionName: 'x\r\nm=audio 1 RTP/AVP 0' })).toThrow(TypeError);
  });

  it('never throws on arbitrary input', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
        const r = parseSdp(Buffer.from(bytes));
        if (!r.ok) expect(r.error).not.toMatch(/internal/);
      }),
      { numRuns: 300 },
    );
    const piece = fc.constantFrom('v=0', 'o=- 1 1 IN IP4 1.2.3.4', 's=-', 't=0 0', 'c=IN IP6 ::1', 'm=audio 1 RTP/AVP 0', 'a=rtpmap:0 PCMU/8000', '\r\n', '\n', '=', ' ', '/');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), (parts) => {
        const r = parseSdp(parts.join(''));
        if (r.ok) expect(ok(serializeSdp(r.sdp))).toEqual(r.sdp);
        else expect(r.error).not.toMatch(/internal/);
      }),
      { numRuns: 300 },
    );
  });
});
