// The media layer's one owner of time: a monotonic clock and timers, replaceable in tests.
// Wall-clock time (Date.now) is never used for pacing: it jumps when NTP steps the system clock.

export type TimerHandle = unknown;

export interface MediaClock {
  /** Monotonic milliseconds, fractional (performance.now()). */
  now(): number;
  setTimer(fn: () => void, delayMs: number): TimerHandle;
  clearTimer(handle: TimerHandle): void;
}

export const systemClock: MediaClock = {
  now: () => performance.now(),
  setTimer: (fn, delayMs) => setTimeout(fn, delayMs),
  clearTimer: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

interface ManualTimer {
  at: number;
  fn: () => void;
  seq: number;
}

/**
 * A clock that moves only when told to. `lateness` simulates a busy event loop: each timer fires
 * that many ms after it was due (a function, so tests can make it vary).
 */
export class ManualClock implements MediaClock {
  #now: number;
  #seq = 0;
  readonly #timers = new Set<ManualTimer>();
  lateness: () => number = () => 0;

  constructor(start = 1000) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  setTimer(fn: () => void, delayMs: number): TimerHandle {
    const t = { at: this.#now + Math.max(1, delayMs) + this.lateness(), fn, seq: this.#seq++ };
    this.#timers.add(t);
    return t;
  }

  clearTimer(handle: TimerHandle): void {
    this.#timers.delete(handle as ManualTimer);
  }

  get pendingTimers(): number {
    return this.#timers.size;
  }

  /** Moves time forward by `ms`, firing due timers in order at their own times. */
  advance(ms: number): void {
    const end = this.#now + ms;
    for (;;) {
      let next: ManualTimer | null = null;
      for (const t of this.#timers) if (t.at <= end && (!next || t.at < next.at || (t.at === next.at && t.seq < next.seq))) next = t;
      if (!next) break;
      this.#timers.delete(next);
      this.#now = Math.max(this.#now, next.at);
      next.fn();
    }
    this.#now = end;
  }
}
