import { afterEach, describe, expect, it } from 'vitest';
import { IvrCallHandler } from '../engine/ivrCallHandler.ts';
import type { SipCallPort } from '../engine/sipCallPort.ts';
import { builtinFlowText } from '../ivr/builtinFlows.ts';
import type { IvrResult } from '../ivr/interpreter.ts';
import { FakeServices } from '../ivr/testing/fakeServices.ts';
import { WORKDAY_10AM } from '../ivr/testing/harness.ts';
import { TextPcmTts } from '../ivr/testing/textPcm.ts';
import { FlowRegistry } from '../ivr/registry.ts';
import { hasTone } from '../media/goertzel.ts';
import { Mixer } from '../media/mixer.ts';
import { Pacer } from '../media/pacer.ts';
import { PortAllocator } from '../media/portAllocator.ts';
import { RtpSession } from '../media/rtpSession.ts';
import { ToneGenerator } from '../media/sources.ts';
import { demoAgentPassword } from '../registrar/demoAgents.ts';
import { testSdp } from '../ua/testPeers.ts';
import { SipEndpoint } from '../ua/sipEndpoint.ts';
import { callWebRtc, registeredOverWebSocket } from './agentCall.ts';
import { bridgeLegs } from './bridge.ts';
import { answerWebRtc, offerWebRtc } from './negotiate.ts';
import { Listener, waitFor } from './testing/audio.ts';
import { WsPhone } from './testing/wsPhone.ts';
import type { WebRtcMedia } from './webRtcMedia.ts';

// WebRTC legs inside real SIP calls over a WebSocket (RFC 7118), with a werift peer playing the
// browser: a call to 12345 runs the IVR, a call the engine places to a registered agent is
// bridged to an RTP caller, and unusable offers are refused with 488.

let ep: SipEndpoint | undefined;
let handler: IvrCallHandler | undefined;
let phone: WsPhone | undefined;
let pacer: Pacer;
const cleanups: (() => void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) c();
  phone?.close();
  await handler?.hangupAll();
  handler?.stop();
  await ep?.close();
  pacer?.close();
  ep = handler = phone = undefined;
});

async function endpoint(): Promise<string> {
  pacer = new Pacer();
  ep = new SipEndpoint({ agentPassword: demoAgentPassword, timers: { t1: 200, t2: 1600, t4: 2000 } });
  const ports = await ep.listen({ host: '127.0.0.1', wsPort: 0 });
  return `ws://127.0.0.1:${ports.ws!}/sip`;
}

async function hotline(services = new FakeServices()): Promise<{ url: string; results: Promise<{ result: IvrResult; port: SipCallPort }> }> {
  const url = await endpoint();
  const flows = new FlowRegistry();
  expect(flows.load(builtinFlowText('default')).ok).toBe(true);
  handler = new IvrCallHandler({ endpoint: ep!, flows, services, tts: new TextPcmTts(), pacer, ports: new PortAllocator(44000, 44999), bindAddress: '127.0.0.1', now: () => WORKDAY_10AM });
  handler.start();
  const h = handler;
  return { url, results: new Promise((resolve) => h.once('result', (result, port) => resolve({ result, port }))) };
}

function track(m: WebRtcMedia): WebRtcMedia {
  cleanups.push(() => m.close());
  return m;
}

