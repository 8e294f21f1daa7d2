import { Emitter } from '../dialog/emitter.ts';
import { outOfDialogRequest, sipUri } from '../dialog/outOfDialog.ts';
import type { TimerHandle } from '../transaction/clock.ts';
import { awaitFinal } from '../transaction/awaitFinal.ts';
import { newBranch, newCallId, newTag } from '../transport/sipStack.ts';
import { resolveHost } from '../transport/resolve.ts';
import type { RegistrationDeps } from './trunkRegistration.ts';
import type { TrunkConfig } from './trunk.ts';

// OPTIONS keep-alive towards a trunk (RFC 3261 §11): any final response from the carrier — even
// 404 or 405 — shows it is up; only a timeout or transport failure marks it down. Each ping is a
// new out-of-dialog request. Also keeps NAT bindings towards the carrier open over UDP.

type PingerEvents = { status: [up: boolean, status: number] };

export class OptionsPinger extends Emitter<PingerEvents> {
  up: boolean | undefined;
  #timer: TimerHandle | undefined;
  #stopped = false;

  constructor(
    readonly trunk: TrunkConfig,
    private readonly deps: RegistrationDeps,
  ) {
    super();
  }

  start(): void {
    const s = this.trunk.keepAliveSeconds ?? 30;
    if (s <= 0) return;
    void this.ping();
  }

  stop(): void {
    this.#stopped = true;
    this.#timer?.cancel();
  }

  /** One OPTIONS now; resolves with the status (408/503 when no answer). */
  async ping(): Promise<number> {
    const t = this.trunk;
    const protocol = t.transport ?? 'udp';
    const flow = await resolveHost(t.host, t.port, protocol);
    let status = 503;
    let local = true;
    if (flow !== undefined) {
      const target = sipUri(undefined, t.host, t.port);
      const req = outOfDialogRequest({
        method: 'OPTIONS',
        uri: target,
        from: { uri: sipUri(t.username ?? 'keepalive', this.deps.stack.sentBy(protocol).host), params: [] },
        fromTag: newTag(),
        to: { uri: target, params: [] },
        callId: newCallId(this.deps.stack.sentBy(protocol).host),
        seq: 1,
        via: this.deps.stack.via(protocol, newBranch()),
      });
      const r = await awaitFinal(this.deps.transactions, req, flow);
      status = r.response.status;
      local = r.local;
    }
    const up = !local;
    if (up !== this.up) {
      this.up = up;
      this.emit('status', up, status);
    }
    if (!this.#stopped) this.#timer = this.deps.ctx.clock.setTimer((t.keepAliveSeconds ?? 30) * 1000, () => void this.ping());
    return status;
  }
}
