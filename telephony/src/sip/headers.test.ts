import { describe, expect, it } from 'vitest';
import { parseSipDate } from './date.ts';
import { canonicalHeaderName, headerKey } from './headerNames.ts';
import { acceptAdmits, parseMediaType, serializeMediaType } from './mediaType.ts';
import { parseNameAddr, serializeNameAddr } from './nameAddr.ts';
import { quote, unquote, withParam } from './params.ts';
import { parseCSeqOrFail, parseCallIdOrFail, parseUintHeaderOrFail } from './scalars.ts';
import { ParseFail, splitList } from './scanner.ts';
import { parseVia, serializeVia } from './via.ts';

function fails(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof ParseFail) return e.reason;
    throw e;
  }
  throw new Error('expected a parse failure');
}

describe('header names', () => {
  it.each([
    ['i', 'Call-ID'], ['m', 'Contact'], ['f', 'From'], ['t', 'To'], ['v', 'Via'], ['l', 'Content-Length'],
    ['c', 'Content-Type'], ['k', 'Supported'], ['s', 'Subject'], ['e', 'Content-Encoding'], ['o', 'Event'],
    ['r', 'Refer-To'], ['u', 'Allow-Events'], ['b', 'Referred-By'], ['x', 'Session-Expires'], ['y', 'Identity'],
  ])('compact form %s is %s', (c, full) => {
    expect(canonicalHeaderName(c)).toBe(full);
    expect(canonicalHeaderName(c.toUpperCase())).toBe(full);
    expect(headerKey(c)).toBe(headerKey(full.toUpperCase()));
  });
  it('canonicalises known names case-insensitively and keeps unknown ones', () => {
    expect(canonicalHeaderName('cseq')).toBe('CSeq');
    expect(canonicalHeaderName('www-AUTHENTICATE')).toBe('WWW-Authenticate');
    expect(canonicalHeaderName('X-Custom')).toBe('X-Custom');
    expect(headerKey('X-Custom')).toBe('x-custom');
  });
});

describe('splitList', () => {
  it('splits at top-level commas only', () => {
    expect(splitList('"a, b" <sip:x@y>;p="c,\\"d", <sip:u,v@w>, e')).toEqual(['"a, b" <sip:x@y>;p="c,\\"d"', '<sip:u,v@w>', 'e']);
  });
  it('reports unbalanced quotes and brackets', () => {
    expect(splitList('"open, <sip:a@b>')).toBeNull();
    expect(splitList('<sip:a@b, c')).toBeNull();
  });
});

describe('name-addr / addr-spec', () => {
  it('parses quoted display names with escapes', () => {
    expect(parseNameAddr('"A \\"quoted\\" \\\\ name" <sip:a@b.com>;tag=x')).toEqual({
      displayName: 'A "quoted" \\ name',
      uri: { kind: 'sip', scheme: 'sip', user: 'a', host: 'b.com', params: [], headers: [] },
      params: [{ name: 'tag', value: 'x' }],
    });
  });
  it('joins token display names with single spaces', () => {
    expect(parseNameAddr('Alice   Smith<sip:a@b.com>')?.displayName).toBe('Alice Smith');
  });
  it('gives ;params after a bare addr-spec to the header, inside <> to the URI', () => {
    const bare = parseNameAddr('sip:a@b.com;lr;tag=1')!;
    expect(bare.uri).toMatchObject({ params: [] });
    expect(bare.params).toEqual([{ name: 'lr', value: null }, { name: 'tag', value: '1' }]);
    const inside = parseNameAddr('<sip:a@b.com;lr>;tag=1')!;
    expect(inside.uri).toMatchObject({ params: [{ name: 'lr', value: null }] });
  });
  it.each([
    ['space inside <>', '< sip:a@b.com>'],
    ['space before >', '<sip:a@b.com >'],
    ['comma in unquoted display name', 'Bell, Alexander <sip:a@b.com>'],
    ['unterminated quote', '"Mr. J. User <sip:j.user@example.com>'],
    ['missing >', '<sip:a@b.com'],
    ['? outside <>', 'sip:a@b.com?Route=x'],
    ['empty parameter', '<sip:a@b.com>;;'],
    ['trailing garbage', '<sip:a@b.com> junk'],
    ['quoted name without <>', '"Joe" sip:a@b.com'],
  ])('rejects %s', (_w, v) => expect(parseNameAddr(v)).toBeNull());
  it('serialises canonically and round-trips odd display names', () => {
    const na = parseNameAddr('"NUL:\\\0 \\"q\\"" <sip:a@b.com>;tag=1')!;
    expect(serializeNameAddr(na)).toBe('"NUL:\\\0 \\"q\\"" <sip:a@b.com>;tag=1');
    expect(parseNameAddr(serializeNameAddr(na))).toEqual(na);
  });
  it('refuses to serialise CR/LF in a display name (header injection)', () => {
    expect(() => quote('evil\r\nVia: x')).toThrow(TypeError);
  });
  it('param helpers', () => {
    expect(unquote('"a\\"b"')).toBe('a"b');
    expect(withParam([{ name: 'tag', value: '1' }], 'TAG', '2')).toEqual([{ name: 'tag', value: '2' }]);
  });
});

