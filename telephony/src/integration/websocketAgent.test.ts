import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { DigestClient } from '../auth/digestClient.ts';
import { demoAgentPassword } from '../registrar/demoAgents.ts';
import { parseMessage, serializeMessage, responseTo } from '../sip/message.ts';
import type { SipMessage, SipRequest } from '../sip/messageTypes.ts';
import { withParam } from '../sip/params.ts';
import { SipEndpoint } from '../ua/sipEndpoint.ts';
import { testSdp } from '../ua/testPeers.ts';

// A browser-style agent over WebSocket (RFC 7118): it registers from a connection whose Via host
// is a ".invalid" name, so the only way back to it is that very connection. The endpoint must
// answer its REGISTER there, and later deliver a call to extension 8001 over the same socket.

let ep: SipEndpoint | undefined;
let ws: WebSocket | undefined;
afterEach(async () => {
  ws?.close();
  await ep?.close();
});

class WsPhone {
  readonly inbox: SipMessage[] = [];
  #waiters: ((m: SipMessage) => void)[] = [];
  constructor(readonly socket: WebSocket) {
    socket.on('message', (d) => {
      const r = parseMessage(d as Buffer, { transport: 'ws' });
      if (!r.ok) return;
      const w = this.#waiters.shift();
      if (w) w(r.message);
      else this.inbox.push(r.message);
    });
  }
  next(): Promise<SipMessage> {
    const m = this.inbox.shift();
    return m ? Promise.resolve(m) : new Promise((resolve) => this.#waiters.push(resolve));
  }
  send(m: SipMessage): void {
    this.socket.send(serializeMessage(m).toString('utf8'));
  }
}

function register(seq: number, auth?: { name: string; value: string }): SipRequest {
  const r = parseMessage(Buffer.from([
    'REGISTER sip:127.0.0.1 SIP/2.0',
    `Via: SIP/2.0/WS df7jal23ls0d.invalid;branch=z9hG4bKws${seq};rport`,
    'Max-Forwards: 70',
    'From: <sip:8001@127.0.0.1>;tag=w1',
    'To: <sip:8001@127.0.0.1>',
    'Call-ID: ws-reg-1',
    `CSeq: ${seq} REGISTER`,
    'Contact: <sip:a8k2@df7jal23ls0d.invalid;transport=ws>;expires=300',
    ...(auth ? [`${auth.name}: ${auth.value}`] : []),
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n')), { transport: 'ws' });
  if (!r.ok || r.message.kind !== 'request') throw new Error('bad REGISTER');
  return r.message;
}

describe('an agent on a WebSocket', () => {
  it('registers with digest over WS and receives a call over the same connection', async () => {
    ep = new SipEndpoint({ agentPassword: demoAgentPassword });
    const ports = await ep.listen({ host: '127.0.0.1', wsPort: 0 });
    ws = new WebSocket(`ws://127.0.0.1:${ports.ws!}/sip`, 'sip');
    await new Promise((r) => ws!.once('open', r));
    const phone = new WsPhone(ws);

    phone.send(register(1));
    const challenge = await phone.next();
    expect(challenge.kind === 'response' && challenge.status).toBe(401);
    const h = new DigestClient().authorize(register(2), challenge as never, { username: '8001', password: 'Agent@8001' })!;
    phone.send(register(2, h));
    const ok = await phone.next();
    expect(ok.kind === 'response' && ok.status).toBe(200);
    expect(ep.registrar.lookup('8001')[0]!.flow.protocol).toBe('ws');

    const call = await ep.call('8001', { sdp: testSdp() });
    const inv = await phone.next();
    expect(inv.kind === 'request' && inv.method).toBe('INVITE');
    const invite = inv as SipRequest;
    expect(invite.uri).toMatchObject({ host: 'df7jal23ls0d.invalid' });
    const answer = responseTo(invite, 200);
    answer.to = { ...answer.to, params: withParam(answer.to.params, 'tag', 'phone1') };
    answer.contact = [{ uri: { kind: 'sip', scheme: 'sip', user: 'a8k2', host: 'df7jal23ls0d.invalid', params: [{ name: 'transport', value: 'ws' }], headers: [] }, params: [] }];
    phone.send(answer);
    const session = await call.answered;
    const ack = await phone.next();
    expect(ack.kind === 'request' && ack.method).toBe('ACK');
    const bye = session.bye();
    const byeReq = (await phone.next()) as SipRequest;
    expect(byeReq.method).toBe('BYE');
    phone.send(responseTo(byeReq, 200));
    await bye;
  });
});
