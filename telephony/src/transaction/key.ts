import type { SipRequest, SipResponse } from '../sip/messageTypes.ts';
import { getParam } from '../sip/params.ts';
import { serializeUri } from '../sip/uri.ts';
import { isRfc3261Branch, viaBranch } from '../sip/via.ts';

// Transaction matching keys.
//
// Server side (RFC 3261 §17.2.3): with an RFC 3261 branch (magic cookie), a request belongs to a
// transaction when branch, sent-by and method match — ACK counting as INVITE, and a CANCEL is
// its own transaction whose INVITE is found by the same key with method INVITE (§9.2). Without
// the cookie (RFC 2543 peers) the request is matched on Request-URI, From tag, Call-ID, CSeq
// number and the top Via. The RFC also compares the To tag; we leave it out, since an ACK for a
// non-2xx carries the tag of our response while the INVITE had none, and the other fields already
// tell transactions apart.
//
// Client side (§17.1.3): the branch of the top Via and the CSeq method of the response.

function sentBy(req: SipRequest): string {
  const v = req.via[0]!;
  return `${v.host.toLowerCase()}:${v.port ?? ''}`;
}

export function serverKey(req: SipRequest, method: string = req.method === 'ACK' ? 'INVITE' : req.method): string {
  const via = req.via[0]!;
  const branch = viaBranch(via);
  if (isRfc3261Branch(branch)) return `${branch}|${sentBy(req)}|${method}`;
  const fromTag = getParam(req.from.params, 'tag') ?? '';
  return `2543|${serializeUri(req.uri)}|${fromTag}|${req.callId}|${req.cseq.seq}|${via.transport}|${sentBy(req)}|${branch ?? ''}|${method}`;
}

export function clientKey(branch: string, method: string): string {
  return `${branch}|${method}`;
}

export function responseClientKey(res: SipResponse): string | undefined {
  const via = res.via[0];
  const branch = via === undefined ? undefined : viaBranch(via);
  return branch === undefined ? undefined : clientKey(branch, res.cseq.method);
}
