import type { SipResponse } from '../sip/messageTypes.ts';
import type { InviteServerTransaction } from '../transaction/inviteServer.ts';
import { TimerSet } from '../transaction/timerSet.ts';
import type { TransactionContext } from '../transaction/timers.ts';
import { timeout64 } from '../transaction/timers.ts';
import { isReliable } from '../transport/types.ts';

// RFC 3261 §13.3.1.4: the UAS core, not the transaction, keeps a 2xx to INVITE alive until the
// ACK comes — resent at T1, doubling up to T2 (only over UDP: a reliable transport delivers it),
// for 64·T1. If no ACK arrives by then the session is confirmed and at once torn down with BYE.

export class TwoXxRetransmitter {
  readonly #timers: TimerSet;
  #seq: number | undefined;

  constructor(private readonly ctx: TransactionContext) {
    this.#timers = new TimerSet(ctx.clock);
  }

  /** Sends `res` through `st` and keeps resending it until ack(seq) or onTimeout. */
  start(st: InviteServerTransaction, res: SipResponse, onTimeout: () => void): void {
    this.stop();
    this.#seq = res.cseq.seq;
    st.respond(res);
    const t = this.ctx.timers;
    if (!isReliable(st.flow.protocol)) {
      const again = (interval: number): void =>
        this.#timers.start('resend', interval, () => {
          st.respond(res);
          again(Math.min(interval * 2, t.t2));
        });
      again(t.t1);
    }
    this.#timers.start('give-up', timeout64(t), () => {
      this.stop();
      onTimeout();
    });
  }

  /** True while a 2xx waits for its ACK. */
  get pending(): boolean {
    return this.#seq !== undefined;
  }

  /** An ACK arrived: true when it acknowledged the pending 2xx. */
  ack(seq: number): boolean {
    if (this.#seq !== seq) return false;
    this.stop();
    return true;
  }

  stop(): void {
    this.#seq = undefined;
    this.#timers.stopAll();
  }
}
