import { afterEach, describe, expect, it } from 'vitest';
import type { InviteSession } from '../dialog/inviteSession.ts';
import { sdpDirection } from '../dialog/sdpDirection.ts';
import { demoAgentPassword } from '../registrar/demoAgents.ts';
import type { IncomingCall } from './incomingCall.ts';
import { CallFailedError } from './outgoingCall.ts';
import { SipEndpoint } from './sipEndpoint.ts';
import { testSdp } from './testPeers.ts';

// Two endpoints on loopback UDP, one playing the hotline and one a caller: every call feature
// end to end through real sockets, transactions and dialogs.

const open: SipEndpoint[] = [];
async function endpoint(opts: ConstructorParameters<typeof SipEndpoint>[0] = {}): Promise<{ ep: SipEndpoint; port: number }> {
  const ep = new SipEndpoint({ timers: { t1: 50, t2: 400, t4: 500 }, agentPassword: demoAgentPassword, ...opts });
  const ports = await ep.listen({ host: '127.0.0.1', udpPort: 0 });
  open.push(ep);
  return { ep, port: ports.udp! };
}

afterEach(async () => {
  await Promise.all(open.splice(0).map((e) => e.close()));
});

function nextCall(ep: SipEndpoint): Promise<IncomingCall> {
  return new Promise((resolve) => ep.once('invite', resolve));
}