describe('Via', () => {
  it('parses LWS around slashes, ports, and the known params', () => {
    const v = parseVia('SIP / 2.0 / udp host.example.com : 5062 ; branch = z9hG4bK1 ;rport;received=192.0.2.1;ttl=16;maddr=224.2.0.1')!;
    expect(v).toMatchObject({ protocol: 'SIP', version: '2.0', transport: 'UDP', host: 'host.example.com', port: 5062 });
    expect(v.params.map((p) => p.name)).toEqual(['branch', 'rport', 'received', 'ttl', 'maddr']);
    expect(serializeVia(v)).toBe('SIP/2.0/UDP host.example.com:5062;branch=z9hG4bK1;rport;received=192.0.2.1;ttl=16;maddr=224.2.0.1');
  });
  it('keeps unknown transports and extension params', () => {
    expect(parseVia('SIP/2.0/FOO h;x-ext="a b";branch=z9hG4bKx')).toMatchObject({ transport: 'FOO' });
  });
  it.each([
    ['no sent-by', 'SIP/2.0/UDP'],
    ['no LWS', 'SIP/2.0/UDPhost'],
    ['bad host', 'SIP/2.0/UDP ho st'],
    ['empty params', 'SIP/2.0/UDP 192.0.2.15;;'],
    ['ttl > 255', 'SIP/2.0/UDP h;ttl=256'],
    ['received not an IP', 'SIP/2.0/UDP h;received=example.com'],
    ['branch without value', 'SIP/2.0/UDP h;branch'],
    ['port overflow', 'SIP/2.0/UDP h:99999'],
    ['rport overflow', 'SIP/2.0/UDP h;rport=70000'],
    ['maddr not a host', 'SIP/2.0/UDP h;maddr=a_b'],
  ])('rejects %s', (_w, v) => expect(parseVia(v)).toBeNull());
});

describe('scalar headers', () => {
  it('CSeq', () => {
    expect(parseCSeqOrFail('0009  INVITE')).toEqual({ seq: 9, method: 'INVITE' });
    expect(parseCSeqOrFail('4294967295 ACK')).toEqual({ seq: 4294967295, method: 'ACK' });
    expect(fails(() => parseCSeqOrFail('4294967296 ACK'))).toMatch(/2\^32/);
    expect(fails(() => parseCSeqOrFail('36893488147419103232 REGISTER'))).toMatch(/2\^32/);
    expect(fails(() => parseCSeqOrFail('1INVITE'))).toMatch(/LWS/);
    expect(fails(() => parseCSeqOrFail('-1 INVITE'))).toBeTruthy();
    expect(fails(() => parseCSeqOrFail('1 INVITE x'))).toBeTruthy();
  });
  it('bounded integers never overflow, whatever the length', () => {
    expect(parseUintHeaderOrFail('0068', 255, 'Max-Forwards')).toBe(68);
    expect(fails(() => parseUintHeaderOrFail('300', 255, 'Max-Forwards'))).toMatch(/exceeds/);
    expect(parseUintHeaderOrFail('4294967295', 0xffffffff, 'Expires')).toBe(4294967295);
    expect(fails(() => parseUintHeaderOrFail('4294967296', 0xffffffff, 'Expires'))).toMatch(/exceeds/);
    expect(fails(() => parseUintHeaderOrFail('1' + '0'.repeat(100), 0xffffffff, 'Expires'))).toMatch(/exceeds/);
    expect(fails(() => parseUintHeaderOrFail('-999', 0xffffffff, 'Content-Length'))).toMatch(/non-negative/);
    expect(fails(() => parseUintHeaderOrFail('12abc', 0xffffffff, 'Content-Length'))).toBeTruthy();
    expect(fails(() => parseUintHeaderOrFail('', 0xffffffff, 'Content-Length'))).toBeTruthy();
  });
  it('Call-ID is word [@ word]', () => {
    expect(parseCallIdOrFail(' a%b!@c.d ')).toBe('a%b!@c.d');
    expect(fails(() => parseCallIdOrFail('a b'))).toBeTruthy();
    expect(fails(() => parseCallIdOrFail('a@b@c'))).toBeTruthy();
    expect(fails(() => parseCallIdOrFail('@b'))).toBeTruthy();
    expect(fails(() => parseCallIdOrFail('a@'))).toBeTruthy();
  });
});

describe('media types and Accept', () => {
  it('parses and serialises Content-Type', () => {
    const m = parseMediaType('Multipart/Mixed ; boundary="a b"')!;
    expect(m).toEqual({ type: 'multipart', subtype: 'mixed', params: [{ name: 'boundary', value: '"a b"' }] });
    expect(serializeMediaType(m)).toBe('multipart/mixed;boundary="a b"');
    expect(parseMediaType('application')).toBeNull();
  });
  it('matches Accept ranges', () => {
    expect(acceptAdmits('application/sdp', 'application/sdp')).toBe(true);
    expect(acceptAdmits('text/nobodyKnowsThis', 'application/sdp')).toBe(false);
    expect(acceptAdmits('', 'application/sdp')).toBe(false);
  });
});

describe('SIP-date', () => {
  it('accepts only the rfc1123 GMT form', () => {
    expect(parseSipDate('Sat, 13 Nov 2010 23:29:00 GMT')?.toISOString()).toBe('2010-11-13T23:29:00.000Z');
    expect(parseSipDate('Fri, 01 Jan 2010 16:00:00 EST')).toBeNull();
    expect(parseSipDate('Mon, 31 Feb 2010 16:00:00 GMT')).toBeNull();
    expect(parseSipDate('garbage')).toBeNull();
  });
});