describe('a browser calling the hotline over WebSocket with a WebRTC offer', () => {
  it('is answered with a DTLS-SRTP answer, hears the prompts, and its RFC 4733 digit drives the IVR', async () => {
    const services = new FakeServices();
    const { url, results } = await hotline(services);
    phone = await WsPhone.connect(url);
    const offer = await offerWebRtc({ pacer });
    const browser = track(offer.media);
    const invite = phone.invite('12345', offer.offerSdp);
    const ok = await phone.final(invite.callId, 'INVITE');
    expect(ok.status).toBe(200);
    phone.ack(invite, ok);
    const answer = ok.body.toString('utf8');
    expect(answer).toMatch(/^m=audio \d+ UDP\/TLS\/RTP\/SAVPF 0 8 101\r$/m);
    await offer.accept(answer);
    await browser.whenConnected();
    const heard = new Listener(browser);
    await waitFor(() => heard.last(800)?.some((s) => Math.abs(s) > 100) ?? false, 10_000, 'prompt audio');
    browser.sendDtmf('1');
    const { result, port } = await results;
    expect(result.reason).toBe('enqueued');
    expect(result.path.map((s) => [s.node, s.input])).toContainEqual(['mainMenu', '1']);
    expect(services.enqueued[0]).toMatchObject({ queue: 'general', callerNumber: '8001' });
    expect(port.session).toBeNull();
    expect(port.media?.stats.packetsReceived).toBeGreaterThan(0);

    // The caller hangs up: the BYE ends the call and closes the server's WebRTC leg.
    const media = port.media as WebRtcMedia;
    phone.byeAsCaller(invite, ok);
    expect((await phone.final(invite.callId, 'BYE')).status).toBe(200);
    await waitFor(() => media.closed, 5000, 'the leg to close');
    expect(port.ended).toBe(true);
  });

  it('a leg that fails (ICE, DTLS) ends the call: the IVR sees the hangup and the browser gets a BYE', async () => {
    const { url, results } = await hotline();
    phone = await WsPhone.connect(url);
    const offer = await offerWebRtc({ pacer });
    track(offer.media);
    const invite = phone.invite('12345', offer.offerSdp);
    const ok = await phone.final(invite.callId, 'INVITE');
    phone.ack(invite, ok);
    await offer.accept(ok.body.toString('utf8'));
    await offer.media.whenConnected();
    const port = [...handler!.active][0]!;
    const causes: string[] = [];
    port.onHangup((c) => causes.push(c));
    (port.media as WebRtcMedia).close('failed');
    const bye = await phone.request('BYE');
    phone.respond(bye, 200);
    const { result } = await results;
    expect(result.reason).toBe('hangup');
    expect(port.ended).toBe(true);
    expect(causes).toEqual(['media-failed']);
  });

  it.each([
    ['without a fingerprint', (sdp: string) => sdp.replace(/^a=fingerprint:.*\r\n/gm, '')],
    ['offering only Opus', (sdp: string) => sdp.replace(/^m=audio (\d+) (\S+) .*$/m, 'm=audio $1 $2 111').replace(/^a=rtpmap:(0|8|101) .*\r\n/gm, '').replace(/^a=fmtp:101 .*\r\n/gm, '') + 'a=rtpmap:111 opus/48000/2\r\n'],
    ['without ICE credentials', (sdp: string) => sdp.replace(/^a=ice-(ufrag|pwd):.*\r\n/gm, '')],
  ])('is refused with 488 when its offer comes %s', async (_name, spoil) => {
    const { url } = await hotline();
    phone = await WsPhone.connect(url);
    const offer = await offerWebRtc({ pacer });
    track(offer.media);
    const invite = phone.invite('12345', spoil(offer.offerSdp));
    const res = await phone.final(invite.callId, 'INVITE');
    expect(res.status).toBe(488);
    expect(handler!.active.size).toBe(0);
  });

  it('a plain RTP offer still gets an RTP answer (the WebRTC path does not take it)', async () => {
    const { url } = await hotline();
    phone = await WsPhone.connect(url);
    const invite = phone.invite('12345', testSdp(45000));
    const ok = await phone.final(invite.callId, 'INVITE');
    expect(ok.status).toBe(200);
    expect(ok.body.toString('utf8')).toMatch(/^m=audio \d+ RTP\/AVP /m);
    phone.ack(invite, ok);
    phone.byeAsCaller(invite, ok);
    expect((await phone.final(invite.callId, 'BYE')).status).toBe(200);
  });
});

