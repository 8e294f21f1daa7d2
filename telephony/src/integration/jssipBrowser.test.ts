import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { IvrCallHandler, type IvrCallRecord } from '../engine/ivrCallHandler.ts';
import type { SipCallPort } from '../engine/sipCallPort.ts';
import { builtinFlowText } from '../ivr/builtinFlows.ts';
import type { IvrResult } from '../ivr/interpreter.ts';
import { FlowRegistry } from '../ivr/registry.ts';
import { FakeServices } from '../ivr/testing/fakeServices.ts';
import { WORKDAY_10AM } from '../ivr/testing/harness.ts';
import { hasTone } from '../media/goertzel.ts';
import { Mixer } from '../media/mixer.ts';
import { Pacer } from '../media/pacer.ts';
import { PortAllocator } from '../media/portAllocator.ts';
import { RtpSession } from '../media/rtpSession.ts';
import { ToneGenerator } from '../media/sources.ts';
import { demoAgentPassword } from '../registrar/demoAgents.ts';
import type { TextToSpeech } from '../tts/textToSpeech.ts';
import { SipEndpoint } from '../ua/sipEndpoint.ts';
import { callWebRtc, registeredOverWebSocket } from '../webrtc/agentCall.ts';
import { bridgeLegs } from '../webrtc/bridge.ts';
import { Listener, waitFor } from '../webrtc/testing/audio.ts';
import { CHROMIUM_MISSING, type SoftphoneBrowser, hasChromium, hasEsbuild, startSoftphoneBrowser } from '../webrtc/testing/browser.ts';
import type { WebRtcMedia } from '../webrtc/webRtcMedia.ts';

// The real thing: JsSIP in headless Chromium registers extension 8001 over WebSocket (RFC 7118)
// and talks WebRTC (ICE, DTLS-SRTP) to our SipEndpoint. The fake microphone plays 600 Hz.
//   (i)  the engine rings the agent, bridges the answered leg to an RTP caller playing 1400 Hz:
//        the caller hears 600 Hz, the page's analyser hears 1400 Hz;
//   (ii) the browser calls 12345: the IVR answers and the page hears its prompts (1000 Hz here);
//        one digit goes as RFC 4733 from the browser's RTCDTMFSender and one as SIP INFO, and
//        the IVR walks the menus with them.

const MIC_HZ = 600;
const CALLER_HZ = 1400;
const PROMPT_HZ = 1000;

/** Every prompt is one second of PROMPT_HZ, so the browser can tell it hears the IVR. */
const toneTts: TextToSpeech = {
  engineId: 'tone@1',
  synthesize: async () => Int16Array.from({ length: 8000 }, (_, i) => Math.round(8000 * Math.sin((2 * Math.PI * PROMPT_HZ * i) / 8000))),
};
const haveChromium = hasChromium();
const haveEsbuild = await hasEsbuild();
if (!haveChromium) console.warn(CHROMIUM_MISSING);
else if (!haveEsbuild) console.warn('esbuild is not installed (it comes with the web workspace): skipping the JsSIP browser tests');

interface PageStatus {
  registered: boolean;
  confirmed: boolean;
  ended: string | null;
  log: string[];
}

const phone = <T>(page: Page, expr: string): Promise<T> => page.evaluate(expr) as Promise<T>;
const status = (page: Page): Promise<PageStatus> => phone<PageStatus>(page, 'window.phone.status()');
const dominant = (page: Page): Promise<{ hz: number; db: number } | null> => phone(page, 'window.phone.dominant()');

