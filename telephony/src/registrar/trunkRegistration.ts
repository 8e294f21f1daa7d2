import { DigestClient, isStale } from '../auth/digestClient.ts';
import { Emitter } from '../dialog/emitter.ts';
import { outOfDialogRequest, sipUri } from '../dialog/outOfDialog.ts';
import { getHeader } from '../sip/headerAccess.ts';
import { responseTo } from '../sip/message.ts';
import type { SipRequest, SipResponse } from '../sip/messageTypes.ts';
import { getParam } from '../sip/params.ts';
import type { TimerHandle } from '../transaction/clock.ts';
import { awaitFinal } from '../transaction/awaitFinal.ts';
import type { TransactionContext } from '../transaction/timers.ts';
import type { TransactionLayer } from '../transaction/transactionLayer.ts';
import { newBranch, newCallId, newTag } from '../transport/sipStack.ts';
import type { SipStack } from '../transport/sipStack.ts';
import { resolveHost } from '../transport/resolve.ts';
import type { TrunkConfig } from './trunk.ts';

// Registering to a carrier (RFC 3261 §10.2): one Call-ID for the registration's life with a
// growing CSeq (§10.2.4), a digest challenge answered (a second challenge only when stale),
// 423 answered with the carrier's Min-Expires, refresh before expiry (at half the granted time,
// at least 5 s before it ends), retry after a failure. stop() unregisters (Expires: 0).

type RegistrationEvents = {
  registered: [expiresSeconds: number];
  failed: [status: number, reason: string];
};

export interface RegistrationDeps {
  ctx: TransactionContext;
  transactions: TransactionLayer;
  stack: SipStack;
  /** Seconds to wait after a failure before trying again. Default 30. */
  retrySeconds?: number;
}

export class TrunkRegistration extends Emitter<RegistrationEvents> {
  state: 'idle' | 'registering' | 'registered' | 'failed' | 'stopped' = 'idle';
  readonly #digest = new DigestClient();
  readonly #callId: string;
  readonly #tag = newTag();
  #seq = 1;
  #timer: TimerHandle | undefined;

  constructor(
    readonly trunk: TrunkConfig,
    private readonly deps: RegistrationDeps,
  ) {
    super();
    this.#callId = newCallId(deps.stack.sentBy(trunk.transport ?? 'udp').host);
  }

  start(): void {
    if (this.state === 'stopped') return;
    void this.#register(this.trunk.registerExpires ?? 3600);
  }

  #stopped(): boolean {
    return this.state === 'stopped';
  }

  async stop(): Promise<void> {
    this.#timer?.cancel();
    const wasRegistered = this.state === 'registered';
    this.state = 'stopped';
    if (wasRegistered) await this.#send(0);
  }

  async #register(expires: number): Promise<void> {
    this.state = 'registering';
    const res = await this.#send(expires);
    if (this.#stopped()) return;
    if (res.status === 423) {
      const min = Number(getHeader(res, 'Min-Expires'));
      if (Number.isInteger(min) && min > expires && min < 86_400) return this.#register(min);
    }
    if (res.status >= 200 && res.status < 300) {
      const granted = grantedExpires(res, expires);
      this.state = 'registered';
      this.emit('registered', granted);
      const refreshIn = Math.max(1, Math.min(granted / 2, granted - 5)) * 1000;
      this.#timer = this.deps.ctx.clock.setTimer(refreshIn, () => void this.#register(expires));
      return;
    }
    this.state = 'failed';
    this.emit('failed', res.status, res.reason);
    this.#timer = this.deps.ctx.clock.setTimer((this.deps.retrySeconds ?? 30) * 1000, () => void this.#register(expires));
  }

  async #send(expires: number): Promise<SipResponse> {
    const t = this.trunk;
    const protocol = t.transport ?? 'udp';
    const flow = await resolveHost(t.host, t.port, protocol);
    const build = (auth?: { name: string; value: string }): SipRequest => {
      const me = sipUri(t.username, t.host);
      const { host, port } = this.deps.stack.sentBy(protocol);
      return outOfDialogRequest({
        method: 'REGISTER',
        uri: sipUri(undefined, t.host, t.port),
        from: { uri: me, params: [] },
        fromTag: this.#tag,
        to: { uri: me, params: [] },
        callId: this.#callId,
        seq: this.#seq++,
        via: this.deps.stack.via(protocol, newBranch()),
        contact: { uri: sipUri(t.username, host, port, protocol === 'udp' ? [] : [{ name: 'transport', value: protocol }]), params: [] },
        expires,
        headers: auth === undefined ? [] : [auth],
      });
    };
    if (flow === undefined) return responseTo(build(), 503, 'Cannot resolve trunk host');
    let req = build();
    let { response } = await awaitFinal(this.deps.transactions, req, flow);
    for (let tries = 0; tries < 2 && (response.status === 401 || response.status === 407); tries++) {
      if (t.username === undefined || t.password === undefined) break;
      if (tries > 0 && !isStale(response)) break; // same credentials refused twice: give up
      const h = this.#digest.authorize(req, response, { username: t.username, password: t.password });
      if (h === null) break;
      req = build(h);
      ({ response } = await awaitFinal(this.deps.transactions, req, flow));
    }
    return response;
  }
}

/** The lifetime the registrar granted: our Contact's expires param, else Expires, else asked. */
function grantedExpires(res: SipResponse, asked: number): number {
  if (res.contact !== '*') {
    for (const c of res.contact) {
      const e = getParam(c.params, 'expires');
      if (typeof e === 'string' && /^\d+$/.test(e)) return Number(e);
    }
  }
  return res.expires ?? asked;
}
