import { describe, expect, it } from 'vitest';
import { parseSdp } from '../sdp/sdp.ts';
import { TYPICAL_INVITE } from '../testing/fixtures.ts';
import { getHeaderList } from './headerAccess.ts';
import { parseMessage, responseTo, serializeMessage } from './message.ts';
import type { ParseFailure, ParseOptions, SipMessage, SipRequest } from './messageTypes.ts';

const UDP: ParseOptions = { transport: 'udp' };
const TCP: ParseOptions = { transport: 'tcp' };

const HEADERS = [
  'Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK74bf9',
  'Max-Forwards: 70',
  'From: <sip:alice@example.com>;tag=9fxced76sl',
  'To: <sip:bob@example.com>',
  'Call-ID: 3848276298220188511@example.com',
  'CSeq: 1 OPTIONS',
];

/** Builds a request from lines (joined with CRLF) plus an optional raw tail (blank line + body). */
function msg(lines: string[], tail = '\r\n'): Buffer {
  return Buffer.from(lines.join('\r\n') + '\r\n' + tail, 'utf8');
}
function options(extra: string[] = [], tail = 'Content-Length: 0\r\n\r\n'): Buffer {
  return msg(['OPTIONS sip:bob@example.com SIP/2.0', ...HEADERS, ...extra], tail);
}
function ok(buf: Buffer, opts: ParseOptions = UDP): SipMessage {
  const r = parseMessage(buf, opts);
  if (!r.ok) throw new Error(`rejected: ${r.status} ${r.reason}`);
  return r.message;
}
function bad(buf: Buffer, opts: ParseOptions = UDP): ParseFailure {
  const r = parseMessage(buf, opts);
  if (r.ok) throw new Error('expected a rejection');
  return r;
}

describe('parseMessage: a typical INVITE', () => {
  it('parses every field', () => {
    const m = ok(TYPICAL_INVITE) as SipRequest;
    expect(m.kind).toBe('request');
    expect(m.method).toBe('INVITE');
    expect(m.uri).toMatchObject({ kind: 'sip', user: '12345', host: 'hotline.example.gov.cn' });
    expect(m.via).toHaveLength(1);
    expect(m.from.displayName).toBe('Zhang San');
    expect(m.cseq).toEqual({ seq: 314159, method: 'INVITE' });
    expect(getHeaderList(m, 'Allow')).toHaveLength(7);
    expect(getHeaderList(m, 'k')).toEqual(['replaces', 'timer']);
    const sdp = parseSdp(m.body);
    expect(sdp.ok).toBe(true);
  });

  it('is in canonical form: parse → serialise reproduces it byte for byte', () => {
    expect(serializeMessage(ok(TYPICAL_INVITE)).equals(TYPICAL_INVITE)).toBe(true);
  });
});

describe('parseMessage: start line', () => {
  it('accepts a case-insensitive version literal and trailing SP after it', () => {
    expect(ok(msg(['OPTIONS sip:bob@example.com sip/2.0  ', ...HEADERS])).kind).toBe('request');
  });
  it('answers 505 to another SIP version, 400 to garbage', () => {
    expect(bad(msg(['OPTIONS sip:bob@example.com SIP/2.1', ...HEADERS]))).toMatchObject({ status: 505, canRespond: true });
    expect(bad(msg(['OPTIONS sip:bob@example.com HTTP/1.1', ...HEADERS]))).toMatchObject({ status: 400 });
    expect(bad(msg(['OPTIONS sip:bob@example.com', ...HEADERS]))).toMatchObject({ status: 400 });
    expect(bad(msg(['OPT IONS sip:bob@example.com SIP/2.0', ...HEADERS]))).toMatchObject({ status: 400 });
    expect(bad(msg(['OPTI<ONS sip:bob@example.com SIP/2.0', ...HEADERS]))).toMatchObject({ status: 400 });
    expect(bad(msg([' OPTIONS sip:bob@example.com SIP/2.0', ...HEADERS]))).toMatchObject({ status: 400 });
  });
  it('parses responses, empty reason included, and drops bad ones', () => {
    const r = ok(msg(['SIP/2.0 180 Ringing', ...HEADERS]));
    expect(r).toMatchObject({ kind: 'response', status: 180, reason: 'Ringing' });
    expect(ok(msg(['SIP/2.0 100', ...HEADERS]))).toMatchObject({ status: 100, reason: '' });
    for (const line of ['SIP/2.0 99 Low', 'SIP/2.0 700 High', 'SIP/2.0 2000 OK', 'SIP/2.0 20x OK', 'SIP/3.0 200 OK', 'SIP/2.0 200 A\x01B']) {
      expect(bad(msg([line, ...HEADERS])).canRespond, line).toBe(false);
    }
  });
  it('refuses headers in the Request-URI', () => {
    expect(bad(msg(['OPTIONS sip:bob@example.com?X=1 SIP/2.0', ...HEADERS])).status).toBe(400);
  });
});

