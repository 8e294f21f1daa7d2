// The ACD's one owner of time. Routing is synchronous and deterministic: everything that happens
// "later" (no-answer timeouts, relaxing skill rules, overflow, announcements, wrap-up) is a timer
// set through this interface, so tests and the benchmark drive time by hand. The shape matches
// the SIP layer's clock (`setTimer(ms, fn)` returning `{ cancel }`), so one clock can serve both.

export interface TimerHandle {
  cancel(): void;
}

export interface AcdScheduler {
  /** Milliseconds since the epoch. */
  now(): number;
  setTimer(ms: number, fn: () => void): TimerHandle;
}

export const systemScheduler: AcdScheduler = {
  now: () => Date.now(),
  setTimer(ms, fn) {
    // A timer runs outside any caller's try/catch: a bug reached through some odd sequence must
    // not take the whole server (and every call in it) down from here.
    const t = setTimeout(() => {
      try {
        fn();
      } catch (e) {
        process.emitWarning(`ACD timer callback threw: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`, 'AcdTimerError');
      }
    }, ms);
    // ACD timers never keep the process alive on their own.
    t.unref();
    return { cancel: () => clearTimeout(t) };
  },
};

class Pending implements TimerHandle {
  cancelled = false;
  constructor(
    readonly owner: ManualScheduler,
    readonly at: number,
    readonly seq: number,
    readonly fn: () => void,
  ) {}

  cancel(): void {
    if (!this.cancelled) {
      this.cancelled = true;
      this.owner.live--;
    }
  }
}

/**
 * A scheduler that moves only when told to. Timers live in a binary heap (ordered by due time,
 * then by creation) because the benchmark keeps tens of thousands of them pending at once.
 */
export class ManualScheduler implements AcdScheduler {
  #now: number;
  #seq = 0;
  #heap: Pending[] = [];
  /** Timers neither fired nor cancelled (kept by Pending.cancel). */
  live = 0;

  constructor(start = Date.UTC(2026, 10, 23, 1, 0, 0)) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  setTimer(ms: number, fn: () => void): TimerHandle {
    const p = new Pending(this, this.#now + Math.max(0, ms), this.#seq++, fn);
    this.#push(p);
    this.live++;
    return p;
  }

  /** Timers neither fired nor cancelled. */
  get pendingCount(): number {
    return this.live;
  }

  /** Moves time forward by `ms`, firing due timers in order at their own times. */
  advance(ms: number): void {
    const end = this.#now + ms;
    for (;;) {
      const top = this.#heap[0];
      if (top === undefined || top.at > end) break;
      this.#pop();
      if (top.cancelled) continue;
      top.cancelled = true;
      this.live--;
      this.#now = Math.max(this.#now, top.at);
      top.fn();
    }
    this.#now = end;
  }

  #less(a: Pending, b: Pending): boolean {
    return a.at !== b.at ? a.at < b.at : a.seq < b.seq;
  }

  #push(p: Pending): void {
    const h = this.#heap;
    let i = h.push(p) - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.#less(h[i]!, h[parent]!)) break;
      [h[i], h[parent]] = [h[parent]!, h[i]!];
      i = parent;
    }
  }

  #pop(): void {
    const h = this.#heap;
    const last = h.pop()!;
    if (h.length === 0) return;
    h[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && this.#less(h[l]!, h[m]!)) m = l;
      if (r < h.length && this.#less(h[r]!, h[m]!)) m = r;
      if (m === i) break;
      [h[i], h[m]] = [h[m]!, h[i]!];
      i = m;
    }
  }
}
