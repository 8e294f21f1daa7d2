import { createSocket } from 'node:dgram';
import type { Socket } from 'node:dgram';
import { parseMessage } from '../sip/message.ts';
import type { SipMessage } from '../sip/messageTypes.ts';

// Test helpers: an SDP offer, and a raw UDP peer that sends hand-written SIP and collects what
// comes back — for the cases a well-behaved UA would never produce.

export function testSdp(port = 40000, dir = 'sendrecv', host = '127.0.0.1'): string {
  return [
    'v=0',
    `o=- 1 1 IN IP4 ${host}`,
    's=-',
    `c=IN IP4 ${host}`,
    't=0 0',
    `m=audio ${port} RTP/AVP 0 8 101`,
    'a=rtpmap:0 PCMU/8000',
    'a=rtpmap:8 PCMA/8000',
    'a=rtpmap:101 telephone-event/8000',
    'a=fmtp:101 0-16',
    `a=${dir}`,
    '',
  ].join('\r\n');
}

export class RawUdpPeer {
  readonly received: SipMessage[] = [];
  readonly #waiters: { pred: (m: SipMessage) => boolean; resolve: (m: SipMessage) => void }[] = [];

  private constructor(
    readonly socket: Socket,
    readonly port: number,
  ) {
    socket.on('message', (data) => {
      const r = parseMessage(data, { transport: 'udp' });
      if (!r.ok) return;
      this.received.push(r.message);
      for (const w of [...this.#waiters]) {
        if (w.pred(r.message)) {
          this.#waiters.splice(this.#waiters.indexOf(w), 1);
          w.resolve(r.message);
        }
      }
    });
  }

  static async open(): Promise<RawUdpPeer> {
    const s = createSocket('udp4');
    await new Promise<void>((resolve) => s.bind(0, '127.0.0.1', () => resolve()));
    return new RawUdpPeer(s, s.address().port);
  }

  send(port: number, text: string | Buffer): void {
    const data = typeof text === 'string' ? Buffer.from(text.replace(/\r?\n/g, '\r\n')) : text;
    this.socket.send(data, port, '127.0.0.1');
  }

  /** The next (or an already received) message matching `pred`, within `ms`. */
  waitFor(pred: (m: SipMessage) => boolean, ms = 2000): Promise<SipMessage> {
    const have = this.received.find(pred);
    if (have !== undefined) return Promise.resolve(have);
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error('timed out waiting for a SIP message')), ms);
      this.#waiters.push({ pred, resolve: (m) => (clearTimeout(t), resolve(m)) });
    });
  }

  statuses(): number[] {
    return this.received.flatMap((m) => (m.kind === 'response' ? [m.status] : []));
  }

  close(): void {
    this.socket.close();
  }
}

/** A minimal INVITE from the raw peer to `to`@127.0.0.1:`port`. */
export function rawInvite(peerPort: number, ourPort: number, opts: { callId: string; to?: string; branch?: string; from?: string }): string {
  return `INVITE sip:${opts.to ?? '12345'}@127.0.0.1:${ourPort} SIP/2.0
Via: SIP/2.0/UDP 127.0.0.1:${peerPort};branch=${opts.branch ?? 'z9hG4bK' + opts.callId};rport
Max-Forwards: 70
From: <sip:${opts.from ?? 'caller'}@127.0.0.1:${peerPort}>;tag=f${opts.callId}
To: <sip:${opts.to ?? '12345'}@127.0.0.1:${ourPort}>
Call-ID: ${opts.callId}
CSeq: 1 INVITE
Contact: <sip:caller@127.0.0.1:${peerPort}>
Content-Length: 0

`;
}
