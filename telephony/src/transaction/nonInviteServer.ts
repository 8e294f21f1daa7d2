import { serializeMessage } from '../sip/message.ts';
import type { SipRequest, SipResponse } from '../sip/messageTypes.ts';
import { responseFlow } from '../transport/sipStack.ts';
import type { Flow } from '../transport/types.ts';
import { isReliable } from '../transport/types.ts';
import { TimerSet } from './timerSet.ts';
import type { TransactionContext } from './timers.ts';
import { timeout64 } from './timers.ts';
import type { MessageSender, ServerState } from './types.ts';

// Non-INVITE server transaction (RFC 3261 §17.2.2, Figure 8):
//
//   Trying ──1xx──▶ Proceeding ──200-699──▶ Completed ──Timer J──▶ Terminated
//     └──────────200-699──────────────────────┘
//
// Retransmitted requests are absorbed in Trying and answered with the last response afterwards.
// Timer J (64·T1 over UDP, 0 otherwise) keeps the final response around for those.

export class NonInviteServerTransaction {
  state: ServerState = 'trying';
  lastResponse: SipResponse | undefined;
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

  respond(res: SipResponse): boolean {
    if (this.state !== 'trying' && this.state !== 'proceeding') return false;
    this.lastResponse = res;
    this.#lastWire = serializeMessage(res);
    this.sender.sendRaw(this.#dest, this.#lastWire);
    if (res.status < 200) {
      this.state = 'proceeding';
      return true;
    }
    this.state = 'completed';
    this.#timers.start('J', this.#reliable ? 0 : timeout64(this.ctx.timers), () => this.#terminate());
    return true;
  }

  receiveRequest(): void {
    if ((this.state === 'proceeding' || this.state === 'completed') && this.#lastWire !== undefined) {
      this.sender.sendRaw(this.#dest, this.#lastWire);
    }
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
