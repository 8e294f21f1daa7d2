import { serializeMessage } from '../sip/message.ts';
import type { SipRequest, SipResponse } from '../sip/messageTypes.ts';
import type { Flow } from '../transport/types.ts';
import { isReliable } from '../transport/types.ts';
import { TimerSet } from './timerSet.ts';
import type { TransactionContext } from './timers.ts';
import { timeout64 } from './timers.ts';
import type { ClientState, ClientTransactionUser, MessageSender } from './types.ts';

// Non-INVITE client transaction (RFC 3261 §17.1.2, Figure 6):
//
//   Trying ──1xx──▶ Proceeding ──200-699──▶ Completed ──Timer K──▶ Terminated
//     └──────────200-699──────────────────────┘
//
// Timer E retransmits over UDP: T1, doubling up to T2 (and T2 steadily once Proceeding).
// Timer F (64·T1) gives up. Timer K (T4 over UDP, 0 otherwise) absorbs response retransmissions.

export class NonInviteClientTransaction {
  state: ClientState = 'trying';
  readonly #timers: TimerSet;
  readonly #reliable: boolean;
  readonly #wire: Buffer;

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
    if (!this.sender.sendRaw(this.flow, this.#wire)) {
      this.#terminate();
      this.user.failed('transport');
      return;
    }
    const t = this.ctx.timers;
    if (!this.#reliable) this.#retransmitE(t.t1);
    this.#timers.start('F', timeout64(t), () => {
      if (this.state !== 'trying' && this.state !== 'proceeding') return;
      this.#terminate();
      this.user.failed('timeout');
    });
  }

  #retransmitE(interval: number): void {
    this.#timers.start('E', interval, () => {
      if (this.state !== 'trying' && this.state !== 'proceeding') return;
      this.sender.sendRaw(this.flow, this.#wire);
      const t = this.ctx.timers;
      this.#retransmitE(this.state === 'proceeding' ? t.t2 : Math.min(interval * 2, t.t2));
    });
  }

  receive(res: SipResponse): void {
    if (this.state !== 'trying' && this.state !== 'proceeding') return;
    if (res.status < 200) {
      this.state = 'proceeding';
      this.user.response(res);
      return;
    }
    this.state = 'completed';
    this.#timers.stop('E', 'F');
    this.#timers.start('K', this.#reliable ? 0 : this.ctx.timers.t4, () => this.#terminate());
    this.user.response(res);
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
