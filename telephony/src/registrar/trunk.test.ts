import { afterEach, describe, expect, it } from 'vitest';
import { SipEndpoint } from '../ua/sipEndpoint.ts';
import { testSdp } from '../ua/testPeers.ts';
import { demoAgentPassword } from './demoAgents.ts';

// Trunks between two endpoints on loopback: one plays the carrier (a registrar with agent
// credentials), the other registers to it through a digest challenge, keeps it alive with
// OPTIONS and calls out through it; and an engine accepts a carrier's calls by source address.
// (Answering a carrier's 407 on an outbound INVITE is covered in ua/sipEndpoint.test.ts.)

const eps: SipEndpoint[] = [];
afterEach(async () => {
  // the engine first: closing unregisters from the carrier, which must still be there to answer
  for (const e of eps.splice(0).reverse()) await e.close();
});

async function endpoint(opts: ConstructorParameters<typeof SipEndpoint>[0] = {}): Promise<{ ep: SipEndpoint; port: number }> {
  const ep = new SipEndpoint({ timers: { t1: 50, t2: 400, t4: 500 }, ...opts });
  eps.push(ep);
  return { ep, port: (await ep.listen({ host: '127.0.0.1', udpPort: 0 })).udp! };
}

describe('trunks', () => {
  it('registers to the carrier with credentials, keeps alive with OPTIONS, and calls out through it', async () => {
    const { ep: carrier, port } = await endpoint({ agentPassword: demoAgentPassword });
    const bound = new Promise<string>((resolve) => carrier.on('register', (aor) => resolve(aor)));
    const { ep: engine } = await endpoint({
      trunks: [{ name: 'carrier', host: '127.0.0.1', port, username: '8009', password: 'Agent@8009', register: true, registerExpires: 120, allowFrom: ['127.0.0.1'] }],
    });
    engine.startTrunks();
    const granted = await engine.trunkRegistrations[0]!.wait('registered');
    expect(granted).toEqual([120]);
    expect(await bound).toBe('8009');
    expect(carrier.registrar.lookup('8009')).toHaveLength(1);
    await new Promise<void>((resolve) => (engine.pingers[0]!.up === true ? resolve() : engine.pingers[0]!.once('status', () => resolve())));
    expect(engine.pingers[0]!.up).toBe(true);
    expect(engine.trunkRegistrations[0]!.state).toBe('registered');

    carrier.on('invite', (c) => c.answer(testSdp(45000)));
    const out = await engine.call('13800138000', { sdp: testSdp(), trunk: 'carrier' });
    const s = await out.answered;
    expect(s.dialog.remoteUri.uri).toMatchObject({ user: '13800138000' });
    await s.bye();
  });

  it('accepts an INVITE from a configured carrier address without a challenge', async () => {
    const { ep: engine, port } = await endpoint({ trunks: [{ name: 'carrier', host: '127.0.0.1', register: false, allowFrom: ['127.0.0.0/8'], keepAliveSeconds: 0 }] });
    const { ep: carrier } = await endpoint();
    const sources: string[] = [];
    engine.on('invite', (c) => {
      sources.push(c.source.kind);
      c.answer(testSdp());
    });
    const out = await carrier.call(`sip:8001@127.0.0.1:${port}`, { sdp: testSdp(), from: '13900000000' });
    await (await out.answered).bye();
    expect(sources).toEqual(['trunk']);
  });
});
