import { describe, expect, it } from 'vitest';
import { CORPUS_SKIP_MESSAGE, loadCorpus } from '../testing/corpus.ts';
import { parseMessage } from './message.ts';
import type { SipRequest } from './messageTypes.ts';
import { validateRequest } from './validate.ts';

// validateRequest() against the application-level answers EXPECTATIONS.tsv asks of a UAS.

const corpus = loadCorpus(import.meta.url);

function request(text: string, body = ''): SipRequest {
  const head = text.replace(/\n/g, '\r\n');
  const r = parseMessage(Buffer.from(`${head}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`), { transport: 'udp' });
  if (!r.ok) throw new Error(`rejected: ${r.reason}`);
  if (r.message.kind !== 'request') throw new Error('not a request');
  return r.message;
}

const BASE = `Via: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK1
Max-Forwards: 70
From: <sip:a@example.com>;tag=1
To: <sip:b@example.com>
Call-ID: v1@example.com`;

/** What the table says a UAS answers to each (parseable) request; absent = process it (null). */
const EXPECTED: Record<string, number> = {
  'rfc4475/intmeth.dat': 501, // "unknown method answered 405/501"
  'rfc4475/esc02.dat': 501, // RE%47IST%45R is an unknown method, not REGISTER
  'rfc4475/unkscm.dat': 416,
  'rfc4475/novelsc.dat': 416,
  'rfc4475/bext01.dat': 420,
  'rfc4475/invut.dat': 415,
  'rfc4475/regaut01.dat': 401,
  'rfc4475/sdp01.dat': 406,
};

if (corpus === null) {
  describe.skip(CORPUS_SKIP_MESSAGE, () => {
    it('corpus absent', () => {});
  });
} else {
  describe('validateRequest against EXPECTATIONS.tsv', () => {
    for (const entry of corpus) {
      const r = parseMessage(entry.bytes, { transport: 'udp' });
      if (!r.ok || r.message.kind !== 'request') continue;
      const msg = r.message;
      const expected = EXPECTED[entry.file] ?? null;
      it(`${entry.file} → ${expected ?? 'accept'} (${entry.expectation})`, () => {
        expect(validateRequest(msg)?.status ?? null).toBe(expected);
      });
    }

    it('every status expected here belongs to a request the parser accepts', () => {
      for (const f of Object.keys(EXPECTED)) {
        const e = corpus.find((x) => x.file === f);
        expect(e, f).toBeDefined();
        expect(parseMessage(e!.bytes, { transport: 'udp' }).ok, f).toBe(true);
      }
    });

    it('bext01: 420 lists the unknown option tags in Unsupported', () => {
      const e = corpus.find((x) => x.file === 'rfc4475/bext01.dat')!;
      const r = parseMessage(e.bytes, { transport: 'udp' });
      if (!r.ok || r.message.kind !== 'request') throw new Error('bext01 must parse');
      const err = validateRequest(r.message)!;
      expect(err.headers).toEqual([{ name: 'Unsupported', value: 'nothingSupportsThis, nothingSupportsThisEither' }]);
      // Proxy-Require is for proxies: a UAS that knows both Require tags accepts it
      expect(validateRequest(r.message, { optionTags: ['nothingSupportsThis', 'nothingSupportsThisEither'] })).toBeNull();
    });

    it('invut: 415 carries Accept listing what we take', () => {
      const e = corpus.find((x) => x.file === 'rfc4475/invut.dat')!;
      const r = parseMessage(e.bytes, { transport: 'udp' });
      if (!r.ok || r.message.kind !== 'request') throw new Error('invut must parse');
      const err = validateRequest(r.message)!;
      expect(err.headers[0]?.name).toBe('Accept');
      expect(err.headers[0]?.value).toContain('application/sdp');
    });

    it('zeromf: a UAS processes Max-Forwards 0, a proxy answers 483', () => {
      const e = corpus.find((x) => x.file === 'rfc4475/zeromf.dat')!;
      const r = parseMessage(e.bytes, { transport: 'udp' });
      if (!r.ok || r.message.kind !== 'request') throw new Error('zeromf must parse');
      expect(validateRequest(r.message)).toBeNull();
      expect(validateRequest(r.message, { role: 'proxy' })?.status).toBe(483);
    });
  });
}

describe('validateRequest rules', () => {
  it('answers 405 with Allow for a known method we do not implement', () => {
    const err = validateRequest(request(`PUBLISH sip:b@example.com SIP/2.0\n${BASE}\nCSeq: 1 PUBLISH`));
    expect(err?.status).toBe(405);
    expect(err?.headers[0]?.name).toBe('Allow');
    expect(err?.headers[0]?.value).toContain('INVITE');
  });

  it('never answers ACK', () => {
    expect(validateRequest(request(`ACK nobody:x SIP/2.0\n${BASE}\nCSeq: 1 ACK\nRequire: foo`))).toBeNull();
  });

  it('tel: Request-URIs are served, other schemes get 416', () => {
    expect(validateRequest(request(`OPTIONS tel:+12015550123 SIP/2.0\n${BASE}\nCSeq: 1 OPTIONS`))).toBeNull();
    expect(validateRequest(request(`OPTIONS tel:+12015550123 SIP/2.0\n${BASE}\nCSeq: 1 OPTIONS`), { schemes: ['sip'] })?.status).toBe(416);
  });

  it('requireAuth challenges requests without usable credentials only', () => {
    const bare = request(`REGISTER sip:example.com SIP/2.0\n${BASE}\nCSeq: 1 REGISTER`);
    const digest = request(`REGISTER sip:example.com SIP/2.0\n${BASE}\nCSeq: 1 REGISTER\nAuthorization: Digest username="a", realm="r"`);
    expect(validateRequest(bare)).toBeNull();
    expect(validateRequest(bare, { requireAuth: true })?.status).toBe(401);
    expect(validateRequest(digest, { requireAuth: (r) => r.method === 'REGISTER' })).toBeNull();
  });

  it('a body needs a Content-Type (400) and a known Content-Encoding (415)', () => {
    expect(validateRequest(request(`MESSAGE sip:b@example.com SIP/2.0\n${BASE}\nCSeq: 1 MESSAGE`, 'hi'))?.status).toBe(400);
    const gz = request(`MESSAGE sip:b@example.com SIP/2.0\n${BASE}\nCSeq: 1 MESSAGE\nContent-Type: text/plain\ne: gzip`, 'hi');
    const err = validateRequest(gz);
    expect(err?.status).toBe(415);
    expect(err?.headers[0]?.name).toBe('Accept-Encoding');
  });

  it('406 only when Accept rules out SDP on INVITE/UPDATE (wildcards and q=0 honoured)', () => {
    const inv = (accept: string) => request(`INVITE sip:b@example.com SIP/2.0\n${BASE}\nCSeq: 1 INVITE\nAccept: ${accept}`);
    expect(validateRequest(inv('application/*'))).toBeNull();
    expect(validateRequest(inv('*/*'))).toBeNull();
    expect(validateRequest(inv('text/plain, application/sdp;level=1'))).toBeNull();
    expect(validateRequest(inv('application/sdp;q=0, text/plain'))?.status).toBe(406);
    expect(validateRequest(request(`OPTIONS sip:b@example.com SIP/2.0\n${BASE}\nCSeq: 1 OPTIONS\nAccept: text/plain`))).toBeNull();
  });

  it('CANCEL is not refused for Require (RFC 3261 §8.2.2.3)', () => {
    expect(validateRequest(request(`CANCEL sip:b@example.com SIP/2.0\n${BASE}\nCSeq: 1 CANCEL\nRequire: foo`))).toBeNull();
  });
});
