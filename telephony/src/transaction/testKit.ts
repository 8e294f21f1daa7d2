import { parseMessage } from '../sip/message.ts';
import type { SipMessage, SipRequest, SipResponse } from '../sip/messageTypes.ts';
import type { Flow } from '../transport/types.ts';
import type { MessageSender } from './types.ts';

// Helpers for the transaction and dialog tests: a sender that records what would go on the wire,
// and tiny message builders.

export class RecordingSender implements MessageSender {
  readonly sent: { flow: Flow; msg: SipMessage }[] = [];
  fail = false;

  sendRaw(flow: Flow, data: Buffer): boolean {
    if (this.fail) return false;
    const r = parseMessage(data, { transport: 'udp' });
    if (!r.ok) throw new Error(`sent an unparseable message: ${r.reason}`);
    this.sent.push({ flow, msg: r.message });
    return true;
  }

  /** Start lines of what was sent, e.g. ["INVITE", "ACK", "487"]. */
  get lines(): string[] {
    return this.sent.map(({ msg }) => (msg.kind === 'request' ? msg.method : String(msg.status)));
  }

  clear(): void {
    this.sent.length = 0;
  }
}

export const UDP_PEER: Flow = { protocol: 'udp', address: '192.0.2.10', port: 5060 };
export const TCP_PEER: Flow = { protocol: 'tcp', address: '192.0.2.10', port: 5060, connectionId: 1 };

export function request(text: string): SipRequest {
  const r = parseMessage(Buffer.from(text.replace(/\n/g, '\r\n') + '\r\n'), { transport: 'udp' });
  if (!r.ok || r.message.kind !== 'request') throw new Error(`bad test request: ${r.ok ? 'response' : r.reason}`);
  return r.message;
}

export function response(text: string): SipResponse {
  const r = parseMessage(Buffer.from(text.replace(/\n/g, '\r\n') + '\r\n'), { transport: 'udp' });
  if (!r.ok || r.message.kind !== 'response') throw new Error(`bad test response: ${r.ok ? 'request' : r.reason}`);
  return r.message;
}

export function invite(branch = 'z9hG4bKinv1', method = 'INVITE', toTag = ''): SipRequest {
  return request(`${method} sip:12345@192.0.2.1 SIP/2.0
Via: SIP/2.0/UDP 192.0.2.10:5060;branch=${branch}
Max-Forwards: 70
From: <sip:alice@192.0.2.10>;tag=ft1
To: <sip:12345@192.0.2.1>${toTag === '' ? '' : ';tag=' + toTag}
Call-ID: call-1@192.0.2.10
CSeq: 1 ${method}
Contact: <sip:alice@192.0.2.10:5060>
Content-Length: 0
`);
}

export function responseFor(req: SipRequest, status: number, toTag = 'tt1'): SipResponse {
  return response(`SIP/2.0 ${status} X
Via: SIP/2.0/UDP 192.0.2.1:5060;branch=${req.via[0]!.params.find((p) => p.name === 'branch')!.value}
From: <sip:alice@192.0.2.10>;tag=ft1
To: <sip:12345@192.0.2.1>;tag=${toTag}
Call-ID: ${req.callId}
CSeq: ${req.cseq.seq} ${req.cseq.method}
Content-Length: 0
`);
}
