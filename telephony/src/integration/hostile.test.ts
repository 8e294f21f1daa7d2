import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import type { Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { SipEndpoint } from '../ua/sipEndpoint.ts';
import type { SipEndpointOptions } from '../ua/endpointOptions.ts';
import { TYPICAL_INVITE_TEXT } from '../testing/fixtures.ts';
import { RawUdpPeer, rawInvite } from '../ua/testPeers.ts';

// Malformed or hostile input must never crash or hang the endpoint, nor grow its memory without
// bound: garbage datagrams, half-broken requests (answered 400), oversized messages, floods of
// INVITEs and of transactions (503 + Retry-After past the limits), idle and half-open TCP
// connections, and slowloris on TCP and WebSocket (cut by the message timeout).

const eps: SipEndpoint[] = [];
const peers: RawUdpPeer[] = [];
afterEach(async () => {
  for (const p of peers.splice(0)) p.close();
  await Promise.all(eps.splice(0).map((e) => e.close()));
});

async function endpoint(opts: SipEndpointOptions = {}): Promise<{ ep: SipEndpoint; udp: number; tcp: number; ws: number }> {
  const ep = new SipEndpoint(opts);
  eps.push(ep);
  const p = await ep.listen({ host: '127.0.0.1', udpPort: 0, tcpPort: 0, wsPort: 0 });
  return { ep, udp: p.udp!, tcp: p.tcp!, ws: p.ws! };
}

async function peer(): Promise<RawUdpPeer> {
  const p = await RawUdpPeer.open();
  peers.push(p);
  return p;
}

function options(port: number, branch: string): string {
  return `OPTIONS sip:12345@127.0.0.1 SIP/2.0
Via: SIP/2.0/UDP 127.0.0.1:${port};branch=z9hG4bK${branch};rport
Max-Forwards: 70
From: <sip:probe@127.0.0.1>;tag=p
To: <sip:12345@127.0.0.1>
Call-ID: ${branch}
CSeq: 1 OPTIONS
Content-Length: 0

`;
}

const closed = (s: Socket | WebSocket): Promise<void> => new Promise((r) => s.once('close', () => r()));
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('hostile input', () => {
  it('survives 2000 garbage datagrams and still answers OPTIONS', async () => {
    const { ep, udp } = await endpoint();
    const p = await peer();
    for (let i = 0; i < 2000; i++) p.send(udp, randomBytes(1 + (i % 1400)));
    p.send(udp, 'INVITE sip:x SIP/2.0\r\nVia: \u0000\u0001\r\n\r\n');
    p.send(udp, options(p.port, 'alive'));
    const res = await p.waitFor((m) => m.kind === 'response' && m.callId === 'alive');
    expect(res.kind === 'response' && res.status).toBe(200);
    expect(ep.stack.stats.malformed).toBeGreaterThan(1900);
  });

  it('survives 3000 byte-mutated INVITEs (most still parse) and still answers OPTIONS', async () => {
    const { ep, udp } = await endpoint({ limits: { ringTimeoutMs: 200 } });
    ep.on('invite', (c) => (Math.random() < 0.5 ? c.reject(486) : c.ringing()));
    const p = await peer();
    const base = Buffer.from(TYPICAL_INVITE_TEXT.replace(/198\.51\.100\.7:5060/g, `127.0.0.1:${p.port}`));
    for (let i = 0; i < 3000; i++) {
      const m = Buffer.from(base);
      for (let k = 0; k < 3; k++) m[Math.floor(Math.random() * m.length)] = Math.floor(Math.random() * 256);
      p.send(udp, m);
      if (i % 100 === 99) await sleep(2);
    }
    p.send(udp, options(p.port, 'alive2'));
    await p.waitFor((m) => m.callId === 'alive2', 5000);
    expect(ep.stack.stats.dispatchErrors).toBe(0);
  });

  it('a Via that cannot be answered (port 0, no rport) is not fatal', async () => {
    const { udp } = await endpoint();
    const p = await peer();
    p.send(udp, options(p.port, 'port0').replace(`127.0.0.1:${p.port};branch=z9hG4bKport0;rport`, '127.0.0.1:0;branch=z9hG4bKport0'));
    p.send(udp, rawInvite(p.port, udp, { callId: 'port0inv' }).replace(`127.0.0.1:${p.port};branch=z9hG4bKport0inv;rport`, '127.0.0.1:0;branch=z9hG4bKp0'));
    await sleep(1200); // past Timer G's first retransmissions
    p.send(udp, options(p.port, 'alive3'));
    await p.waitFor((m) => m.callId === 'alive3');
  });

  it('answers a broken request whose Via is readable with 400, copying its headers', async () => {
    const { udp } = await endpoint();
    const p = await peer();
    p.send(udp, options(p.port, 'bad').replace('Max-Forwards: 70', 'Max-Forwards: seventy'));
    const res = await p.waitFor((m) => m.kind === 'response');
    expect(res.kind === 'response' && res.status).toBe(400);
    expect(res.callId).toBe('bad');
  });

  it('drops a message over the size limit on UDP and closes a TCP connection that sends one', async () => {
    const { ep, udp, tcp } = await endpoint({ limits: { maxMessageBytes: 4096 } });
    const p = await peer();
    p.send(udp, options(p.port, 'huge').replace('Content-Length: 0', `X-Pad: ${'a'.repeat(8000)}\nContent-Length: 0`));
    p.send(udp, options(p.port, 'after'));
    await p.waitFor((m) => m.callId === 'after');
    expect(p.received.some((m) => m.callId === 'huge')).toBe(false);
    const sock = connect(tcp, '127.0.0.1');
    sock.on('error', () => undefined);
    const gone = closed(sock);
    sock.write(`INVITE sip:12345@127.0.0.1 SIP/2.0\r\nContent-Length: 100000\r\n\r\n${'x'.repeat(5000)}`);
    await gone;
    await sleep(20);
    expect([...ep.stack.transports.values()].find((t) => t.protocol === 'tcp')).toBeDefined();
  });

  it('a flood of INVITEs with distinct Call-IDs is held to maxDialogs; the rest get 503 + Retry-After', async () => {
    const { ep, udp } = await endpoint({ limits: { maxDialogs: 50, retryAfterSeconds: 7 } });
    ep.on('invite', () => undefined); // offered calls nobody answers: the worst case
    const p = await peer();
    for (let i = 0; i < 300; i++) {
      p.send(udp, rawInvite(p.port, udp, { callId: `flood${i}` }));
      if (i % 25 === 24) await sleep(5);
    }
    await sleep(200);
    // Loopback UDP may drop part of a burst (Timer G resends each 503 until an ACK that never
    // comes, so the peer sees them all in the end): compare against what the endpoint received.
    const rejectedCalls = (): Set<string> => new Set(p.received.filter((m) => m.kind === 'response' && m.status === 503).map((m) => m.callId));
    for (let t = 0; t < 60 && rejectedCalls().size < ep.stack.stats.received - 50; t++) await sleep(50);
    expect(ep.offered.size).toBe(50);
    expect(ep.stack.stats.received).toBeGreaterThan(200);
    expect(rejectedCalls().size).toBe(ep.stack.stats.received - 50);
    const rejected = p.received.filter((m) => m.kind === 'response' && m.status === 503);
    expect(rejected[0]!.headers).toContainEqual({ name: 'Retry-After', value: '7' });
  });

  it('a flood of transactions is held to maxServerTransactions with stateless 503s', async () => {
    const { ep, udp } = await endpoint({ limits: { maxServerTransactions: 100 } });
    const p = await peer();
    for (let i = 0; i < 400; i++) {
      p.send(udp, options(p.port, `t${i}`));
      if (i % 25 === 24) await sleep(5);
    }
    await sleep(200);
    // (loopback UDP may drop some of the burst either way: count what the endpoint received)
    expect(ep.transactions.server.size).toBe(100);
    expect(ep.transactions.rejectedOverload).toBe(ep.stack.stats.received - 100);
    expect(ep.stack.stats.received).toBeGreaterThan(200);
    const r503 = await p.waitFor((m) => m.kind === 'response' && m.status === 503);
    expect(r503.headers).toContainEqual({ name: 'Retry-After', value: '5' });
  });

  it('closes idle (half-open) TCP connections and refuses connections past the cap', async () => {
    const { ep, tcp } = await endpoint({ limits: { connections: { idleTimeoutMs: 200, maxConnections: 3 } } });
    const socks = Array.from({ length: 5 }, () => {
      const s = connect(tcp, '127.0.0.1');
      s.on('error', () => undefined);
      return s;
    });
    const allClosed = Promise.all(socks.map(closed));
    await sleep(50);
    const table = [...ep.stack.transports.values()].find((t) => t.protocol === 'tcp') as unknown as { connections: { size: number } };
    expect(table.connections.size).toBeLessThanOrEqual(3);
    await allClosed;
    await sleep(50);
    expect(table.connections.size).toBe(0);
  });

  it('cuts a TCP slowloris: a message dribbling in is closed after the message timeout', async () => {
    const { tcp } = await endpoint({ limits: { connections: { messageTimeoutMs: 200, idleTimeoutMs: 60_000 } } });
    const sock = connect(tcp, '127.0.0.1');
    sock.on('error', () => undefined);
    const gone = closed(sock);
    const text = options(5060, 'slow');
    let i = 0;
    const drip = setInterval(() => i < text.length && sock.write(text[i++]!), 30);
    await gone;
    clearInterval(drip);
    expect(i).toBeLessThan(text.length);
  });

  it('cuts a WebSocket slowloris, both in the handshake and inside a frame', async () => {
    const { ws } = await endpoint({ limits: { connections: { messageTimeoutMs: 200, idleTimeoutMs: 60_000 } } });
    const raw = connect(ws, '127.0.0.1');
    raw.on('error', () => undefined);
    raw.resume();
    const handshakeGone = closed(raw);
    raw.write('GET /sip HTTP/1.1\r\nHost: x\r\n');
    const t0 = Date.now();
    await handshakeGone;
    expect(Date.now() - t0).toBeLessThan(5000);

    const client = new WebSocket(`ws://127.0.0.1:${ws}/sip`, 'sip');
    await new Promise((r) => client.once('open', r));
    const gone = closed(client);
    // a frame header announcing 100 bytes, then only a trickle of them
    const sock = (client as unknown as { _socket: Socket })._socket;
    sock.write(Buffer.from([0x81, 0xe4, 1, 2, 3, 4]));
    const drip = setInterval(() => sock.write(Buffer.from([0x41])), 50);
    await gone;
    clearInterval(drip);
  });
});
