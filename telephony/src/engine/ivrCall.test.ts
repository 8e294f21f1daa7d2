// SIPp as a caller to 12345 through the built-in default flow, over loopback: INVITE with PCMU +
// telephone-event, ACK, RFC 4733 digits replayed from the pcaps sip-tester ships, BYE. The IVR
// runs on a real SipEndpoint, SipCallPort and RtpSession; prompts come from TextPcmTts (fast).

import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { runSipp } from '../integration/sipp.ts';
import { SIPP_MISSING, freeUdpPort, hasCommand, scenario } from '../integration/tools.ts';
import type { IvrResult } from '../ivr/interpreter.ts';
import { FlowRegistry } from '../ivr/registry.ts';
import { builtinFlowText } from '../ivr/builtinFlows.ts';
import { FakeServices } from '../ivr/testing/fakeServices.ts';
import { WORKDAY_10AM } from '../ivr/testing/harness.ts';
import { TextPcmTts } from '../ivr/testing/textPcm.ts';
import { Pacer } from '../media/pacer.ts';
import { PortAllocator } from '../media/portAllocator.ts';
import { SipEndpoint } from '../ua/sipEndpoint.ts';
import { IvrCallHandler } from './ivrCallHandler.ts';
import type { SipCallPort } from './sipCallPort.ts';

const PCAP_DIR = '/usr/share/sip-tester';
const haveSipp = hasCommand('sipp');
const havePcaps = existsSync(`${PCAP_DIR}/dtmf_2833_1.pcap`) && existsSync(`${PCAP_DIR}/dtmf_2833_pound.pcap`);
if (!haveSipp) console.warn(SIPP_MISSING);
else if (!havePcaps) console.warn(`the RFC 4733 DTMF pcaps of sip-tester are not in ${PCAP_DIR}: skipping the SIPp IVR tests`);

let ep: SipEndpoint | undefined;
let handler: IvrCallHandler | undefined;
afterEach(async () => {
  await handler?.hangupAll();
  handler?.stop();
  await ep?.close();
  ep = undefined;
  handler = undefined;
});

async function ivrHotline(services: FakeServices): Promise<{ port: number; results: Promise<{ result: IvrResult; port: SipCallPort }> }> {
  ep = new SipEndpoint({ timers: { t1: 200, t2: 1600, t4: 2000 } });
  const ports = await ep.listen({ host: '127.0.0.1', udpPort: 0 });
  const flows = new FlowRegistry();
  const loaded = flows.load(builtinFlowText('default'));
  expect(loaded.ok).toBe(true);
  handler = new IvrCallHandler({
    endpoint: ep,
    flows,
    services,
    tts: new TextPcmTts(),
    pacer: new Pacer(),
    ports: new PortAllocator(42000, 42999),
    bindAddress: '127.0.0.1',
    now: () => WORKDAY_10AM,
  });
  handler.start();
  const h = handler;
  const results = new Promise<{ result: IvrResult; port: SipCallPort }>((resolve) => h.once('result', (result, port) => resolve({ result, port })));
  return { port: ports.udp!, results };
}

const nodes = (r: IvrResult): Array<[string, string | undefined]> => r.path.map((s) => [s.node, s.input]);

describe.skipIf(!haveSipp || !havePcaps)('the IVR over SIP with SIPp as the caller', () => {
  it('1 (RFC 4733) at the main menu: the call is enqueued with the caller number from the From header', async () => {
    const services = new FakeServices();
    const { port, results } = await ivrHotline(services);
    const r = await runSipp({ file: scenario('ivr-press-1.xml'), remote: `127.0.0.1:${port}`, service: '12345', localPort: await freeUdpPort(), calls: 1, timeoutSeconds: 20, extra: ['-mp', String(await freeUdpPort())] });
    expect(r.failed, r.output.slice(-3000)).toBe(0);
    expect(r.successful).toBe(1);
    const { result, port: callPort } = await results;
    expect(result.reason).toBe('enqueued');
    expect(nodes(result)).toContainEqual(['mainMenu', '1']);
    expect(nodes(result).map((n) => n[0])).toEqual(['answer', 'welcome', 'mainMenu', 'personHours', 'toAgent']);
    expect(services.enqueued).toHaveLength(1);
    expect(services.enqueued[0]).toMatchObject({ queue: 'general', callerNumber: '13800138000' });
    expect(callPort.callerNumber).toBe('13800138000');
    expect(callPort.calledNumber).toBe('12345');
    expect(callPort.session?.stats.packetsReceived).toBeGreaterThan(0);
    expect(callPort.ended).toBe(true); // SIPp's BYE ended the handed-on call
  }, 40_000);

  it('2, 3, 145678# : self-service, work-order query, lookupWorkOrder gets the digits', async () => {
    const services = new FakeServices();
    services.workOrders.set('145678', { statusText: '已办结', replyText: '已修复。' });
    const { port, results } = await ivrHotline(services);
    const r = await runSipp({ file: scenario('ivr-query.xml'), remote: `127.0.0.1:${port}`, service: '12345', localPort: await freeUdpPort(), calls: 1, timeoutSeconds: 30, extra: ['-mp', String(await freeUdpPort())] });
    expect(r.failed, r.output.slice(-3000)).toBe(0);
    expect(r.successful).toBe(1);
    const { result } = await results;
    expect(result.reason).toBe('hangup'); // SIPp hangs up at the after-query menu
    expect(nodes(result).slice(0, 6)).toEqual([
      ['answer', undefined],
      ['welcome', undefined],
      ['mainMenu', '2'],
      ['selfService', '3'],
      ['queryNumber', '145678'],
      ['queryResult', '145678'],
    ]);
    expect(services.lookups).toEqual(['145678']);
    expect(services.enqueued).toHaveLength(0);
  }, 50_000);
});