describe('parseMessage: headers', () => {
  it('unfolds continuation lines into one SP', () => {
    const m = ok(options(['Subject: first\r\n   second\r\n\tthird']));
    expect(m.headers.find((h) => h.name === 'Subject')?.value).toBe('first second third');
  });
  it('rejects a continuation line before any header, and a line without a colon', () => {
    expect(bad(msg(['OPTIONS sip:bob@example.com SIP/2.0', ' Via: x', ...HEADERS])).status).toBe(400);
    expect(bad(options(['NoColonHere'])).status).toBe(400);
    expect(bad(options(['Bad Name: x'])).status).toBe(400);
  });
  it('requires To, From, Call-ID, CSeq and Via; Max-Forwards only on request', () => {
    for (let i = 0; i < HEADERS.length; i++) {
      const hs = HEADERS.filter((_, k) => k !== i);
      const r = parseMessage(msg(['OPTIONS sip:bob@example.com SIP/2.0', ...hs]), UDP);
      if (HEADERS[i]!.startsWith('Max-Forwards')) {
        expect(r.ok).toBe(true);
        expect(parseMessage(msg(['OPTIONS sip:bob@example.com SIP/2.0', ...hs]), { transport: 'udp', requireMaxForwards: true }).ok).toBe(false);
      } else {
        expect(r.ok, HEADERS[i]).toBe(false);
        // without Via there is nowhere to send a 400
        if (!r.ok) expect(r.canRespond).toBe(!HEADERS[i]!.startsWith('Via'));
      }
    }
  });
  it('rejects several values of a single-valued header', () => {
    for (const h of ['To: <sip:x@example.com>', 'From: <sip:x@example.com>;tag=2', 'Call-ID: other', 'CSeq: 2 OPTIONS', 'Max-Forwards: 5', 'Expires: 5', 'Content-Type: text/plain']) {
      const extra = h.startsWith('Expires') || h.startsWith('Content-Type') ? [h, h] : [h];
      expect(bad(options(extra)).status, h).toBe(400);
    }
  });
  it('rejects a CSeq method that differs from the request method', () => {
    expect(bad(msg(['INVITE sip:bob@example.com SIP/2.0', ...HEADERS])).reason).toMatch(/CSeq/);
  });
  it('checks Expires and Contact expires against 2^32-1', () => {
    expect(ok(options(['Expires: 4294967295'])).expires).toBe(4294967295);
    expect(bad(options(['Expires: 4294967296'])).status).toBe(400);
    expect(bad(options(['Contact: <sip:a@b.com>;expires=280297596632815'])).status).toBe(400);
  });
  it('handles Contact "*" and lists', () => {
    expect(ok(options(['Contact: *'])).contact).toBe('*');
    expect(bad(options(['Contact: *', 'Contact: <sip:a@b.com>'])).status).toBe(400);
    const m = ok(options(['Contact: "A, B" <sip:a@b.com>;q=0.5, <sip:c,d@e.com>', 'm: sip:f@g.com']));
    expect(m.contact).toHaveLength(3);
  });
  it('splits Route and Record-Route lists and requires <>', () => {
    const m = ok(options(['Route: <sip:p1.example.com;lr>, <sip:p2.example.com;lr>', 'Record-Route: <sip:p3.example.com;lr>']));
    expect(m.route).toHaveLength(2);
    expect(m.recordRoute).toHaveLength(1);
    expect(bad(options(['Route: sip:p1.example.com;lr'])).status).toBe(400);
  });
  it('keeps unknown headers raw and in order, but refuses control characters', () => {
    const m = ok(options(['X-B: 2', 'X-A: 1', 'X-B: 3']));
    expect(m.headers.map((h) => `${h.name}=${h.value}`)).toEqual(['X-B=2', 'X-A=1', 'X-B=3']);
    expect(bad(options(['X-Nul: a\0b'])).status).toBe(400);
    expect(bad(options(['X-Cr: a\rb'])).status).toBe(400);
  });
  it('rejects a header section that is not UTF-8', () => {
    const buf = options(['X-Bin: \xff'.replace('\xff', '@')]);
    buf[buf.indexOf('@')] = 0xff;
    expect(bad(buf).status).toBe(400);
  });
});

describe('parseMessage: body and Content-Length (RFC 3261 §18.3)', () => {
  const body = 'héllo wörld'; // 13 bytes, 11 characters
  it('cuts the body by bytes', () => {
    const m = ok(options([], `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`));
    expect(m.body.toString('utf8')).toBe(body);
    expect(m.body.length).toBe(13);
  });
  it('UDP: ignores trailing octets, takes the rest when Content-Length is absent, rejects a short datagram', () => {
    expect(ok(options([], 'Content-Length: 5\r\n\r\nhello, trailing junk')).body.toString()).toBe('hello');
    expect(ok(options([], `\r\n${body}`)).body.toString()).toBe(body);
    expect(bad(options([], 'Content-Length: 50\r\n\r\nshort'))).toMatchObject({ status: 400, canRespond: true });
  });
  it('WebSocket is message-oriented like UDP (RFC 7118)', () => {
    expect(ok(options([], 'Content-Length: 5\r\n\r\nhello, junk'), { transport: 'ws' }).body.toString()).toBe('hello');
  });
  it('TCP: needs Content-Length for a body and no octets after it', () => {
    expect(ok(options([], 'Content-Length: 5\r\n\r\nhello'), TCP).body.toString()).toBe('hello');
    expect(bad(options([], '\r\nhello'), TCP).status).toBe(400);
    expect(bad(options([], 'Content-Length: 5\r\n\r\nhello!'), TCP).status).toBe(400);
    expect(ok(options([], '\r\n'), TCP).body.length).toBe(0);
  });
  it.each(['-1', 'abc', '1e3', '0x10', '99999999999', '', '5 5'])('rejects Content-Length %j', (v) => {
    expect(bad(options([], `Content-Length: ${v}\r\n\r\nhello`)).status).toBe(400);
  });
  it('rejects two Content-Length headers even when equal', () => {
    expect(bad(options(['l: 5'], 'Content-Length: 5\r\n\r\nhello')).status).toBe(400);
  });
});

