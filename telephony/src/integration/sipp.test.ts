import { afterEach, describe, expect, it } from 'vitest';
import { sdpDirection } from '../dialog/sdpDirection.ts';
import type { IncomingCall } from '../ua/incomingCall.ts';
import { SipEndpoint } from '../ua/sipEndpoint.ts';
import { testSdp } from '../ua/testPeers.ts';
import { runSipp } from './sipp.ts';
import { SIPP_MISSING, freeUdpPort, hasCommand, scenario } from './tools.ts';

// SIPp (sip-tester) against a real SipEndpoint on 127.0.0.1: its built-in uac as callers to the
// hotline (UDP and TCP), our own scenarios for a call the engine places (uas-answer.xml), a call
// the engine hangs up (uac-wait-bye.xml) and an in-dialog REFER transfer (uac-refer.xml).

const haveSipp = hasCommand('sipp');
if (!haveSipp) console.warn(SIPP_MISSING);

let ep: SipEndpoint | undefined;
afterEach(async () => {
  await ep?.close();
  ep = undefined;
});

async function hotline(answer: (call: IncomingCall) => void): Promise<number> {
  ep = new SipEndpoint({ timers: { t1: 200, t2: 1600, t4: 2000 } });
  const ports = await ep.listen({ host: '127.0.0.1', udpPort: 0, tcpPort: 0 });
  ep.on('invite', answer);
  return ports.udp!;
}

describe.skipIf(!haveSipp)('SIPp against the endpoint', () => {
  it('built-in uac: 20 calls at 10/s over UDP, all answered with SDP, BYE from SIPp, zero failures', async () => {
    let offers = 0;
    const port = await hotline((call) => {
      if (call.offer !== undefined) offers++;
      call.ringing();
      call.answer(testSdp(41000));
    });
    const r = await runSipp({ builtin: 'uac', remote: `127.0.0.1:${port}`, service: '12345', localPort: await freeUdpPort(), calls: 20, rate: 10, durationMs: 1000, timeoutSeconds: 30 });
    expect(r.failed, r.output.slice(-2000)).toBe(0);
    expect(r.successful).toBe(20);
    expect(r.exitCode).toBe(0);
    expect(offers).toBe(20);
    expect(ep!.sessions.size).toBe(0);
  }, 60_000);

  it('built-in uac over TCP: 10 calls, zero failures', async () => {
    const port = await hotline((call) => call.answer(testSdp(41000)));
    const tcpPort = [...ep!.stack.transports.values()].find((t) => t.protocol === 'tcp')!.localPort;
    expect(port).toBeGreaterThan(0);
    const r = await runSipp({ builtin: 'uac', remote: `127.0.0.1:${tcpPort}`, service: '12345', localPort: await freeUdpPort(), calls: 10, rate: 10, durationMs: 200, transport: 't1', timeoutSeconds: 30 });
    expect(r.failed, r.output.slice(-2000)).toBe(0);
    expect(r.successful).toBe(10);
  }, 60_000);

  it('the endpoint hangs up after ~1 s: BYE from our side, confirmed by SIPp (uac-wait-bye.xml)', async () => {
    const port = await hotline((call) => {
      const s = call.answer(testSdp(41000));
      call.once('ack', () => setTimeout(() => void s.bye(), 1000));
    });
    const r = await runSipp({ file: scenario('uac-wait-bye.xml'), remote: `127.0.0.1:${port}`, service: '12345', localPort: await freeUdpPort(), calls: 10, rate: 10, timeoutSeconds: 30 });
    expect(r.failed, r.output.slice(-2000)).toBe(0);
    expect(r.successful).toBe(10);
  }, 60_000);

  it('an outbound call from the endpoint to a SIPp UAS: 180, 200 with SDP, our ACK, our BYE answered 200', async () => {
    ep = new SipEndpoint({ timers: { t1: 200, t2: 1600, t4: 2000 } });
    await ep.listen({ host: '127.0.0.1', udpPort: 0 });
    const sippPort = await freeUdpPort();
    const sipp = runSipp({ file: scenario('uas-answer.xml'), localPort: sippPort, calls: 1, timeoutSeconds: 20 });
    await new Promise((r) => setTimeout(r, 500)); // let SIPp bind
    const call = await ep.call(`sip:service@127.0.0.1:${sippPort}`, { sdp: testSdp(43000) });
    const progress: number[] = [];
    call.on('progress', (s) => progress.push(s));
    const session = await call.answered;
    expect(progress).toEqual([180]);
    expect(sdpDirection(session.remoteSdp ?? '')).toBe('sendrecv');
    await new Promise((r) => setTimeout(r, 200));
    await session.bye();
    const r = await sipp;
    expect(r.failed, r.output.slice(-2000)).toBe(0);
    expect(r.successful).toBe(1);
  }, 60_000);

  it('REFER in dialog from SIPp: we answer 202 and NOTIFY 100 then 200 (uac-refer.xml)', async () => {
    const refers: string[] = [];
    const port = await hotline((call) => {
      call.answer(testSdp(41000));
      call.on('refer', (r) => {
        refers.push(r.referTo.uri.kind === 'sip' ? (r.referTo.uri.user ?? '') : '');
        setTimeout(() => void r.notify(200, 'OK'), 100);
      });
    });
    const r = await runSipp({ file: scenario('uac-refer.xml'), remote: `127.0.0.1:${port}`, service: '12345', localPort: await freeUdpPort(), calls: 1, timeoutSeconds: 20 });
    expect(r.failed, r.output.slice(-3000)).toBe(0);
    expect(r.successful).toBe(1);
    expect(refers).toEqual(['8002']);
  }, 60_000);
});
