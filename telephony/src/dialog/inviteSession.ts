import { parseMediaType } from '../sip/mediaType.ts';
import { serializeMessage } from '../sip/message.ts';
import { serializeUri } from '../sip/uri.ts';
import type { RawHeader, SipRequest, SipResponse } from '../sip/messageTypes.ts';
import type { Direction } from '../sdp/sdp.ts';
import { DigestClient } from '../auth/digestClient.ts';
import { awaitFinal } from '../transaction/awaitFinal.ts';
import type { InviteServerTransaction } from '../transaction/inviteServer.ts';
import type { ServerTransaction } from '../transaction/transactionLayer.ts';
import { newBranch } from '../transport/sipStack.ts';
import type { Flow } from '../transport/types.ts';
import type { Dialog } from './dialog.ts';
import { Emitter } from './emitter.ts';
import { dtmfRelayBody } from './inDialogBodies.ts';
import { handleInDialog } from './inDialogRequests.ts';
import type { ReferRequest } from './inDialogRequests.ts';
import { sendReinvite } from './reinvite.ts';
import { withDirection } from './sdpDirection.ts';
import type { SessionOptions, SessionServices, TerminationReason } from './services.ts';
import { TwoXxRetransmitter } from './twoXxRetransmitter.ts';

// An INVITE dialog usage — one call leg once answered (RFC 3261 §13–15, RFC 3515 REFER): ACK
// handling and 2xx retransmission, BYE in both directions, re-INVITE for hold/resume, INFO DTMF,
// REFER with NOTIFY progress. The session owns its dialog; the endpoint owns the sessions and
// routes in-dialog requests to them; closing a session ends it with BYE.

export type SessionEvents = {
  /** The 2xx was acknowledged (UAS) or we acknowledged it (UAC). The ACK's SDP if it had one. */
  confirmed: [ackSdp: string | undefined];
  /** The peer re-INVITEd: its offer (if any) and the answer we gave. */
  reinvite: [offer: string | undefined, answer: string | undefined];
  refer: [refer: ReferRequest];
  /** A NOTIFY about a REFER we sent (RFC 3515 §2.4.4): the sipfrag status. */
  referProgress: [status: number, reason: string];
  dtmf: [digit: string, durationMs: number];
  info: [req: SipRequest];
  terminated: [reason: TerminationReason];
};

export interface RequestOptions {
  body?: string;
  contentType?: string;
  headers?: RawHeader[];
}

export class InviteSession extends Emitter<SessionEvents> {
  state: 'confirming' | 'confirmed' | 'terminated' = 'confirming';
  localSdp: string | undefined;
  remoteSdp: string | undefined;
  readonly retransmitter: TwoXxRetransmitter;
  readonly digest = new DigestClient();
  /** Set while our re-INVITE is in progress (glare → 491, RFC 3261 §14.2). */
  reinviting = false;
  #lastAck: { seq: number; bytes: Buffer } | undefined;

  constructor(
    readonly dialog: Dialog,
    readonly services: SessionServices,
    readonly options: SessionOptions = {},
  ) {
    super();
    this.localSdp = options.localSdp;
    this.remoteSdp = options.remoteSdp;
    this.retransmitter = new TwoXxRetransmitter(services.ctx);
  }

  get id(): string {
    return this.dialog.id;
  }

  /** UAS: send the 2xx to the initial INVITE and keep it going until the ACK (§13.3.1.4). */
  acceptInitial(st: InviteServerTransaction, res: SipResponse): void {
    this.retransmitter.start(st, res, () => {
      if (this.state === 'terminated') return;
      void this.bye('ack-timeout');
    });
  }

  /** UAC: acknowledge a 2xx (§13.2.2.4) — again for each retransmission of it. */
  ack(res: SipResponse, body?: string): void {
    if (this.state === 'terminated') return;
    const seq = res.cseq.seq;
    if (this.#lastAck?.seq !== seq) {
      const ack = this.dialog.request('ACK', this.services.stack.via(this.dialog.flow.protocol), this.contact(), seq);
      if (body !== undefined) setBody(ack, body, 'application/sdp');
      this.#lastAck = { seq, bytes: serializeMessage(ack) };
    }
    this.services.stack.sendRaw(this.target(), this.#lastAck.bytes);
    this.#confirm(undefined);
  }

  /** An ACK for a 2xx of ours arrived. */
  onAck(ack: SipRequest): void {
    if (!this.retransmitter.ack(ack.cseq.seq)) return;
    const sdp = ack.body.length > 0 ? ack.body.toString('utf8') : undefined;
    if (sdp !== undefined) this.remoteSdp = sdp;
    this.#confirm(sdp);
  }

  #confirm(sdp: string | undefined): void {
    if (this.state !== 'confirming') return;
    this.state = 'confirmed';
    this.emit('confirmed', sdp);
  }