describe.skipIf(!haveChromium || !haveEsbuild)('JsSIP in headless Chromium against the endpoint', () => {
  let softphone: SoftphoneBrowser;
  let ep: SipEndpoint;
  let handler: IvrCallHandler;
  let pacer: Pacer;
  let wsUrl: string;
  let page: Page | undefined;
  const cleanups: (() => void)[] = [];

  beforeAll(async () => {
    pacer = new Pacer();
    ep = new SipEndpoint({ agentPassword: demoAgentPassword, timers: { t1: 200, t2: 1600, t4: 2000 } });
    const ports = await ep.listen({ host: '127.0.0.1', wsPort: 0 });
    wsUrl = `ws://127.0.0.1:${ports.ws!}/sip`;
    const flows = new FlowRegistry();
    expect(flows.load(builtinFlowText('default')).ok).toBe(true);
    handler = new IvrCallHandler({ endpoint: ep, flows, services: new FakeServices(), tts: toneTts, pacer, ports: new PortAllocator(47000, 47999), bindAddress: '127.0.0.1', now: () => WORKDAY_10AM });
    handler.start();
    softphone = await startSoftphoneBrowser(MIC_HZ);
  });

  afterEach(async () => {
    for (const c of cleanups.splice(0)) c();
    await page?.close();
    page = undefined;
  });

  afterAll(async () => {
    await softphone?.close();
    await handler?.hangupAll();
    handler?.stop();
    await ep?.close();
    pacer?.close();
  });

  async function openPhone(autoAnswer: boolean): Promise<Page> {
    page = await softphone.browser.newPage();
    await page.goto(softphone.pageUrl);
    const p = page;
    await p.evaluate((o) => (globalThis as unknown as { phone: { start(o: unknown): Promise<boolean> } }).phone.start(o), {
      wsUrl,
      uri: 'sip:8001@127.0.0.1',
      password: demoAgentPassword('8001'),
      autoAnswer,
    });
    return p;
  }

  it('(i) the engine rings agent 8001 in the browser and bridges it to an RTP caller: tones heard both ways', async () => {
    const page = await openPhone(true);
    expect(registeredOverWebSocket(ep, '8001')).toBe(true);

    const ports = new PortAllocator(48000, 48999);
    const callerPhone = await RtpSession.open({ pacer, ports, bindAddress: '127.0.0.1' });
    const callerLeg = await RtpSession.open({ pacer, ports, bindAddress: '127.0.0.1', remote: { address: '127.0.0.1', port: callerPhone.localPort } });
    callerPhone.setRemote({ address: '127.0.0.1', port: callerLeg.localPort });
    const mixer = new Mixer({ pacer });
    cleanups.push(() => (mixer.close(), callerPhone.close(), callerLeg.close()));
    callerPhone.play(new ToneGenerator({ frequencies: [CALLER_HZ], amplitude: 8000 }));
    const callerHears = new Listener(callerPhone);

    const agent = await callWebRtc(ep, '8001', { pacer, from: '12345', fromDisplayName: 'Hotline' });
    cleanups.push(() => agent.media.close());
    await agent.answered;
    await agent.media.whenConnected();
    expect(agent.media.codec).toBe('PCMU');
    bridgeLegs(mixer, callerLeg, agent.media);

    await waitFor(() => hasTone(callerHears.last(1600) ?? [], MIC_HZ), 10_000, 'the browser microphone tone at the RTP caller');
    await waitFor(async () => Math.abs(((await dominant(page))?.hz ?? 0) - CALLER_HZ) < 25, 10_000, 'the caller tone in the browser');
    expect(agent.media.stats.packetsReceived).toBeGreaterThan(0);
    expect(agent.media.stats.unknownPayloadType).toBe(0);

    await agent.hangup();
    await waitFor(async () => (await status(page)).ended !== null, 5000, 'the browser to see the BYE');
    expect((await status(page)).ended).toMatch(/^ended:/);
    expect(mixer.participants).toEqual([]);
  }, 30_000);

  it('(ii) the browser calls 12345: the IVR answers over WebRTC and takes an RFC 4733 digit and an INFO digit', async () => {
    const page = await openPhone(false);
    const started = new Promise<IvrCallRecord>((resolve) => handler.once('call', resolve));
    const results = new Promise<{ result: IvrResult; port: SipCallPort }>((resolve) => handler.once('result', (result, port) => resolve({ result, port })));
    await phone(page, "window.phone.call('sip:12345@127.0.0.1')");
    const record = await started;
    await waitFor(async () => (await status(page)).confirmed, 10_000, 'the call to be confirmed');
    const media = record.port.media as WebRtcMedia;
    expect(media.constructor.name).toBe('WebRtcMedia');
    await media.whenConnected();
    const viaRtp: string[] = [];
    media.on('dtmf', (d, via) => viaRtp.push(`${d}:${via}`));
    await waitFor(async () => Math.abs(((await dominant(page))?.hz ?? 0) - PROMPT_HZ) < 25, 10_000, 'the prompt in the browser');

    await phone(page, "window.phone.sendDtmf('2', 'RFC2833')");
    await waitFor(() => viaRtp.length > 0, 5000, 'the RFC 4733 digit');
    await phone(page, "window.phone.sendDtmf('3', 'INFO')");
    await waitFor(() => record.interpreter.path.some((s) => s.node === 'selfService' && s.input === '3'), 10_000, 'the IVR to take 3');
    await phone(page, 'window.phone.hangup()');
    const { result } = await results;
    expect(viaRtp).toEqual(['2:rfc4733']);
    expect(result.path.map((s) => [s.node, s.input]).slice(0, 4)).toEqual([
      ['answer', undefined],
      ['welcome', undefined],
      ['mainMenu', '2'],
      ['selfService', '3'],
    ]);
    expect(result.reason).toBe('hangup');
    expect(media.closed).toBe(true);
  }, 30_000);
});
