import { describe, expect, it } from 'vitest';
import { FakeClock } from '../transaction/clock.ts';
import { request, response } from '../transaction/testKit.ts';
import { parseAuthHeader } from './authHeader.ts';
import { digestResponse } from './digest.ts';
import { DigestClient, isStale } from './digestClient.ts';
import { DigestServer } from './digestServer.ts';
import type { SipRequest, SipResponse } from '../sip/messageTypes.ts';

// RFC 7616 §3.9.1 example (the same A1/A2 rules SIP uses): user Mufasa, password "Circle of Life".
const EXAMPLE = {
  username: 'Mufasa',
  realm: 'http-auth@example.org',
  password: 'Circle of Life',
  method: 'GET',
  uri: '/dir/index.html',
  nonce: '7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v',
  nc: '00000001',
  cnonce: 'f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ',
  qop: 'auth' as const,
};

describe('digest computation', () => {
  it('reproduces the RFC 7616 §3.9.1 MD5 response', () => {
    expect(digestResponse({ ...EXAMPLE, algorithm: 'MD5' })).toBe('8ca523f5e9506fed4657c9700eebdbec');
  });

  it('reproduces the RFC 7616 §3.9.1 SHA-256 response', () => {
    expect(digestResponse({ ...EXAMPLE, algorithm: 'SHA-256' })).toBe('753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1');
  });

  it('parses the RFC 7616 §3.9.1 Authorization header, commas and slashes in quotes included', () => {
    const h = parseAuthHeader(
      'Digest username="Mufasa", realm="http-auth@example.org", uri="/dir/index.html", algorithm=SHA-256, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", nc=00000001, cnonce="f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ", qop=auth, response="753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"',
    );
    expect(h?.params.get('nonce')).toBe(EXAMPLE.nonce);
    expect(h?.params.get('algorithm')).toBe('SHA-256');
    expect(h?.params.get('nc')).toBe('00000001');
  });

  it('rejects malformed lists instead of guessing', () => {
    expect(parseAuthHeader('Digest realm="unterminated')).toBeNull();
    expect(parseAuthHeader('Digest realm="a", realm="b"')).toBeNull();
    expect(parseAuthHeader('Digest')).toBeNull();
  });
});

function register(extra = ''): SipRequest {
  return request(`REGISTER sip:127.0.0.1 SIP/2.0
Via: SIP/2.0/UDP 127.0.0.1:5080;branch=z9hG4bKr1
From: <sip:8001@127.0.0.1>;tag=a
To: <sip:8001@127.0.0.1>
Call-ID: reg1
CSeq: 1 REGISTER
Contact: <sip:8001@127.0.0.1:5080>
${extra}Content-Length: 0
`);
}

function challengeOf(server: DigestServer, stale = false): SipResponse {
  const lines = server.challenges(stale).map((c) => `WWW-Authenticate: ${c}`).join('\n');
  return response(`SIP/2.0 401 Unauthorized
Via: SIP/2.0/UDP 127.0.0.1:5080;branch=z9hG4bKr1
From: <sip:8001@127.0.0.1>;tag=a
To: <sip:8001@127.0.0.1>;tag=b
Call-ID: reg1
CSeq: 1 REGISTER
${lines}
Content-Length: 0
`);
}

function withHeader(req: SipRequest, name: string, value: string): SipRequest {
  return { ...req, headers: [...req.headers, { name, value }] };
}

describe('digest server and client together', () => {
  const clock = new FakeClock();
  const server = new DigestServer({ realm: 'hotline', clock, lookup: (u) => (u === '8001' ? 'Agent@8001' : undefined) });
  const client = new DigestClient();

  it('offers SHA-256 then MD5; the client picks SHA-256 and the server accepts it', async () => {
    const ch = challengeOf(server);
    const h = client.authorize(register(), ch, { username: '8001', password: 'Agent@8001' })!;
    expect(h.name).toBe('Authorization');
    expect(h.value).toContain('algorithm=SHA-256');
    expect(await server.verify(withHeader(register(), h.name, h.value))).toEqual({ ok: true, username: '8001' });
  });

  it('accepts MD5 from a client that only knows MD5', async () => {
    const md5Only = new DigestServer({ realm: 'hotline', clock, algorithms: ['MD5'], lookup: () => 'Agent@8001' });
    const h = client.authorize(register(), challengeOf(md5Only), { username: '8001', password: 'Agent@8001' })!;
    expect(h.value).toContain('algorithm=MD5');
    expect((await md5Only.verify(withHeader(register(), h.name, h.value))).ok).toBe(true);
  });

  it('refuses a wrong password, an unknown user, and a replayed nonce-count', async () => {
    const bad = client.authorize(register(), challengeOf(server), { username: '8001', password: 'nope' })!;
    expect(await server.verify(withHeader(register(), bad.name, bad.value))).toMatchObject({ ok: false, reason: 'wrong' });
    const ghost = client.authorize(register(), challengeOf(server), { username: '9999', password: 'x' })!;
    expect(await server.verify(withHeader(register(), ghost.name, ghost.value))).toMatchObject({ ok: false, reason: 'unknown-user' });
    const good = client.authorize(register(), challengeOf(server), { username: '8001', password: 'Agent@8001' })!;
    const req = withHeader(register(), good.name, good.value);
    expect((await server.verify(req)).ok).toBe(true);
    expect(await server.verify(req)).toMatchObject({ ok: false, reason: 'replay' });
  });

  it('says stale=true for a right answer on an expired nonce, and the client sees it', async () => {
    const ch = challengeOf(server);
    const h = client.authorize(register(), ch, { username: '8001', password: 'Agent@8001' })!;
    clock.advance(301_000);
    expect(await server.verify(withHeader(register(), h.name, h.value))).toEqual({ ok: false, stale: true, reason: 'stale' });
    expect(isStale(challengeOf(server, true))).toBe(true);
  });

  it('refuses a forged nonce and credentials for another Request-URI', async () => {
    const ch = challengeOf(server);
    const h = client.authorize(register(), ch, { username: '8001', password: 'Agent@8001' })!;
    const forged = h.value.replace(/nonce="[^"]+"/, 'nonce="abc.def.ghi"');
    expect(await server.verify(withHeader(register(), h.name, forged))).toMatchObject({ ok: false, reason: 'malformed' });
    const other = { ...register(), uri: { kind: 'sip' as const, scheme: 'sip' as const, host: 'evil.example', params: [], headers: [] } };
    expect(await server.verify(withHeader(other, h.name, h.value))).toMatchObject({ ok: false, reason: 'uri' });
  });

  it('keeps the nonce-count table bounded', () => {
    for (let i = 0; i < server.nonces.maxTracked + 50; i++) server.nonces.commit(`n${i}`, '00000001');
    expect(server.nonces.tracked).toBe(server.nonces.maxTracked);
  });
});
