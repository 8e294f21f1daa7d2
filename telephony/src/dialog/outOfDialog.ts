import type { RawHeader, SipRequest } from '../sip/messageTypes.ts';
import type { NameAddr } from '../sip/nameAddr.ts';
import type { Uri } from '../sip/uri.ts';
import type { Via } from '../sip/via.ts';

// A request outside any dialog (RFC 3261 §8.1.1): Request-URI, To, From with a fresh tag, a new
// Call-ID (or the registration's, §10.2.4), CSeq, Max-Forwards 70 and our Via.

export interface OutOfDialogInit {
  method: string;
  uri: Uri;
  from: NameAddr;
  fromTag: string;
  to: NameAddr;
  callId: string;
  seq: number;
  via: Via;
  contact?: NameAddr;
  headers?: RawHeader[];
  expires?: number;
}

export function outOfDialogRequest(i: OutOfDialogInit): SipRequest {
  return {
    kind: 'request',
    method: i.method,
    uri: i.uri,
    via: [i.via],
    from: { ...i.from, params: [...i.from.params.filter((p) => p.name !== 'tag'), { name: 'tag', value: i.fromTag }] },
    to: i.to,
    callId: i.callId,
    cseq: { seq: i.seq, method: i.method },
    maxForwards: 70,
    contact: i.contact === undefined ? [] : [i.contact],
    route: [],
    recordRoute: [],
    expires: i.expires,
    headers: i.headers ?? [],
    body: Buffer.alloc(0),
  };
}

export function sipUri(user: string | undefined, host: string, port?: number, params: { name: string; value: string | null }[] = []): Uri {
  return { kind: 'sip', scheme: 'sip', user, host, port, params, headers: [] };
}
