import type { SipRequest, SipResponse } from '../sip/messageTypes.ts';
import type { NameAddr } from '../sip/nameAddr.ts';
import { getParam, hasParam, withParam } from '../sip/params.ts';
import type { Uri } from '../sip/uri.ts';
import type { Via } from '../sip/via.ts';
import type { Flow } from '../transport/types.ts';

// Dialog state (RFC 3261 §12): the Call-ID, the two tags, the CSeq counters, the route set and
// the remote target, plus the Flow we exchange messages over. A UAS builds it from the INVITE
// (§12.1.1), a UAC from the 2xx (§12.1.2); in-dialog requests are built from it (§12.2.1.1).
//
// In-dialog requests go over the dialog's flow — the address the peer actually used — unless a
// route set tells otherwise: like a PBX's "force rport", it reaches agents behind NAT and
// browsers on a WebSocket, whose Contact is not routable.

export interface DialogInit {
  callId: string;
  localTag: string;
  remoteTag: string;
  /** Our address of record (From of our requests), without tag. */
  localUri: NameAddr;
  remoteUri: NameAddr;
  localSeq: number;
  remoteSeq: number | undefined;
  remoteTarget: Uri;
  routeSet: NameAddr[];
  flow: Flow;
}

function stripTag(na: NameAddr): NameAddr {
  return { ...na, params: na.params.filter((p) => p.name !== 'tag') };
}

function tagOf(na: NameAddr): string {
  const t = getParam(na.params, 'tag');
  return typeof t === 'string' ? t : '';
}

export function dialogId(callId: string, localTag: string, remoteTag: string): string {
  return `${callId}|${localTag}|${remoteTag}`;
}

export class Dialog {
  readonly callId: string;
  readonly localTag: string;
  readonly remoteTag: string;
  readonly localUri: NameAddr;
  readonly remoteUri: NameAddr;
  localSeq: number;
  remoteSeq: number | undefined;
  remoteTarget: Uri;
  readonly routeSet: NameAddr[];
  flow: Flow;

  constructor(init: DialogInit) {
    this.callId = init.callId;
    this.localTag = init.localTag;
    this.remoteTag = init.remoteTag;
    this.localUri = init.localUri;
    this.remoteUri = init.remoteUri;
    this.localSeq = init.localSeq;
    this.remoteSeq = init.remoteSeq;
    this.remoteTarget = init.remoteTarget;
    this.routeSet = init.routeSet;
    this.flow = init.flow;
  }

  get id(): string {
    return dialogId(this.callId, this.localTag, this.remoteTag);
  }

  /** §12.1.1: the UAS side, from the INVITE and the tag we put in our response. */
  static asUas(req: SipRequest, localTag: string, flow: Flow): Dialog {
    const contact = req.contact === '*' ? undefined : req.contact[0];
    return new Dialog({
      callId: req.callId,
      localTag,
      remoteTag: tagOf(req.from),
      localUri: stripTag(req.to),
      remoteUri: stripTag(req.from),
      localSeq: Math.floor(Math.random() * 10_000) + 1,
      remoteSeq: req.cseq.seq,
      remoteTarget: contact?.uri ?? req.from.uri,
      routeSet: [...req.recordRoute],
      flow,
    });
  }

  /** §12.1.2: the UAC side, from our INVITE and the response that made the dialog (1xx/2xx). */
  static asUac(req: SipRequest, res: SipResponse, flow: Flow): Dialog {
    const contact = res.contact === '*' ? undefined : res.contact[0];
    return new Dialog({
      callId: req.callId,
      localTag: tagOf(req.from),
      remoteTag: tagOf(res.to),
      localUri: stripTag(req.from),
      remoteUri: stripTag(res.to),
      localSeq: req.cseq.seq,
      remoteSeq: undefined,
      remoteTarget: contact?.uri ?? req.uri,
      routeSet: [...res.recordRoute].reverse(),
      flow,
    });
  }

  /**
   * §12.2.2: a request's CSeq must grow. Returns false (→ 500) for an out-of-order one, and
   * updates the remote target from a target-refresh request (§12.2: re-INVITE, UPDATE).
   */
  acceptRemote(req: SipRequest): boolean {
    if (req.method === 'ACK' || req.method === 'CANCEL') return true;
    if (this.remoteSeq !== undefined && req.cseq.seq < this.remoteSeq) return false;
    this.remoteSeq = req.cseq.seq;
    if (req.method === 'INVITE' && req.contact !== '*' && req.contact[0] !== undefined) this.remoteTarget = req.contact[0].uri;
    return true;
  }

  /** §12.2.1.1: a new in-dialog request. `seq` is given for ACK (the INVITE's number). */
  request(method: string, via: Via, contact: NameAddr, seq?: number): SipRequest {
    const cseq = seq ?? ++this.localSeq;
    let uri = this.remoteTarget;
    let route = this.routeSet;
    const first = route[0];
    if (first !== undefined && !(first.uri.kind === 'sip' && hasParam(first.uri.params, 'lr'))) {
      // strict router (RFC 2543): it goes in the Request-URI, the remote target ends the Route
      uri = first.uri;
      route = [...route.slice(1), { uri: this.remoteTarget, params: [] }];
    }
    return {
      kind: 'request',
      method,
      uri,
      via: [via],
      from: { ...this.localUri, params: withParam(this.localUri.params, 'tag', this.localTag) },
      to: { ...this.remoteUri, params: withParam(this.remoteUri.params, 'tag', this.remoteTag) },
      callId: this.callId,
      cseq: { seq: cseq, method },
      maxForwards: 70,
      contact: method === 'INVITE' || method === 'UPDATE' || method === 'REFER' || method === 'NOTIFY' ? [contact] : [],
      route,
      recordRoute: [],
      headers: [],
      body: Buffer.alloc(0),
    };
  }
}
