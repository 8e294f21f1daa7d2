import { describe, expect, it } from 'vitest';
import { DigestClient } from '../auth/digestClient.ts';
import { DigestServer } from '../auth/digestServer.ts';
import type { SipRequest } from '../sip/messageTypes.ts';
import { FakeClock } from '../transaction/clock.ts';
import { request } from '../transaction/testKit.ts';
import { MemoryBindingStore } from './bindingStore.ts';
import { demoAgentPassword } from './demoAgents.ts';
import { Registrar } from './registrar.ts';
import { addressAllowed } from './trunk.ts';

// RFC 3261 §10.3 on a fake clock: challenge then bind, expiry, refresh, 423, Contact "*",
// ownership of the AOR, CSeq ordering, and the per-AOR cap.

const FLOW = { protocol: 'udp' as const, address: '127.0.0.1', port: 5090 };

function setup(): { clock: FakeClock; reg: Registrar } {
  const clock = new FakeClock();
  const auth = new DigestServer({ realm: 'hotline', clock, lookup: demoAgentPassword });
  return { clock, reg: new Registrar({ store: new MemoryBindingStore(), auth, clock }) };
}

let seq = 1;
function register(user: string, contact: string, extra = '', callId = 'reg-1'): SipRequest {
  return request(`REGISTER sip:127.0.0.1 SIP/2.0
Via: SIP/2.0/UDP 127.0.0.1:5090;branch=z9hG4bKr${seq}
From: <sip:${user}@127.0.0.1>;tag=a
To: <sip:${user}@127.0.0.1>
Call-ID: ${callId}
CSeq: ${seq++} REGISTER
Contact: ${contact}
${extra}Content-Length: 0
`);
}

/** Sends `req` through a challenge with `password`, like a phone would. */
async function authed(reg: Registrar, req: SipRequest, user: string, password: string): Promise<ReturnType<Registrar['handle']>> {
  const challenge = await reg.handle(req, FLOW);
  expect(challenge.status).toBe(401);
  const h = new DigestClient().authorize(req, challenge, { username: user, password })!;
  return reg.handle({ ...req, cseq: { ...req.cseq, seq: seq++ }, headers: [...req.headers, h] }, FLOW);
}

describe('Registrar', () => {
  it('challenges, binds with the granted expiry, lists the binding, and forgets it when it expires', async () => {
    const { clock, reg } = setup();
    const changes: number[] = [];
    reg.on('changed', (_aor, b) => changes.push(b.length));
    const res = await authed(reg, register('8001', '<sip:8001@127.0.0.1:5090>', 'Expires: 120\n'), '8001', 'Agent@8001');
    expect(res.status).toBe(200);
    expect(res.contact !== '*' && res.contact[0]!.params).toContainEqual({ name: 'expires', value: '120' });
    expect(reg.lookup('8001')).toHaveLength(1);
    expect(reg.lookup('8001')[0]!.flow).toEqual(FLOW);
    clock.advance(121_000);
    expect(reg.lookup('8001')).toEqual([]);
    expect(changes).toEqual([1]);
  });

  it('answers 423 with Min-Expires to a too-short expiry', async () => {
    const { reg } = setup();
    const res = await authed(reg, register('8002', '<sip:8002@127.0.0.1:5090>;expires=10'), '8002', 'Agent@8002');
    expect(res.status).toBe(423);
    expect(res.headers).toContainEqual({ name: 'Min-Expires', value: '60' });
  });

  it('removes every binding with Contact "*" and Expires 0, and refuses "*" without Expires 0', async () => {
    const { reg } = setup();
    await authed(reg, register('8003', '<sip:8003@127.0.0.1:5090>'), '8003', 'Agent@8003');
    await authed(reg, register('8003', '<sip:8003@127.0.0.1:5091>'), '8003', 'Agent@8003');
    expect(reg.lookup('8003')).toHaveLength(2);
    expect((await authed(reg, register('8003', '*', 'Expires: 5\n'), '8003', 'Agent@8003')).status).toBe(400);
    expect((await authed(reg, register('8003', '*', 'Expires: 0\n'), '8003', 'Agent@8003')).status).toBe(200);
    expect(reg.lookup('8003')).toEqual([]);
  });

  it('refuses a wrong password (challenged again) and another user registering this AOR (403)', async () => {
    const { reg } = setup();
    expect((await authed(reg, register('8004', '<sip:8004@127.0.0.1:5090>'), '8004', 'wrong')).status).toBe(401);
    const req = register('8004', '<sip:8004@127.0.0.1:5090>');
    const ch = await reg.handle(req, FLOW);
    const h = new DigestClient().authorize(req, ch, { username: '8005', password: 'Agent@8005' })!;
    expect((await reg.handle({ ...req, headers: [h] }, FLOW)).status).toBe(403);
  });

  it('refuses an out-of-order refresh (same Call-ID, lower CSeq) with 500', async () => {
    const { reg } = setup();
    await authed(reg, register('8006', '<sip:8006@127.0.0.1:5090>'), '8006', 'Agent@8006');
    const stale = register('8006', '<sip:8006@127.0.0.1:5090>');
    const ch = await reg.handle(stale, FLOW);
    const h = new DigestClient().authorize(stale, ch, { username: '8006', password: 'Agent@8006' })!;
    const res = await reg.handle({ ...stale, cseq: { seq: 1, method: 'REGISTER' }, headers: [h] }, FLOW);
    expect(res.status).toBe(500);
  });

  it('caps the bindings of one AOR', async () => {
    const { reg } = setup();
    for (let i = 0; i < 8; i++) await authed(reg, register('8007', `<sip:8007@127.0.0.1:${6000 + i}>`, '', `c${i}`), '8007', 'Agent@8007');
    expect(reg.lookup('8007')).toHaveLength(reg.maxBindings);
  });
});

describe('trunk source addresses', () => {
  it('matches exact addresses and IPv4 CIDR blocks only', () => {
    expect(addressAllowed('203.0.113.7', ['203.0.113.7'])).toBe(true);
    expect(addressAllowed('203.0.113.7', ['203.0.113.0/24'])).toBe(true);
    expect(addressAllowed('203.0.114.7', ['203.0.113.0/24'])).toBe(false);
    expect(addressAllowed('198.51.100.1', [])).toBe(false);
    expect(addressAllowed('::1', ['::1'])).toBe(true);
  });
});

describe('Registrar.sweep', () => {
  it('announces bindings that expired on their own', async () => {
    const { clock, reg } = setup();
    await authed(reg, register('8008', '<sip:8008@127.0.0.1:5090>', 'Expires: 60\n'), '8008', 'Agent@8008');
    const seen: [string, number][] = [];
    reg.on('changed', (aor, b) => seen.push([aor, b.length]));
    reg.sweep();
    expect(seen).toEqual([]);
    clock.advance(61_000);
    reg.sweep();
    expect(seen).toEqual([['8008', 0]]);
  });
});
