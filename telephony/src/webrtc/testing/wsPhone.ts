import { randomBytes } from 'node:crypto';
import { WebSocket } from 'ws';
import { DigestClient } from '../../auth/digestClient.ts';
import { parseMessage, responseTo, serializeMessage } from '../../sip/message.ts';
import type { SipMessage, SipRequest, SipResponse } from '../../sip/messageTypes.ts';
import { withParam } from '../../sip/params.ts';

// A bare SIP user agent over a WebSocket (RFC 7118), the way a browser softphone talks to the
// endpoint: a ".invalid" Via host and Contact, so only this connection leads back to it. Tests
// drive it message by message; media is whatever SDP they hand it.

const HOST = 'wsphone.invalid';
const rand = (): string => randomBytes(6).toString('hex');

function parse(text: string): SipMessage {
  const r = parseMessage(Buffer.from(text), { transport: 'ws' });
  if (!r.ok) throw new Error(`test phone built a bad message: ${r.reason}`);
  return r.message;
}

export class WsPhone {
  readonly #inbox: SipMessage[] = [];
  #waiters: { match: (m: SipMessage) => boolean; resolve: (m: SipMessage) => void }[] = [];
  #cseq = 1;

  private constructor(readonly socket: WebSocket, readonly user: string) {
    socket.on('message', (data) => {
      const r = parseMessage(data as Buffer, { transport: 'ws' });
      if (!r.ok) return;
      const i = this.#waiters.findIndex((w) => w.match(r.message));
      if (i >= 0) this.#waiters.splice(i, 1)[0]!.resolve(r.message);
      else this.#inbox.push(r.message);
    });
  }

  static async connect(url: string, user = '8001'): Promise<WsPhone> {
    const socket = new WebSocket(url, 'sip');
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    return new WsPhone(socket, user);
  }

  /** The next message that matches (default: any), from the inbox or the wire. */
  next(match: (m: SipMessage) => boolean = () => true, timeoutMs = 10_000): Promise<SipMessage> {
    const i = this.#inbox.findIndex(match);
    if (i >= 0) return Promise.resolve(this.#inbox.splice(i, 1)[0]!);
    return new Promise((resolve, reject) => {
      const w = { match, resolve: (m: SipMessage) => (clearTimeout(timer), resolve(m)) };
      const timer = setTimeout(() => {
        this.#waiters = this.#waiters.filter((x) => x !== w);
        reject(new Error('the test phone got no matching SIP message'));
      }, timeoutMs);
      this.#waiters.push(w);
    });
  }

  /** The final response to a request with this Call-ID and CSeq method. */
  async final(callId: string, method: string): Promise<SipResponse> {
    return (await this.next((m) => m.kind === 'response' && m.status >= 200 && m.callId === callId && m.cseq.method === method)) as SipResponse;
  }

  request(method: string): Promise<SipRequest> {
    return this.next((m) => m.kind === 'request' && m.method === method) as Promise<SipRequest>;
  }

  send(m: SipMessage): void {
    this.socket.send(serializeMessage(m).toString('utf8'));
  }

  #request(method: string, uri: string, to: string, callId: string, lines: string[] = [], body = ''): SipRequest {
    const m = parse([
      `${method} ${uri} SIP/2.0`,
      `Via: SIP/2.0/WS ${HOST};branch=z9hG4bK${rand()};rport`,
      'Max-Forwards: 70',
      `From: <sip:${this.user}@127.0.0.1>;tag=${callId.slice(0, 8)}`,
      `To: ${to}`,
      `Call-ID: ${callId}`,
      `CSeq: ${this.#cseq++} ${method}`,
      `Contact: <sip:${this.user}@${HOST};transport=ws>`,
      ...lines,
      ...(body ? ['Content-Type: application/sdp'] : []),
      `Content-Length: ${Buffer.byteLength(body)}`,
      '',
      body,
    ].join('\r\n'));
    return m as SipRequest;
  }

  /** REGISTER with digest (one 401 round), as a browser softphone does. */
  async register(password: string): Promise<void> {
    const callId = `reg-${rand()}`;
    const first = this.#request('REGISTER', 'sip:127.0.0.1', `<sip:${this.user}@127.0.0.1>`, callId, ['Expires: 300']);
    this.send(first);
    const challenge = await this.final(callId, 'REGISTER');
    if (challenge.status !== 401) throw new Error(`REGISTER got ${challenge.status}`);
    const second = this.#request('REGISTER', 'sip:127.0.0.1', `<sip:${this.user}@127.0.0.1>`, callId, ['Expires: 300']);
    second.headers.push(new DigestClient().authorize(second, challenge, { username: this.user, password })!);
    this.send(second);
    const ok = await this.final(callId, 'REGISTER');
    if (ok.status !== 200) throw new Error(`REGISTER got ${ok.status}`);
  }

  /** Sends an INVITE with `sdp` and returns it (await final() for the answer). */
  invite(number: string, sdp: string): SipRequest {
    const inv = this.#request('INVITE', `sip:${number}@127.0.0.1`, `<sip:${number}@127.0.0.1>`, `call-${rand()}`, [], sdp);
    this.send(inv);
    return inv;
  }

  /** ACK for a 2xx to `invite` (a new transaction, RFC 3261 §13.2.2.4). */
  ack(invite: SipRequest, ok: SipResponse): void {
    const ack = { ...invite, method: 'ACK', to: ok.to, cseq: { seq: invite.cseq.seq, method: 'ACK' }, via: [{ ...invite.via[0]!, params: withParam(invite.via[0]!.params, 'branch', `z9hG4bK${rand()}`) }], body: Buffer.alloc(0), headers: [] };
    delete ack.contentType;
    this.send(ack);
  }

  /** BYE in the dialog our INVITE made. */
  byeAsCaller(invite: SipRequest, ok: SipResponse): string {
    const bye = { ...invite, method: 'BYE', to: ok.to, cseq: { seq: this.#cseq++, method: 'BYE' }, via: [{ ...invite.via[0]!, params: withParam(invite.via[0]!.params, 'branch', `z9hG4bK${rand()}`) }], body: Buffer.alloc(0), headers: [] };
    delete bye.contentType;
    this.send(bye);
    return bye.callId;
  }

  /** Answers an INVITE from the engine with 200 and `sdp`; returns our To tag. */
  answer(invite: SipRequest, sdp: string): string {
    const tag = rand();
    const ok = responseTo(invite, 200);
    ok.to = { ...ok.to, params: withParam(ok.to.params, 'tag', tag) };
    ok.contact = [{ uri: { kind: 'sip', scheme: 'sip', user: this.user, host: HOST, params: [{ name: 'transport', value: 'ws' }], headers: [] }, params: [] }];
    ok.body = Buffer.from(sdp);
    ok.contentType = { type: 'application', subtype: 'sdp', params: [] };
    this.send(ok);
    return tag;
  }

  /** Responds to a request (200 to a BYE, 486 to an INVITE…). */
  respond(req: SipRequest, status: number): void {
    const res = responseTo(req, status);
    if (req.method === 'INVITE') res.to = { ...res.to, params: withParam(res.to.params, 'tag', rand()) };
    this.send(res);
  }

  close(): void {
    this.socket.close();
  }
}
