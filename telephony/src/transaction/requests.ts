import type { SipRequest, SipResponse } from '../sip/messageTypes.ts';

// Requests the transaction layer builds itself from the INVITE they belong to.

/**
 * ACK for a non-2xx final response (RFC 3261 §17.1.1.3): Request-URI, Call-ID, From, CSeq number
 * and Route of the INVITE; To of the response (it carries the tag); a single Via equal to the
 * INVITE's top Via, so it matches the same server transaction.
 */
export function ackForNon2xx(invite: SipRequest, res: SipResponse): SipRequest {
  return {
    kind: 'request',
    method: 'ACK',
    uri: invite.uri,
    via: [invite.via[0]!],
    from: invite.from,
    to: res.to,
    callId: invite.callId,
    cseq: { seq: invite.cseq.seq, method: 'ACK' },
    maxForwards: 70,
    contact: [],
    route: invite.route,
    recordRoute: [],
    headers: [],
    body: Buffer.alloc(0),
  };
}

/**
 * CANCEL for a pending INVITE (RFC 3261 §9.1): same Request-URI, Call-ID, To, From, CSeq number
 * and Route, and a single Via equal to the INVITE's top Via (same branch), so the server finds the
 * INVITE by it (§9.2).
 */
export function cancelFor(invite: SipRequest): SipRequest {
  return {
    kind: 'request',
    method: 'CANCEL',
    uri: invite.uri,
    via: [invite.via[0]!],
    from: invite.from,
    to: invite.to,
    callId: invite.callId,
    cseq: { seq: invite.cseq.seq, method: 'CANCEL' },
    maxForwards: 70,
    contact: [],
    route: invite.route,
    recordRoute: [],
    headers: [],
    body: Buffer.alloc(0),
  };
}