  /** A request inside this dialog (the endpoint matched it by Call-ID and tags). */
  handleRequest(req: SipRequest, st: ServerTransaction): void {
    handleInDialog(this, req, st);
  }

  /** Hangs up: BYE (§15.1.1). Resolves when the peer answered it or the transaction gave up. */
  async bye(reason: TerminationReason = 'local-bye'): Promise<void> {
    if (this.state === 'terminated') return;
    this.end(reason);
    await this.request('BYE');
  }

  /** Sends a re-INVITE with `sdp`; resolves with the final response (ACKed when 2xx). */
  reinvite(sdp: string): Promise<SipResponse> {
    return sendReinvite(this, sdp);
  }

  /** Puts the peer on hold: a=sendonly (RFC 3264 §8.4). */
  hold(dir: Direction = 'sendonly'): Promise<SipResponse> {
    return this.reinvite(withDirection(this.#requireSdp(), dir));
  }

  resume(): Promise<SipResponse> {
    return this.reinvite(withDirection(this.#requireSdp(), 'sendrecv'));
  }

  /** Asks the peer to call `target` (RFC 3515); resolves with the REFER's final status. */
  async refer(target: string): Promise<number> {
    const headers = [
      { name: 'Refer-To', value: `<${target}>` },
      { name: 'Referred-By', value: `<${serializeUri(this.dialog.localUri.uri)}>` },
    ];
    return (await this.request('REFER', { headers })).status;
  }

  /** DTMF by SIP INFO (application/dtmf-relay), for peers without RFC 4733. */
  async sendDtmfInfo(digit: string, durationMs = 160): Promise<number> {
    return (await this.request('INFO', { body: dtmfRelayBody(digit, durationMs), contentType: 'application/dtmf-relay' })).status;
  }

  /** Any non-INVITE in-dialog request; answers one digest challenge when credentials are set. */
  async request(method: string, opts: RequestOptions = {}): Promise<SipResponse> {
    let req = this.buildRequest(method, opts);
    let { response } = await awaitFinal(this.services.transactions, req, this.target());
    const creds = this.options.credentials;
    if ((response.status === 401 || response.status === 407) && creds !== undefined) {
      const h = this.digest.authorize(req, response, creds);
      if (h !== null) {
        req = this.buildRequest(method, { ...opts, headers: [...(opts.headers ?? []), h] });
        ({ response } = await awaitFinal(this.services.transactions, req, this.target()));
      }
    }
    return response;
  }

  buildRequest(method: string, opts: RequestOptions = {}): SipRequest {
    const req = this.dialog.request(method, this.services.stack.via(this.dialog.flow.protocol, newBranch()), this.contact());
    req.headers = [...(opts.headers ?? [])];
    if (opts.body !== undefined) setBody(req, opts.body, opts.contentType ?? 'application/sdp');
    return req;
  }

  contact(): ReturnType<SessionServices['contact']> {
    return this.services.contact(this.dialog.flow.protocol);
  }

  /** Where in-dialog requests go: the peer's flow (see dialog.ts). */
  target(): Flow {
    return this.dialog.flow;
  }

  /** Ends the session locally without signalling (the caller has sent or received BYE). */
  end(reason: TerminationReason): void {
    if (this.state === 'terminated') return;
    this.state = 'terminated';
    this.retransmitter.stop();
    this.services.onTerminated(this);
    this.emit('terminated', reason);
  }

  #requireSdp(): string {
    if (this.localSdp === undefined) throw new TypeError('no local SDP to derive a hold/resume offer from');
    return this.localSdp;
  }
}

export function setBody(msg: SipRequest | SipResponse, body: string, contentType: string): void {
  msg.body = Buffer.from(body, 'utf8');
  msg.contentType = parseMediaType(contentType) ?? undefined;
}
