import { describe, expect, it } from 'vitest';
import { classifyHost, hostsEqual, isIPv6, parseIPv6 } from './ip.ts';
import type { Uri } from './uri.ts';
import { parseUri, percentDecode, serializeUri, uriEquals } from './uri.ts';

function u(text: string): Uri {
  const r = parseUri(text);
  if (r === null) throw new Error(`${text} should parse`);
  return r;
}

describe('parseUri / serializeUri', () => {
  it('parses a full SIP URI into its parts', () => {
    expect(u('sips:alice:secret@atlanta.com:5061;transport=tcp;lr?subject=project%20x&priority=urgent')).toEqual({
      kind: 'sip',
      scheme: 'sips',
      user: 'alice',
      password: 'secret',
      host: 'atlanta.com',
      port: 5061,
      params: [
        { name: 'transport', value: 'tcp' },
        { name: 'lr', value: null },
      ],
      headers: [
        { name: 'subject', value: 'project%20x' },
        { name: 'priority', value: 'urgent' },
      ],
    });
  });

  it('normalises escapes: unreserved decoded, others upper-case hex, and round-trips that form', () => {
    const x = u('SIP:%61lice%3a%2f@Example.COM;Trans%70ort=%55DP');
    expect(serializeUri(x)).toBe('sip:alice%3A%2F@Example.COM;transport=UDP');
    expect(u(serializeUri(x))).toEqual(x);
  });

  it('keeps telephone-subscriber user parts and user=phone', () => {
    const x = u('sip:+1-212-555-1212:1234@gateway.com;user=phone');
    expect(x).toMatchObject({ user: '+1-212-555-1212', password: '1234', params: [{ name: 'user', value: 'phone' }] });
  });

  it('parses IPv6 references, with and without port (RFC 5118)', () => {
    expect(u('sip:[2001:db8::10]:5070')).toMatchObject({ host: '[2001:db8::10]', port: 5070 });
    expect(u('sip:[2001:db8::10:5070]')).toMatchObject({ host: '[2001:db8::10:5070]' });
    expect(u('sip:[2001:db8::10:5070]')).not.toHaveProperty('port');
    expect(u('sip:user@[::ffff:192.0.2.1];maddr=[2001:db8::1]')).toMatchObject({ host: '[::ffff:192.0.2.1]' });
  });

  it('parses tel URIs (RFC 3966) and requires phone-context for local numbers', () => {
    expect(u('tel:+1-201-555-0123;ext=1234')).toEqual({
      kind: 'tel',
      number: '+1-201-555-0123',
      params: [{ name: 'ext', value: '1234' }],
    });
    expect(u('tel:7042;phone-context=example.com')).toMatchObject({ kind: 'tel', number: '7042' });
    expect(parseUri('tel:7042')).toBeNull();
    expect(parseUri('tel:+')).toBeNull();
  });

  it('keeps other schemes as opaque absolute URIs', () => {
    expect(u('urn:service:sos')).toEqual({ kind: 'absolute', scheme: 'urn', opaque: 'service:sos' });
    expect(serializeUri(u('HTTP://www.example.com/a%7eb'))).toBe('http://www.example.com/a~b');
  });

  it.each([
    ['no scheme', 'alice@example.com'],
    ['empty', ''],
    ['bad scheme char', '1sip:a@b'],
    ['empty user', 'sip:@example.com'],
    ['space in user', 'sip:a b@example.com'],
    ['bad escape', 'sip:a%4@example.com'],
    ['bad escape hex', 'sip:a%zz@example.com'],
    ['port too big', 'sip:a@example.com:65536'],
    ['empty port', 'sip:a@example.com:'],
    ['unbracketed IPv6', 'sip:2001:db8::10'],
    ['three colons', 'sip:[2001:db8:::1]'],
    ['unterminated bracket', 'sip:[2001:db8::1'],
    ['bad host', 'sip:a@exa_mple.com'],
    ['label ending in -', 'sip:a@example-.com'],
    ['numeric non-IP host', 'sip:a@1.2.3.999'],
    ['empty param', 'sip:a@example.com;'],
    ['empty param value', 'sip:a@example.com;x='],
    ['header without =', 'sip:a@example.com?subject'],
    ['char not allowed in param', 'sip:a@example.com;x=<y>'],
    ['space in absolute URI', 'http://a b'],
  ])('rejects %s', (_why, text) => {
    expect(parseUri(text)).toBeNull();
  });

  it('percent-decodes user parts to octets (%00 included)', () => {
    expect([...percentDecode('a%00b%e4%B8%ad')]).toEqual([0x61, 0, 0x62, 0xe4, 0xb8, 0xad]);
  });
});