describe('parseMessage: framing edge cases', () => {
  it('reports CRLF-only input as a keep-alive', () => {
    expect(bad(Buffer.from('\r\n\r\n'))).toMatchObject({ keepAlive: true, canRespond: false });
    expect(bad(Buffer.from('\r\n'))).toMatchObject({ keepAlive: true });
    expect(bad(Buffer.alloc(0))).toMatchObject({ keepAlive: true });
  });
  it('skips CRLFs before the start line', () => {
    expect(ok(Buffer.concat([Buffer.from('\r\n\r\n'), options()])).kind).toBe('request');
  });
  it('needs CRLF line ends and an empty line', () => {
    expect(bad(Buffer.from(options().toString().replace(/\r\n/g, '\n'))).status).toBe(400);
    expect(bad(options([], 'Content-Length: 0\r\n')).status).toBe(400);
  });
  it('refuses oversized input with 513 before parsing', () => {
    const big = options([`X-Big: ${'a'.repeat(70000)}`]);
    expect(bad(big)).toMatchObject({ status: 513, canRespond: false });
    expect(parseMessage(big, { transport: 'udp', maxMessageBytes: 100_000 }).ok).toBe(true);
  });
  it('never throws, even on input of the wrong type', () => {
    expect(parseMessage('OPTIONS' as unknown as Buffer, UDP).ok).toBe(false);
    expect(parseMessage(null as unknown as Buffer, UDP).ok).toBe(false);
  });
  it('hands back the raw headers of a rejected request so a 400 can be built', () => {
    const f = bad(options(['Expires: x']));
    expect(f.canRespond).toBe(true);
    expect(f.method).toBe('OPTIONS');
    expect(f.rawHeaders?.find((h) => h.name === 'Via')?.value).toBe('SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK74bf9');
  });
});

describe('serializeMessage', () => {
  it('writes canonical names, one header per line, Content-Length from the body', () => {
    const m = ok(msg(['OPTIONS sip:bob@example.com SIP/2.0', 'v: SIP/2.0/UDP a.example.com;branch=z9hG4bK1, SIP/2.0/TCP b.example.com', 'f: sip:alice@example.com;tag=1', 't: sip:bob@example.com', 'i: x@y', 'CSEQ: 1 OPTIONS', 'l: 2'], '\r\nhi'));
    expect(serializeMessage(m).toString()).toBe(
      [
        'OPTIONS sip:bob@example.com SIP/2.0',
        'Via: SIP/2.0/UDP a.example.com;branch=z9hG4bK1',
        'Via: SIP/2.0/TCP b.example.com',
        'From: <sip:alice@example.com>;tag=1',
        'To: <sip:bob@example.com>',
        'Call-ID: x@y',
        'CSeq: 1 OPTIONS',
        'Content-Length: 2',
        '',
        'hi',
      ].join('\r\n'),
    );
  });
  it('keeps binary bodies intact', () => {
    const body = Buffer.from([0, 255, 13, 10, 13, 10, 128]);
    const m = ok(Buffer.concat([options([], `Content-Length: ${body.length}\r\n\r\n`), body]));
    expect(ok(serializeMessage(m), TCP).body.equals(body)).toBe(true);
  });
  it('refuses header injection from programmatic values', () => {
    const m = ok(options());
    expect(() => serializeMessage({ ...m, headers: [{ name: 'X', value: 'a\r\nVia: evil' }] })).toThrow(TypeError);
    expect(() => serializeMessage({ ...m, headers: [{ name: 'X Y', value: 'a' }] })).toThrow(TypeError);
    expect(() => serializeMessage({ ...m, callId: 'a\r\nb' })).toThrow(TypeError);
    expect(() => serializeMessage({ ...(m as SipRequest), method: 'IN VITE' })).toThrow(TypeError);
  });
  it('builds responses that copy the transaction identifiers', () => {
    const req = ok(TYPICAL_INVITE) as SipRequest;
    const r = responseTo(req, 486);
    expect(r.reason).toBe('Busy Here');
    const back = ok(serializeMessage(r));
    expect(back).toMatchObject({ kind: 'response', status: 486, callId: req.callId, cseq: req.cseq });
    expect(back.via).toEqual(req.via);
  });
});
