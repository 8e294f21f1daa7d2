import type { Clock, TimerHandle } from './clock.ts';

// The named timers of one transaction (A, B, D…), so that a state change can cancel exactly the
// ones it must and termination cancels them all: a terminated transaction holds no timer.

export class TimerSet {
  readonly #clock: Clock;
  readonly #timers = new Map<string, TimerHandle>();

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  start(name: string, ms: number, fn: () => void): void {
    this.#timers.get(name)?.cancel();
    this.#timers.set(
      name,
      this.#clock.setTimer(ms, () => {
        this.#timers.delete(name);
        fn();
      }),
    );
  }

  stop(...names: string[]): void {
    for (const n of names) {
      this.#timers.get(n)?.cancel();
      this.#timers.delete(n);
    }
  }

  stopAll(): void {
    for (const t of this.#timers.values()) t.cancel();
    this.#timers.clear();
  }

  get active(): number {
    return this.#timers.size;
  }
}
