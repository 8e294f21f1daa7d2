import { serializeMessage } from '../sip/message.ts';
import type { SipRequest, SipResponse } from '../sip/messageTypes.ts';
import type { Flow } from '../transport/types.ts';
import { isReliable } from '../transport/types.ts';
import { ackForNon2xx } from './requests.ts';
import { TimerSet } from './timerSet.ts';
import type { TransactionContext } from './timers.ts';
import { timeout64 } from './timers.ts';
import type { ClientState, ClientTransactionUser, MessageSender } from './types.ts';

// INVITE client transaction (RFC 3261 §17.1.1, Figure 5, with RFC 6026's Accepted state):
//
//   Calling ──1xx──▶ Proceeding ──300-699 (send ACK)──▶ Completed ──Timer D──▶ Terminated
//      │                 │
//      └──────2xx────────┴──▶ Accepted ──Timer M──▶ Terminated
//
// Timer A retransmits the INVITE over UDP (T1, doubling); Timer B (64·T1) gives up. In Accepted
// every 2xx (retransmission or another fork) goes to the TU, which acknowledges it: ACK for 2xx
// belongs to the dialog, not to the transaction (§13.2.2.4).

export class InviteClientTransaction {
  state: ClientState = 'calling';
  readonly #timers: TimerSet;
  readonly #reliable: boolean;
  readonly #wire: Buffer;
  #ack: Buffer | undefined;

  constructor(
    readonly ctx: TransactionContext,
    readonly sender: MessageSender,
    readonly request: SipRequest,
    readonly flow: Flow,
    readonly user: ClientTransactionUser,
    private readonly onTerminated: () => void,
  ) {
    this.#timers = new TimerSet(ctx.clock);
    this.#reliable = isReliable(flow.protocol);
    this.#wire = serializeMessage(request);
  }

  start(): void {
    if (!this.#send(this.#wire)) {
      this.#terminate();
      this.user.failed('transport');
      return;
    }
    const t = this.ctx.timers;
    if (!this.#reliable) this.#retransmitA(t.t1);
    this.#timers.start('B', timeout64(t), () => {
      if (this.state !== 'calling' && this.state !== 'proceeding') return;
      this.#terminate();
      this.user.failed('timeout');
    });
  }

  #retransmitA(interval: number): void {
    this.#timers.start('A', interval, () => {
      if (this.state !== 'calling') return;
      this.#send(this.#wire);
      this.#retransmitA(interval * 2);
    });
  }

  receive(res: SipResponse): void {
    const s = res.status;
    switch (this.state) {
      case 'calling':
      case 'proceeding':
        if (s < 200) {
          this.state = 'proceeding';
          this.#timers.stop('A');
          this.user.response(res);
        } else if (s < 300) {
          this.state = 'accepted';
          this.#timers.stop('A', 'B');
          this.#timers.start('M', timeout64(this.ctx.timers), () => this.#terminate());
          this.user.response(res);
        } else {
          this.state = 'completed';
          this.#timers.stop('A', 'B');
          this.#ack = serializeMessage(ackForNon2xx(this.request, res));
          this.#send(this.#ack);
          // Timer D: long enough to absorb response retransmissions (> 32 s over UDP).
          this.#timers.start('D', this.#reliable ? 0 : Math.max(32_000, timeout64(this.ctx.timers) / 2), () => this.#terminate());
          this.user.response(res);
        }
        return;
      case 'accepted':
        if (s >= 200 && s < 300) this.user.response(res);
        return;
      case 'completed':
        if (s >= 300 && this.#ack !== undefined) this.#send(this.#ack);
        return;
      default:
        return;
    }
  }

  /** The TU is done with it (e.g. the endpoint closes): stop timers, no more callbacks. */
  terminate(): void {
    this.#terminate();
  }

  #send(data: Buffer): boolean {
    return this.sender.sendRaw(this.flow, data);
  }

  #terminate(): void {
    if (this.state === 'terminated') return;
    this.state = 'terminated';
    this.#timers.stopAll();
    this.onTerminated();
  }
}
