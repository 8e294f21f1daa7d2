import { afterEach, describe, expect, it } from 'vitest';
import type { ReferRequest } from '../dialog/inDialogRequests.ts';
import { sdpDirection } from '../dialog/sdpDirection.ts';
import { demoAgentPassword } from '../registrar/demoAgents.ts';
import type { SipMessage } from '../sip/messageTypes.ts';
import { SipEndpoint } from '../ua/sipEndpoint.ts';
import { testSdp } from '../ua/testPeers.ts';
import { Baresip } from './baresip.ts';
import { BARESIP_MISSING, freeUdpPort, hasCommand } from './tools.ts';

// baresip as agent phone 8001 (demo password Agent@8001) against a real SipEndpoint on loopback:
// it registers through a digest challenge, the endpoint calls it and it auto-answers, the
// endpoint holds and resumes it by re-INVITE, and a transfer started on the phone (its ctrl_tcp
// "transfer" command, i.e. headless) reaches us as an in-dialog REFER that we accept and report.

const haveBaresip = hasCommand('baresip');
if (!haveBaresip) console.warn(BARESIP_MISSING);

let ep: SipEndpoint | undefined;
let phone: Baresip | undefined;
afterEach(async () => {
  await phone?.stop();
  await ep?.close();
  phone = undefined;
  ep = undefined;
});

/** Endpoint + registered baresip; `seen` records every message the endpoint received. */
async function registeredAgent(): Promise<{ seen: SipMessage[]; sent: string[] }> {
  const seen: SipMessage[] = [];
  const sent: string[] = [];
  ep = new SipEndpoint({ agentPassword: demoAgentPassword });
  const ports = await ep.listen({ host: '127.0.0.1', udpPort: 0 });
  const tx = ep.transactions;
  const sendRaw = ep.stack.sendRaw.bind(ep.stack);
  ep.stack.sendRaw = (flow, data) => {
    const m = /^SIP\/2\.0 (\d+)[^]*?\r\nCSeq: \d+ (\w+)/.exec(data.toString('latin1'));
    if (m !== null) sent.push(`${m[1]} ${m[2]}`);
    return sendRaw(flow, data);
  };
  ep.stack.user = {
    onRequest: (r, f) => (seen.push(r), tx.onRequest(r, f)),
    onResponse: (r, f) => (seen.push(r), tx.onResponse(r, f)),
  };
  const registered = new Promise<void>((resolve) => ep!.on('register', (aor, b) => aor === '8001' && b.length > 0 && resolve()));
  phone = await Baresip.start({ sipPort: await freeUdpPort(), ctrlPort: await freeUdpPort(), registrarPort: ports.udp!, extension: '8001', password: 'Agent@8001' });
  await registered;
  return { seen, sent };
}

describe.skipIf(!haveBaresip)('baresip as an agent phone', () => {
  it('registers with digest auth: the first REGISTER is challenged (401), the retry gets 200 and a binding', async () => {
    const { seen, sent } = await registeredAgent();
    const registers = seen.filter((m) => m.kind === 'request' && m.method === 'REGISTER');
    expect(registers.length).toBeGreaterThanOrEqual(2);
    expect(registers[0]!.headers.some((h) => h.name === 'Authorization')).toBe(false);
    expect(registers[1]!.headers.some((h) => h.name === 'Authorization')).toBe(true);
    const bindings = ep!.registrar.lookup('8001');
    expect(bindings).toHaveLength(1);
    expect(bindings[0]!.contact.uri).toMatchObject({ host: '127.0.0.1', port: phone!.opts.sipPort });
    expect(bindings[0]!.contact.uri.kind === 'sip' && bindings[0]!.contact.uri.user).toMatch(/^8001/);
    expect(sent.filter((l) => l.endsWith('REGISTER')).slice(0, 2)).toEqual(['401 REGISTER', '200 REGISTER']);
    await phone!.waitForLog(/200 OK/);
  }, 30_000);

  it('receives a call: auto-answer 200 with SDP, our ACK, hold (sendonly → recvonly), resume, and our BYE gets 200', async () => {
    const { seen } = await registeredAgent();
    const call = await ep!.call('8001', { sdp: testSdp(44000) });
    const session = await call.answered;
    expect(session.remoteSdp).toMatch(/m=audio \d+ RTP\/AVP 0/);
    await phone!.waitForLog(/Call established/);
    const held = await session.hold();
    expect(held.status).toBe(200);
    expect(sdpDirection(held.body)).toBe('recvonly');
    const resumed = await session.resume();
    expect(resumed.status).toBe(200);
    expect(sdpDirection(resumed.body)).toBe('sendrecv');
    const before = seen.length;
    await session.bye();
    const byeOk = seen.slice(before).find((m) => m.kind === 'response' && m.cseq.method === 'BYE');
    expect(byeOk?.kind === 'response' && byeOk.status).toBe(200);
    expect(ep!.sessions.size).toBe(0);
  }, 30_000);

  it('transfer started on the phone arrives as REFER: we send 202 and NOTIFY sipfrag, the phone hangs up', async () => {
    await registeredAgent();
    const call = await ep!.call('8001', { sdp: testSdp(44000) });
    const session = await call.answered;
    await phone!.waitForLog(/Call established/);
    const refer = new Promise<ReferRequest>((resolve) => session.once('refer', resolve));
    const ended = session.wait('terminated');
    await phone!.command('transfer', `sip:8002@127.0.0.1:${[...ep!.stack.transports.values()][0]!.localPort}`);
    const r = await refer;
    expect(r.referTo.uri).toMatchObject({ user: '8002' });
    expect(await r.notify(200, 'OK')).toBe(200);
    expect(await ended).toEqual(['remote-bye']);
  }, 30_000);
});
