import { connect } from 'node:net';
import type { Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { parseMessage } from '../sip/message.ts';
import { parseVia } from '../sip/via.ts';
import { SipEndpoint } from '../ua/sipEndpoint.ts';
import { responseFlow, stampReceived } from './sipStack.ts';
import { selfSignedCert } from './testCerts.ts';

// Each transport end to end: an OPTIONS in over TCP, TLS, WS and WSS gets its 200 back over the
// same connection; stream framing across chunk boundaries; received/rport (RFC 3261 §18.2.1,
// RFC 3581) and the response address rules (§18.2.2).

function options(transport: string, branch: string): string {
  return [
    'OPTIONS sip:12345@127.0.0.1 SIP/2.0',
    `Via: SIP/2.0/${transport} client.invalid;branch=z9hG4bK${branch}`,
    'Max-Forwards: 70',
    'From: <sip:probe@client.invalid>;tag=p1',
    'To: <sip:12345@127.0.0.1>',
    `Call-ID: ${branch}`,
    'CSeq: 1 OPTIONS',
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n');
}

function firstStatus(data: Buffer | string, transport: 'tcp' | 'ws' = 'tcp'): number | undefined {
  const r = parseMessage(Buffer.from(data), { transport });
  return r.ok && r.message.kind === 'response' ? r.message.status : undefined;
}

const eps: SipEndpoint[] = [];
afterEach(async () => {
  await Promise.all(eps.splice(0).map((e) => e.close()));
});

async function endpoint(listen: Parameters<SipEndpoint['listen']>[0]): Promise<Awaited<ReturnType<SipEndpoint['listen']>>> {
  const ep = new SipEndpoint();
  eps.push(ep);
  return ep.listen({ host: '127.0.0.1', ...listen });
}

function readOnce(sock: Socket): Promise<Buffer> {
  return new Promise((resolve) => sock.once('data', resolve));
}

describe('stream and WebSocket transports', () => {
  it('TCP: a request split across chunks is framed and answered on the same connection', async () => {
    const { tcp } = await endpoint({ tcpPort: 0 });
    const sock = connect(tcp!, '127.0.0.1');
    await new Promise((r) => sock.once('connect', r));
    const msg = options('TCP', 'tcp1');
    sock.write(msg.slice(0, 40));
    await new Promise((r) => setTimeout(r, 20));
    const reply = readOnce(sock);
    sock.write(msg.slice(40));
    expect(firstStatus(await reply)).toBe(200);
    sock.destroy();
  });

  it('TCP: a CRLFCRLF keep-alive ping is answered with a CRLF pong (RFC 5626 §3.5.1)', async () => {
    const { tcp } = await endpoint({ tcpPort: 0 });
    const sock = connect(tcp!, '127.0.0.1');
    const reply = readOnce(sock);
    sock.write('\r\n\r\n');
    expect((await reply).toString()).toBe('\r\n');
    sock.destroy();
  });

  it('WebSocket: only the "sip" subprotocol is accepted (RFC 7118 §4), and a message is one SIP message', async () => {
    const { ws } = await endpoint({ wsPort: 0 });
    const client = new WebSocket(`ws://127.0.0.1:${ws!}/sip`, 'sip');
    await new Promise((r) => client.once('open', r));
    expect(client.protocol).toBe('sip');
    const reply = new Promise<Buffer>((resolve) => client.once('message', (d) => resolve(d as Buffer)));
    client.send(options('WS', 'ws1'));
    expect(firstStatus(await reply, 'ws')).toBe(200);
    client.close();
    const plain = new WebSocket(`ws://127.0.0.1:${ws!}/sip`);
    const code = await new Promise<number>((resolve) => plain.once('close', (c) => resolve(c)));
    expect(code).toBe(1008);
  });

  const tls = selfSignedCert();
  if (tls === null) console.warn('openssl not available: skipping the TLS/WSS tests');

  it.skipIf(tls === null)('TLS: OPTIONS over a TLS connection with a self-signed certificate', async () => {
    const ports = await endpoint({ tls: tls!, tlsPort: 0 });
    const sock = tlsConnect({ host: '127.0.0.1', port: ports.tls!, rejectUnauthorized: false });
    await new Promise((r) => sock.once('secureConnect', r));
    const reply = readOnce(sock);
    sock.write(options('TLS', 'tls1'));
    expect(firstStatus(await reply)).toBe(200);
    sock.destroy();
  });

  it.skipIf(tls === null)('WSS: OPTIONS over a secure WebSocket', async () => {
    const ports = await endpoint({ tls: tls!, wssPort: 0 });
    const client = new WebSocket(`wss://127.0.0.1:${ports.wss!}/sip`, 'sip', { rejectUnauthorized: false });
    await new Promise((r) => client.once('open', r));
    const reply = new Promise<Buffer>((resolve) => client.once('message', (d) => resolve(d as Buffer)));
    client.send(options('WSS', 'wss1'));
    expect(firstStatus(await reply, 'ws')).toBe(200);
    client.close();
  });
});

describe('Via received/rport and response routing', () => {
  it('adds received when sent-by is not the source, and fills rport when asked (RFC 3581 §4)', () => {
    const via = parseVia('SIP/2.0/UDP 10.0.0.5:5060;branch=z9hG4bKa;rport')!;
    stampReceived(via, { protocol: 'udp', address: '203.0.113.9', port: 40123 });
    expect(via.params).toEqual([
      { name: 'branch', value: 'z9hG4bKa' },
      { name: 'rport', value: '40123' },
      { name: 'received', value: '203.0.113.9' },
    ]);
    expect(responseFlow(via, { protocol: 'udp', address: '203.0.113.9', port: 40123 })).toEqual({ protocol: 'udp', address: '203.0.113.9', port: 40123 });
  });

  it('without rport, UDP responses go to received and the Via port (§18.2.2)', () => {
    const via = parseVia('SIP/2.0/UDP 10.0.0.5:5070;branch=z9hG4bKa')!;
    stampReceived(via, { protocol: 'udp', address: '203.0.113.9', port: 40123 });
    expect(responseFlow(via, { protocol: 'udp', address: '203.0.113.9', port: 40123 })).toEqual({ protocol: 'udp', address: '203.0.113.9', port: 5070 });
  });

  it('leaves a matching sent-by alone, and answers stream requests on their connection', () => {
    const via = parseVia('SIP/2.0/TCP 127.0.0.1:5070;branch=z9hG4bKa')!;
    const flow = { protocol: 'tcp' as const, address: '127.0.0.1', port: 5070, connectionId: 7 };
    stampReceived(via, flow);
    expect(via.params).toEqual([{ name: 'branch', value: 'z9hG4bKa' }]);
    expect(responseFlow(via, flow)).toBe(flow);
  });
});
