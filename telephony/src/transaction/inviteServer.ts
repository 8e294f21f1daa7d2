import { serializeMessage } from '../sip/message.ts';
import type { SipRequest, SipResponse } from '../sip/messageTypes.ts';
import { responseFlow } from '../transport/sipStack.ts';
import type { Flow } from '../transport/types.ts';
import { isReliable } from '../transport/types.ts';
import { TimerSet } from './timerSet.ts';
import type { TransactionContext } from './timers.ts';
import { timeout64 } from './timers.ts';
import type { MessageSender, ServerState } from './types.ts';

// INVITE server transaction (RFC 3261 §17.2.1, Figure 7, with RFC 6026's Accepted state):
//
//   Proceeding ──300-699──▶ Completed ──ACK──▶ Confirmed ──Timer I──▶ Terminated
//       │                      └──Timer H (no ACK): tell the TU──▶ Terminated
//       └──2xx──▶ Accepted ──Timer L──▶ Terminated
//
// A retransmitted INVITE gets the last provisional again (Proceeding) or the final (Completed);
// in Accepted it is absorbed, since the TU retransmits its 2xx itself until the ACK (§13.3.1.4).
// Timer G retransmits a non-2xx final over UDP (T1 doubling up to T2) until the ACK or Timer H.

export class InviteServerTransaction {
  state: ServerState = 'proceeding';
  lastResponse: SipResponse | undefined;
  /** Timer H fired: the peer never acknowledged our final response. */
  onTimeout: (() => void) | null = null;
  readonly #timers: TimerSet;
  readonly #reliable: boolean;
  readonly #dest: Flow;
  #lastWire: Buffer | undefined;

  constructor(
    readonly ctx: TransactionContext,
    readonly sender: MessageSender,
    readonly request: SipRequest,
    readonly flow: Flow,
    private readonly onTerminated: () => void,
  ) {
    this.#timers = new TimerSet(ctx.clock);
    this.#reliable = isReliable(flow.protocol);
    this.#dest = responseFlow(request.via[0], flow);
  }

  /** Sends a response from the TU. Returns false when this state takes no such response. */
  respond(res: SipResponse): boolean {
    const s = res.status;
    if (this.state === 'accepted') {
      // the TU's own 2xx retransmissions (§13.3.1.4) pass through
      if (s < 200 || s >= 300) return false;
      return this.sender.sendRaw(this.#dest, serializeMessage(res));
    }
    if (this.state !== 'proceeding') return false;
    this.lastResponse = res;
    this.#lastWire = serializeMessage(res);
    this.sender.sendRaw(this.#dest, this.#lastWire);
    if (s < 200) return true;
    const t = this.ctx.timers;
    if (s < 300) {
      this.state = 'accepted';
      this.#timers.start('L', timeout64(t), () => this.#terminate());
      return true;
    }
    this.state = 'completed';
    if (!this.#reliable) this.#retransmitG(t.t1);
    this.#timers.start('H', timeout64(t), () => {
      this.#terminate();
      this.onTimeout?.();
    });
    return true;
  }

  #retransmitG(interval: number): void {
    this.#timers.start('G', interval, () => {
      if (this.state !== 'completed' || this.#lastWire === undefined) return;
      this.sender.sendRaw(this.#dest, this.#lastWire);
      this.#retransmitG(Math.min(interval * 2, this.ctx.timers.t2));
    });
  }

  /** A retransmission of the INVITE arrived. */
  receiveRequest(): void {
    if ((this.state === 'proceeding' || this.state === 'completed') && this.#lastWire !== undefined) {
      this.sender.sendRaw(this.#dest, this.#lastWire);
    }
  }

  /** An ACK matched this transaction. Returns true when it acknowledged a non-2xx (absorbed). */
  receiveAck(): boolean {
    if (this.state === 'confirmed') return true;
    if (this.state !== 'completed') return false;
    this.state = 'confirmed';
    this.#timers.stop('G', 'H');
    this.#timers.start('I', this.#reliable ? 0 : this.ctx.timers.t4, () => this.#terminate());
    return true;
  }

  terminate(): void {
    this.#terminate();
  }

  #terminate(): void {
    if (this.state === 'terminated') return;
    this.state = 'terminated';
    this.#timers.stopAll();
    this.onTerminated();
  }
}
