import type { Credentials } from '../auth/digestClient.ts';
import { DigestClient } from '../auth/digestClient.ts';
import { Dialog } from '../dialog/dialog.ts';
import { Emitter } from '../dialog/emitter.ts';
import { InviteSession } from '../dialog/inviteSession.ts';
import type { SessionServices } from '../dialog/services.ts';
import type { SipRequest, SipResponse } from '../sip/messageTypes.ts';
import { awaitFinal } from '../transaction/awaitFinal.ts';
import { cancelFor } from '../transaction/requests.ts';
import { newBranch } from '../transport/sipStack.ts';
import type { Flow } from '../transport/types.ts';

// A call the engine places (RFC 3261 §13.2): provisionals reported (183 with SDP = early media),
// the 2xx acknowledged and turned into a session, one digest challenge answered with a new CSeq
// (§22.2, a trunk's 401/407), CANCEL on abort — deferred until a provisional arrived, as §9.1
// asks — and a 2xx that crosses our CANCEL hung up with BYE. A 2xx from a second fork is
// acknowledged and released at once (§13.2.2.4): the engine keeps one leg per call.

export class CallFailedError extends Error {
  override readonly name = 'CallFailedError';
  constructor(
    readonly status: number,
    readonly reason: string,
  ) {
    super(`call failed: ${status} ${reason}`);
  }
}

export type OutgoingCallEvents = {
  progress: [status: number, earlySdp: string | undefined];
  answered: [session: InviteSession];
  failed: [status: number, reason: string];
};

export interface OutgoingServices extends SessionServices {
  register(s: InviteSession): void;
}

export class OutgoingCall extends Emitter<OutgoingCallEvents> {
  state: 'calling' | 'early' | 'answered' | 'failed' | 'cancelled' = 'calling';
  session: InviteSession | undefined;
  /** Resolves with the session when answered; rejects with CallFailedError otherwise. */
  readonly answered: Promise<InviteSession>;
  #request: SipRequest;
  #resolve!: (s: InviteSession) => void;
  #reject!: (e: Error) => void;
  #cancelWanted = false;
  #cancelSent = false;
  #provisional = false;
  #authTried = false;

  constructor(
    request: SipRequest,
    readonly flow: Flow,
    private readonly services: OutgoingServices,
    private readonly sdp: string,
    private readonly credentials?: Credentials,
  ) {
    super();
    this.#request = request;
    this.answered = new Promise((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
    this.answered.catch(() => undefined); // a caller that only listens to events must not see an unhandled rejection
  }

  get request(): SipRequest {
    return this.#request;
  }

  start(): void {
    this.#send(this.#request);
  }

  /** Abandons the call: CANCEL while ringing (deferred until a provisional came), BYE if answered. */
  cancel(): void {
    if (this.state === 'answered') {
      void this.session?.bye();
      return;
    }
    if (this.state !== 'calling' && this.state !== 'early') return;
    this.#cancelWanted = true;
    if (this.#provisional) this.#sendCancel();
  }

  #sendCancel(): void {
    if (this.#cancelSent) return;
    this.#cancelSent = true;
    void awaitFinal(this.services.transactions, cancelFor(this.#request), this.flow);
  }

  #send(req: SipRequest): void {
    this.services.transactions.sendRequest(req, this.flow, {
      response: (res) => this.#onResponse(req, res),
      failed: (why) => this.#fail(why === 'timeout' ? 408 : 503, why === 'timeout' ? 'Request Timeout' : 'Transport Error'),
    });
  }

  #onResponse(req: SipRequest, res: SipResponse): void {
    const s = res.status;
    if (s < 200) {
      if (s === 100) return;
      this.#provisional = true;
      if (this.#cancelWanted) this.#sendCancel();
      if (this.state === 'calling') this.state = 'early';
      this.emit('progress', s, res.body.length > 0 ? res.body.toString('utf8') : undefined);
      return;
    }
    if (s < 300) return this.#on2xx(req, res);
    if ((s === 401 || s === 407) && this.credentials !== undefined && !this.#authTried && !this.#cancelWanted) {
      const h = new DigestClient().authorize(req, res, this.credentials);
      if (h !== null) {
        this.#authTried = true;
        this.#request = {
          ...req,
          via: [this.services.stack.via(this.flow.protocol, newBranch())],
          cseq: { seq: req.cseq.seq + 1, method: 'INVITE' },
          headers: [...req.headers, h],
        };
        this.#send(this.#request);
        return;
      }
    }
    if (s === 487 && this.#cancelWanted) {
      this.state = 'cancelled';
      this.emit('failed', s, res.reason);
      this.#reject(new CallFailedError(s, res.reason));
      return;
    }
    this.#fail(s, res.reason);
  }

  #on2xx(req: SipRequest, res: SipResponse): void {
    const current = this.session;
    if (current !== undefined) {
      // a retransmission of the 2xx we took: ACK again; another fork's: ACK and release it
      if (current.dialog.id === Dialog.asUac(req, res, this.flow).id) current.ack(res);
      else this.#releaseFork(req, res);
      return;
    }
    if (this.state !== 'calling' && this.state !== 'early') return;
    const session = new InviteSession(Dialog.asUac(req, res, this.flow), this.services, {
      localSdp: this.sdp,
      remoteSdp: res.body.length > 0 ? res.body.toString('utf8') : undefined,
      credentials: this.credentials,
    });
    this.session = session;
    this.services.register(session);
    session.ack(res);
    if (this.#cancelWanted) {
      // §9.1: the 2xx crossed our CANCEL — the call is up, so end it properly
      this.state = 'cancelled';
      void session.bye();
      this.#reject(new CallFailedError(487, 'Request Terminated'));
      return;
    }
    this.state = 'answered';
    this.emit('answered', session);
    this.#resolve(session);
  }

  #releaseFork(req: SipRequest, res: SipResponse): void {
    const fork = new InviteSession(Dialog.asUac(req, res, this.flow), { ...this.services, onTerminated: () => undefined });
    fork.ack(res);
    void fork.bye();
  }

  #fail(status: number, reason: string): void {
    if (this.state !== 'calling' && this.state !== 'early') return;
    this.state = 'failed';
    this.emit('failed', status, reason);
    this.#reject(new CallFailedError(status, reason));
  }
}