describe('SipEndpoint calls', () => {
  it('a call to 12345 rings, is answered with SDP, confirmed by ACK, and ended by BYE from the caller', async () => {
    const { ep: hotline, port } = await endpoint();
    const { ep: caller } = await endpoint();
    const incoming = nextCall(hotline);
    const out = await caller.call(`sip:12345@127.0.0.1:${port}`, { sdp: testSdp(40000), from: '13800138000' });
    const call = await incoming;
    expect(call.source).toEqual({ kind: 'public', number: '12345' });
    expect(call.offer).toContain('m=audio 40000');
    const progress = new Promise((r) => out.once('progress', (s) => r(s)));
    call.ringing();
    expect(await progress).toBe(180);
    const acked = call.wait('ack');
    call.answer(testSdp(41000));
    const session = await out.answered;
    await acked;
    expect(session.remoteSdp).toContain('m=audio 41000');
    const ended = call.wait('end');
    await session.bye();
    expect(await ended).toEqual(['remote-bye']);
    expect(hotline.sessions.size).toBe(0);
    expect(caller.sessions.size).toBe(0);
  });

  it('183 with SDP gives the caller early media before the answer', async () => {
    const { ep: hotline, port } = await endpoint();
    const { ep: caller } = await endpoint();
    const incoming = nextCall(hotline);
    const out = await caller.call(`sip:12345@127.0.0.1:${port}`, { sdp: testSdp() });
    const call = await incoming;
    const early = new Promise<[number, string | undefined]>((r) => out.once('progress', (s, sdp) => r([s, sdp])));
    call.progress(testSdp(42000));
    const [status, sdp] = await early;
    expect(status).toBe(183);
    expect(sdp).toContain('m=audio 42000');
    call.reject(486);
    await expect(out.answered).rejects.toMatchObject({ status: 486 });
  });

  it('CANCEL while ringing: the caller gets 487 and the callee a cancel event', async () => {
    const { ep: hotline, port } = await endpoint();
    const { ep: caller } = await endpoint();
    const incoming = nextCall(hotline);
    const out = await caller.call(`sip:12345@127.0.0.1:${port}`, { sdp: testSdp() });
    const call = await incoming;
    const cancelled = call.wait('cancel');
    call.ringing();
    await out.wait('progress');
    out.cancel();
    await cancelled;
    await expect(out.answered).rejects.toBeInstanceOf(CallFailedError);
    expect(out.state).toBe('cancelled');
    expect(hotline.offered.size).toBe(0);
  });

  it('hold and resume by re-INVITE: sendonly is answered recvonly, then sendrecv again', async () => {
    const { ep: hotline, port } = await endpoint();
    const { ep: caller } = await endpoint();
    const incoming = nextCall(hotline);
    const out = await caller.call(`sip:12345@127.0.0.1:${port}`, { sdp: testSdp() });
    const call = await incoming;
    const theirs = call.answer(testSdp(41000));
    const ours = await out.answered;
    const offers: (string | undefined)[] = [];
    ours.on('reinvite', (offer) => offers.push(sdpDirection(offer ?? '')));
    const held = await theirs.hold();
    expect(held.status).toBe(200);
    expect(sdpDirection(held.body)).toBe('recvonly');
    expect(sdpDirection(ours.localSdp ?? '')).toBe('recvonly');
    const resumed = await theirs.resume();
    expect(sdpDirection(resumed.body)).toBe('sendrecv');
    expect(offers).toEqual(['sendonly', 'sendrecv']);
    await ours.bye();
  });

  it('REFER: 202, NOTIFY sipfrag progress reaches the referrer, INFO DTMF arrives as dtmf', async () => {
    const { ep: hotline, port } = await endpoint();
    const { ep: caller } = await endpoint();
    const incoming = nextCall(hotline);
    const out = await caller.call(`sip:12345@127.0.0.1:${port}`, { sdp: testSdp() });
    const call = await incoming;
    const theirs: InviteSession = call.answer(testSdp(41000));
    const ours = await out.answered;
    const progress: number[] = [];
    theirs.on('referProgress', (s) => progress.push(s));
    ours.on('refer', (r) => {
      expect(r.referTo.uri).toMatchObject({ user: '8002' });
      void r.notify(200, 'OK');
    });
    expect(await theirs.refer(`sip:8002@127.0.0.1:${port}`)).toBe(202);
    await new Promise((r) => setTimeout(r, 100));
    expect(progress).toEqual([100, 200]);
    const digit = call.wait('dtmf');
    expect(await ours.sendDtmfInfo('5', 120)).toBe(200);
    expect(await digit).toEqual(['5', 120]);
    await ours.bye();
  });

  it('REFER with nobody to handle it is declined with 603', async () => {
    const { ep: hotline, port } = await endpoint();
    const { ep: caller } = await endpoint();
    const incoming = nextCall(hotline);
    const out = await caller.call(`sip:12345@127.0.0.1:${port}`, { sdp: testSdp() });
    const theirs = (await incoming).answer(testSdp(41000));
    await out.answered;
    expect(await theirs.refer('sip:8002@127.0.0.1')).toBe(603);
  });

  it('an unknown caller to a non-public number gets 403; nobody listening gets 480', async () => {
    const { ep: hotline, port } = await endpoint();
    const { ep: caller } = await endpoint();
    hotline.on('invite', (c) => c.answer(testSdp()));
    const out = await caller.call(`sip:9999@127.0.0.1:${port}`, { sdp: testSdp(), from: 'stranger' });
    await expect(out.answered).rejects.toMatchObject({ status: 403 });
    const { ep: deaf, port: deafPort } = await endpoint();
    void deaf;
    const out2 = await caller.call(`sip:12345@127.0.0.1:${deafPort}`, { sdp: testSdp() });
    await expect(out2.answered).rejects.toMatchObject({ status: 480 });
  });

  it('an agent extension calling from elsewhere is challenged (407) and let in with the right password', async () => {
    const { ep: hotline, port } = await endpoint();
    const { ep: agent } = await endpoint({
      trunks: [{ name: 'pbx', host: '127.0.0.1', port: 0, username: '8003', password: 'Agent@8003', register: false, allowFrom: [] }],
    });
    agent.trunks[0]!.port = port;
    hotline.on('invite', (c) => c.answer(testSdp()));
    const out = await agent.call('9999', { sdp: testSdp(), trunk: 'pbx' });
    const s = await out.answered;
    expect(s.state).toBe('confirmed');
    await s.bye();
  });

  it('an unanswered offer is refused with 480 after the ring timeout', async () => {
    const { ep: hotline, port } = await endpoint({ limits: { ringTimeoutMs: 100 } });
    const { ep: caller } = await endpoint();
    hotline.on('invite', () => undefined);
    const out = await caller.call(`sip:12345@127.0.0.1:${port}`, { sdp: testSdp() });
    await expect(out.answered).rejects.toMatchObject({ status: 480 });
    expect(hotline.offered.size).toBe(0);
  });
});