describe('the engine calling an agent registered over WebSocket', () => {
  it('rings 8001 with a WebRTC offer, and the answered leg is bridged to an RTP caller through a mixer', async () => {
    const url = await endpoint();
    phone = await WsPhone.connect(url);
    await phone.register('Agent@8001');
    expect(registeredOverWebSocket(ep!, '8001')).toBe(true);
    expect(registeredOverWebSocket(ep!, '8002')).toBe(false);

    // The caller: an RTP phone playing 1 kHz into our RTP leg on loopback.
    const ports = new PortAllocator(46000, 46999);
    const callerPhone = await RtpSession.open({ pacer, ports, bindAddress: '127.0.0.1' });
    const callerLeg = await RtpSession.open({ pacer, ports, bindAddress: '127.0.0.1', remote: { address: '127.0.0.1', port: callerPhone.localPort } });
    callerPhone.setRemote({ address: '127.0.0.1', port: callerLeg.localPort });
    cleanups.push(() => (callerPhone.close(), callerLeg.close()));
    callerPhone.play(new ToneGenerator({ frequencies: [1000], amplitude: 8000 }));
    const callerHears = new Listener(callerPhone);

    const agent = await callWebRtc(ep!, '8001', { pacer, fromDisplayName: 'Hotline' });
    track(agent.media);
    const invite = await phone.request('INVITE');
    expect(invite.body.toString('utf8')).toMatch(/^m=audio \d+ UDP\/TLS\/RTP\/SAVPF 0 8 101\r$/m);
    const browserSide = await answerWebRtc(invite.body.toString('utf8'), { pacer });
    const browser = track(browserSide.media);
    phone.answer(invite, browserSide.answerSdp);
    const session = await agent.answered;
    await phone.request('ACK');
    await agent.media.whenConnected();

    const mixer = new Mixer({ pacer });
    cleanups.push(() => mixer.close());
    bridgeLegs(mixer, callerLeg, agent.media, ['caller', 'agent']);
    expect(mixer.participants).toEqual(['caller', 'agent']);
    const browserHears = new Listener(browser);
    browser.play(new ToneGenerator({ frequencies: [1500], amplitude: 8000 }));
    await waitFor(() => hasTone(browserHears.last(1600) ?? [], 1000) && hasTone(callerHears.last(1600) ?? [], 1500), 10_000, 'tones both ways');

    // Our BYE ends the call: the leg closes and the bridge leaves the mixer.
    const bye = session.bye();
    phone.respond(await phone.request('BYE'), 200);
    await bye;
    expect(agent.media.closed).toBe(true);
    expect(mixer.participants).toEqual([]);
    expect(callerLeg.closed).toBe(false);
  });

  it('a call the agent declines closes the offered leg and rejects with the status', async () => {
    const url = await endpoint();
    phone = await WsPhone.connect(url);
    await phone.register('Agent@8001');
    const agent = await callWebRtc(ep!, '8001', { pacer });
    track(agent.media);
    phone.respond(await phone.request('INVITE'), 486);
    await expect(agent.answered).rejects.toMatchObject({ name: 'CallFailedError', status: 486 });
    expect(agent.media.closed).toBe(true);
  });

  it('an answer without a fingerprint is refused: WebRtcError, the call is hung up with BYE', async () => {
    const url = await endpoint();
    phone = await WsPhone.connect(url);
    await phone.register('Agent@8001');
    const agent = await callWebRtc(ep!, '8001', { pacer });
    track(agent.media);
    const invite = await phone.request('INVITE');
    const side = await answerWebRtc(invite.body.toString('utf8'), { pacer });
    track(side.media);
    phone.answer(invite, side.answerSdp.replace(/^a=fingerprint:.*\r\n/gm, ''));
    await expect(agent.answered).rejects.toMatchObject({ name: 'WebRtcError', code: 'NO_FINGERPRINT' });
    const bye = await phone.request('BYE');
    phone.respond(bye, 200);
    expect(agent.media.closed).toBe(true);
  });
});
