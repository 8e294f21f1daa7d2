// The one place the SIP layers read time and set timers, so that tests can run the RFC 3261
// timers (up to 32 s) in microseconds and in a fixed order: production uses realClock, tests a
// FakeClock they advance by hand.

export interface TimerHandle {
  cancel(): void;
}

export interface Clock {
  now(): number;
  setTimer(ms: number, fn: () => void): TimerHandle;
}

export const realClock: Clock = {
  now: () => Date.now(),
  setTimer(ms, fn) {
    // A timer callback runs outside any socket handler's try/catch: a bug reached through some
    // odd message must not take the process down from here either.
    const t = setTimeout(() => {
      try {
        fn();
      } catch (e) {
        process.emitWarning(`SIP timer callback threw: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`, 'SipTimerError');
      }
    }, ms);
    // SIP timers never keep the process alive on their own.
    t.unref();
    return { cancel: () => clearTimeout(t) };
  },
};

interface Pending {
  at: number;
  seq: number;
  fn: () => void;
  cancelled: boolean;
}

export class FakeClock implements Clock {
  #now: number;
  #seq = 0;
  #pending: Pending[] = [];

  constructor(start = 1_700_000_000_000) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  setTimer(ms: number, fn: () => void): TimerHandle {
    const p: Pending = { at: this.#now + Math.max(0, ms), seq: this.#seq++, fn, cancelled: false };
    this.#pending.push(p);
    return { cancel: () => void (p.cancelled = true) };
  }

  /** Timers not yet fired or cancelled. */
  get pendingCount(): number {
    return this.#pending.filter((p) => !p.cancelled).length;
  }

  /** Moves time forward, firing due timers in time order (timers they set fire too, if due). */
  advance(ms: number): void {
    const end = this.#now + ms;
    for (;;) {
      this.#pending = this.#pending.filter((p) => !p.cancelled);
      let next: Pending | undefined;
      for (const p of this.#pending) if (p.at <= end && (next === undefined || p.at < next.at || (p.at === next.at && p.seq < next.seq))) next = p;
      if (next === undefined) break;
      this.#now = next.at;
      next.cancelled = true;
      next.fn();
    }
    this.#now = end;
  }
}
