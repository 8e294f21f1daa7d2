import { beforeEach, describe, expect, it } from 'vitest';
import { responseTo } from '../sip/message.ts';
import type { SipRequest } from '../sip/messageTypes.ts';
import { FakeClock } from './clock.ts';
import { RecordingSender, UDP_PEER, invite, request } from './testKit.ts';
import { DEFAULT_TIMERS } from './timers.ts';
import type { ServerTransaction } from './transactionLayer.ts';
import { TransactionLayer, withToTag } from './transactionLayer.ts';

// Matching (RFC 3261 §17.2.3, with the RFC 2543 fallback), CANCEL (§9.2), ACK routing, and the
// overload bound, through the layer as the stack drives it.

let clock: FakeClock;
let sender: RecordingSender;
let layer: TransactionLayer;
let tu: { requests: SipRequest[]; acks: SipRequest[]; cancels: number; st: ServerTransaction[] };

beforeEach(() => {
  clock = new FakeClock();
  sender = new RecordingSender();
  layer = new TransactionLayer(sender, { clock, timers: DEFAULT_TIMERS }, { maxServerTransactions: 3 });
  tu = { requests: [], acks: [], cancels: 0, st: [] };
  layer.tu = {
    onRequest: (r, st) => (tu.requests.push(r), tu.st.push(st)),
    onAck: (a) => void tu.acks.push(a),
    onCancel: () => void tu.cancels++,
    onStray2xx: () => undefined,
  };
});

function ack(branch: string, toTag = 'x'): SipRequest {
  const a = invite(branch, 'ACK', toTag);
  return a;
}

describe('transaction layer', () => {
  it('sends 100 Trying at once, passes the INVITE up once, and absorbs its retransmission', () => {
    layer.onRequest(invite(), UDP_PEER);
    layer.onRequest(invite(), UDP_PEER);
    expect(tu.requests).toHaveLength(1);
    expect(sender.lines).toEqual(['100', '100']);
  });

  it('CANCEL matching a pending INVITE gets 200, the INVITE 487, and the TU hears of it (§9.2)', () => {
    layer.onRequest(invite(), UDP_PEER);
    layer.onRequest(invite('z9hG4bKinv1', 'CANCEL'), UDP_PEER);
    expect(sender.lines).toEqual(['100', '200', '487']);
    expect(tu.cancels).toBe(1);
    const r487 = sender.sent[2]!.msg;
    expect(r487.kind === 'response' && r487.cseq.method).toBe('INVITE');
    layer.onRequest(ack('z9hG4bKinv1'), UDP_PEER); // ACK for the 487 is absorbed
    expect(tu.acks).toEqual([]);
  });

  it('CANCEL matching nothing gets 481', () => {
    layer.onRequest(invite('z9hG4bKother', 'CANCEL'), UDP_PEER);
    expect(sender.lines).toEqual(['481']);
  });

  it('an ACK for a 2xx reaches the TU (it belongs to the dialog)', () => {
    layer.onRequest(invite(), UDP_PEER);
    tu.st[0]!.respond(withToTag(responseTo(tu.requests[0]!, 200), 'x'));
    layer.onRequest(ack('z9hG4bKnew'), UDP_PEER);
    expect(tu.acks).toHaveLength(1);
  });

  it('matches RFC 2543 requests (no magic cookie) by their fields, ACK included (§17.2.3)', () => {
    const old = (method: string, toTag = ''): SipRequest =>
      request(`${method} sip:12345@192.0.2.1 SIP/2.0
Via: SIP/2.0/UDP 192.0.2.10:5060
From: <sip:alice@192.0.2.10>;tag=ft1
To: <sip:12345@192.0.2.1>${toTag}
Call-ID: old-1@192.0.2.10
CSeq: 7 ${method}
Content-Length: 0
`);
    layer.onRequest(old('INVITE'), UDP_PEER);
    layer.onRequest(old('INVITE'), UDP_PEER);
    expect(tu.requests).toHaveLength(1);
    tu.st[0]!.respond(withToTag(responseTo(tu.requests[0]!, 486), 'y'));
    layer.onRequest(old('ACK', ';tag=y'), UDP_PEER);
    expect(tu.acks).toEqual([]);
    expect(tu.st[0]!.state).toBe('confirmed');
  });

  it('beyond maxServerTransactions, new requests get a stateless 503 with Retry-After', () => {
    for (let i = 0; i < 5; i++) layer.onRequest(invite(`z9hG4bKo${i}`, 'OPTIONS'), UDP_PEER);
    expect(tu.requests).toHaveLength(3);
    expect(layer.rejectedOverload).toBe(2);
    const last = sender.sent.at(-1)!.msg;
    expect(last.kind === 'response' && last.status).toBe(503);
    expect(last.headers).toContainEqual({ name: 'Retry-After', value: '5' });
  });

  it('forgets terminated transactions, so the table shrinks back', () => {
    layer.onRequest(invite('z9hG4bKb1', 'OPTIONS'), UDP_PEER);
    tu.st[0]!.respond(withToTag(responseTo(tu.requests[0]!, 200), 'x'));
    expect(layer.server.size).toBe(1);
    clock.advance(32_000);
    expect(layer.server.size).toBe(0);
    expect(clock.pendingCount).toBe(0);
  });
});