describe('uriEquals (RFC 3261 §19.1.4 examples)', () => {
  it.each([
    ['sip:%61lice@atlanta.com;transport=TCP', 'sip:alice@AtLanTa.CoM;Transport=tcp'],
    ['sip:carol@chicago.com', 'sip:carol@chicago.com;newparam=5'],
    ['sip:carol@chicago.com', 'sip:carol@chicago.com;security=on'],
    ['sip:carol@chicago.com;newparam=5', 'sip:carol@chicago.com;security=on'],
    ['sip:biloxi.com;transport=tcp;method=REGISTER?to=sip:bob%40biloxi.com', 'sip:biloxi.com;method=REGISTER;transport=tcp?to=sip:bob%40biloxi.com'],
    ['sip:alice@atlanta.com?subject=project%20x&priority=urgent', 'sip:alice@atlanta.com?priority=urgent&subject=project%20x'],
    ['sip:user@[2001:db8::1]', 'sip:user@[2001:DB8:0:0:0:0:0:1]'],
    ['tel:+1-201-555-0123', 'tel:+1.201.555.0123'],
    ['tel:7042;phone-context=example.com', 'tel:7042;PHONE-CONTEXT=Example.com'],
  ])('%s == %s', (a, b) => {
    expect(uriEquals(u(a), u(b))).toBe(true);
    expect(uriEquals(u(b), u(a))).toBe(true);
  });

  it.each([
    ['SIP:ALICE@AtLanTa.CoM;Transport=udp', 'sip:alice@AtLanTa.CoM;Transport=UDP'], // different users
    ['sip:bob@biloxi.com', 'sip:bob@biloxi.com:5060'], // can resolve to different ports
    ['sip:bob@biloxi.com', 'sip:bob@biloxi.com;transport=udp'], // different transports
    ['sip:bob@biloxi.com', 'sip:bob@biloxi.com:6000;transport=tcp'],
    ['sip:carol@chicago.com', 'sip:carol@chicago.com?Subject=next%20meeting'], // header component
    ['sip:bob@phone21.boxesbybob.com', 'sip:bob@192.0.2.4'],
    ['sip:carol@chicago.com;security=on', 'sip:carol@chicago.com;security=off'],
    ['sip:a@example.com', 'sips:a@example.com'],
    ['sip:a@example.com', 'sip:a@example.com;maddr=192.0.2.1'],
    ['sip:a@example.com;user=phone', 'sip:a@example.com'],
    ['sip:a%3Ab@example.com', 'sip:a:b@example.com'], // escaped reserved char is not the char
    ['sip:a@example.com', 'tel:+1234'],
  ])('%s != %s', (a, b) => {
    expect(uriEquals(u(a), u(b))).toBe(false);
    expect(uriEquals(u(b), u(a))).toBe(false);
  });
});

describe('IP literals', () => {
  it.each(['::', '::1', '1::', '2001:db8::10', '2001:db8::192.0.2.1', '::ffff:192.0.2.2', '1:2:3:4:5:6:7:8', '1:2:3:4:5:6:1.2.3.4', 'fe80::1:2'])(
    'accepts IPv6 %s',
    (a) => expect(isIPv6(a)).toBe(true),
  );
  it.each(['', ':', ':1', '1:', '1:::2', '2001:db8:::192.0.2.1', '1:2:3:4:5:6:7:8:9', '1::2::3', '12345::', 'g::1', '1:2:3:4:5:6:7:1.2.3.4', '::1.2.3', '::256.1.1.1', '1::2:3:4:5:6:7:8'])(
    'rejects IPv6 %s',
    (a) => expect(isIPv6(a)).toBe(false),
  );
  it('expands :: to the right number of zero groups', () => {
    expect([...parseIPv6('1::2')!]).toEqual([0, 1, ...Array(12).fill(0), 0, 2]);
  });
  it('classifies hosts', () => {
    expect(classifyHost('example.com.')).toBe('domain');
    expect(classifyHost('192.0.2.1')).toBe('ipv4');
    expect(classifyHost('[::1]')).toBe('ipv6');
    expect(classifyHost('3com')).toBeNull(); // toplabel must start with a letter
    expect(classifyHost('a..b')).toBeNull();
    expect(hostsEqual('Example.COM', 'example.com')).toBe(true);
    expect(hostsEqual('[::1]', '[0:0::1]')).toBe(true);
    expect(hostsEqual('192.0.2.1', '192.000.002.001')).toBe(true);
  });
});
