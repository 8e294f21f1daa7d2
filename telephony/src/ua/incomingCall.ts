import { Dialog } from '../dialog/dialog.ts';
import { Emitter } from '../dialog/emitter.ts';
import type { ReferRequest } from '../dialog/inDialogRequests.ts';
import { InviteSession, setBody } from '../dialog/inviteSession.ts';
import { InvalidStateError } from '../dialog/reinvite.ts';
import type { SessionOptions, SessionServices, TerminationReason } from '../dialog/services.ts';
import { responseTo } from '../sip/message.ts';
import type { SipRequest, SipResponse } from '../sip/messageTypes.ts';
import type { TimerHandle } from '../transaction/clock.ts';
import type { InviteServerTransaction } from '../transaction/inviteServer.ts';
import { withToTag } from '../transaction/transactionLayer.ts';
import { newTag } from '../transport/sipStack.ts';
import type { CallSource } from './policy.ts';

// A call offered to the engine (the `invite` event): ring, send early media (183 with SDP — no
// PRACK, RFC 3261 §13.3.1.1 lets provisionals carry it unreliably), answer or reject. Once
// answered it forwards its session's events, so an application can follow one object from the
// INVITE to the BYE. An INVITE nobody answers is refused after ringTimeoutMs, so abandoned
// offers cannot pile up.

export type IncomingCallEvents = {
  /** The caller gave up before we answered (CANCEL; 487 already sent). */
  cancel: [];
  /** Our 2xx was acknowledged. */
  ack: [ackSdp: string | undefined];
  bye: [];
  reinvite: [offer: string | undefined, answer: string | undefined];
  refer: [refer: ReferRequest];
  dtmf: [digit: string, durationMs: number];
  /** The call is over, however it ended. */
  end: [reason: TerminationReason | 'cancelled' | 'rejected' | 'timeout'];
};

export class IncomingCall extends Emitter<IncomingCallEvents> {
  state: 'offered' | 'answered' | 'ended' = 'offered';
  readonly localTag = newTag();
  session: InviteSession | undefined;
  #ringTimer: TimerHandle | undefined;

  constructor(
    readonly transaction: InviteServerTransaction,
    readonly source: CallSource,
    private readonly services: SessionServices & { register(s: InviteSession): void; settled(c: IncomingCall): void },
    ringTimeoutMs: number,
  ) {
    super();
    this.#ringTimer = services.ctx.clock.setTimer(ringTimeoutMs, () => {
      if (this.state === 'offered') this.reject(480, undefined, 'timeout');
    });
  }

  get request(): SipRequest {
    return this.transaction.request;
  }

  /** The caller's SDP offer, if the INVITE had one. */
  get offer(): string | undefined {
    return this.request.body.length > 0 ? this.request.body.toString('utf8') : undefined;
  }

  ringing(): void {
    this.#provisional(180);
  }

  /** 183 Session Progress with our SDP: early media (prompts before answer). */
  progress(sdp: string): void {
    this.#provisional(183, sdp);
  }

  /** 200 OK with our SDP; returns the session (the dialog) that carries the call from now on. */
  answer(sdp: string, options: Omit<SessionOptions, 'localSdp' | 'remoteSdp'> = {}): InviteSession {
    this.#requireOffered();
    const dialog = Dialog.asUas(this.request, this.localTag, this.transaction.flow);
    const session = new InviteSession(dialog, this.services, { ...options, localSdp: sdp, remoteSdp: this.offer });
    this.state = 'answered';
    this.session = session;
    this.#settle();
    this.services.register(session);
    session.on('confirmed', (ackSdp) => this.emit('ack', ackSdp));
    session.on('reinvite', (offer, answer) => this.emit('reinvite', offer, answer));
    session.on('refer', (r) => this.emit('refer', r));
    session.on('dtmf', (d, ms) => this.emit('dtmf', d, ms));
    session.on('terminated', (reason) => {
      this.state = 'ended';
      if (reason === 'remote-bye') this.emit('bye');
      this.emit('end', reason);
    });
    session.acceptInitial(this.transaction, this.#response(200, sdp));
    return session;
  }

  reject(status = 486, reason?: string, why: 'rejected' | 'timeout' = 'rejected'): void {
    this.#requireOffered();
    if (status < 300 || status > 699) throw new RangeError('reject() needs a 3xx-6xx status');
    this.transaction.respond(withToTag(responseTo(this.request, status, reason), this.localTag));
    this.state = 'ended';
    this.#settle();
    this.emit('end', why);
  }

  /** Ends the call whatever its state: BYE when answered, 480 when still offered. */
  async hangup(): Promise<void> {
    if (this.state === 'offered') this.reject(480);
    else if (this.session !== undefined) await this.session.bye();
  }

  /** The transaction layer saw a CANCEL for our INVITE (and sent the 487). */
  cancelled(): void {
    if (this.state !== 'offered') return;
    this.state = 'ended';
    this.#settle();
    this.emit('cancel');
    this.emit('end', 'cancelled');
  }

  #provisional(status: number, sdp?: string): void {
    this.#requireOffered();
    this.transaction.respond(this.#response(status, sdp));
  }

  #response(status: number, sdp?: string): SipResponse {
    const res = withToTag(responseTo(this.request, status), this.localTag);
    res.contact = [this.services.contact(this.transaction.flow.protocol)];
    res.recordRoute = this.request.recordRoute;
    res.headers = [{ name: 'Allow', value: this.services.allow }];
    if (sdp !== undefined) setBody(res, sdp, 'application/sdp');
    return res;
  }

  #requireOffered(): void {
    if (this.state !== 'offered') throw new InvalidStateError(`the call is already ${this.state}`);
  }

  #settle(): void {
    this.#ringTimer?.cancel();
    this.services.settled(this);
  }
}
