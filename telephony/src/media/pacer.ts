// The one 20 ms loop that drives every session, player, mixer and recorder of the process.
//
// Why one loop: a setInterval per call means 500 timers drifting independently, each waking the
// event loop on its own. Here one timer wakes the loop per *slot*: the period is cut into
// `slots` phases (default 10, every 2 ms) and each client is pinned to the least-loaded phase,
// so 500 calls are sent 50 at a time every 2 ms instead of 500 in one burst every 20 ms — the
// burst is what would push the last packets of a tick milliseconds late.
//
// Drift: tick n of the loop is due at origin + n × (period / slots), computed from the start,
// never by adding up timer delays, so a late timer delays that one tick and the schedule does
// not accumulate error. When the loop falls more than `maxCatchUpMs` behind (a long GC pause,
// a blocked event loop) it skips the missed ticks instead of sending them in a burst.
//
// Every client tick is timed: `lateness` holds |end of the client's tick − its due time|, which
// for an RTP session is the deviation of the packet's send time from its 20 ms schedule.
// `busyMs` adds up the time spent in ticks: busy/elapsed is the loop's load, the figure to refuse
// new calls on (past about 70% the schedule has no slack left for GC pauses and bursts).

import { type MediaClock, type TimerHandle, systemClock } from './clock.ts';
import { TypedEmitter } from './events.ts';
import { DurationHistogram } from './histogram.ts';

export interface PacerClient {
  /** Called once per period; `due` is when this tick was scheduled (clock ms). */
  tick(due: number): void;
}

export interface PacerRegistration {
  readonly slot: number;
  remove(): void;
}

export interface PacerOptions {
  clock?: MediaClock;
  periodMs?: number;
  slots?: number;
  maxCatchUpMs?: number;
}

interface Entry {
  client: PacerClient;
  slot: number;
  alive: boolean;
}

export class Pacer extends TypedEmitter<{ clientError: [error: unknown] }> {
  readonly periodMs: number;
  readonly slotCount: number;
  readonly lateness = new DurationHistogram();
  readonly #clock: MediaClock;
  readonly #slotMs: number;
  readonly #maxCatchUpMs: number;
  readonly #slots: Entry[][];
  #size = 0;
  #origin = 0;
  #n = 0;
  #timer: TimerHandle | null = null;
  #active = false;
  #inWake = false;
  #ticks = 0;
  #resyncs = 0;
  #busyMs = 0;

  constructor(options: PacerOptions = {}) {
    super();
    this.#clock = options.clock ?? systemClock;
    this.periodMs = options.periodMs ?? 20;
    this.slotCount = options.slots ?? 10;
    if (!(this.periodMs > 0) || !Number.isInteger(this.slotCount) || this.slotCount < 1) throw new RangeError('bad pacer period or slot count');
    this.#slotMs = this.periodMs / this.slotCount;
    this.#maxCatchUpMs = options.maxCatchUpMs ?? 100;
    this.#slots = Array.from({ length: this.slotCount }, () => []);
  }

  get size(): number {
    return this.#size;
  }
  /** Client ticks run so far. */
  get ticks(): number {
    return this.#ticks;
  }
  /** Milliseconds spent running client ticks since the pacer was created. */
  get busyMs(): number {
    return this.#busyMs;
  }
  /** Times the loop fell too far behind and skipped ahead. */
  get resyncs(): number {
    return this.#resyncs;
  }
  get running(): boolean {
    return this.#active;
  }

  add(client: PacerClient): PacerRegistration {
    let slot = 0;
    for (let i = 1; i < this.slotCount; i++) if (this.#slots[i]!.length < this.#slots[slot]!.length) slot = i;
    const entry: Entry = { client, slot, alive: true };
    this.#slots[slot]!.push(entry);
    this.#size++;
    if (!this.#active) {
      this.#active = true;
      this.#origin = this.#clock.now();
      this.#n = 0;
      if (!this.#inWake) this.#arm();
    }
    return {
      slot,
      remove: () => {
        if (!entry.alive) return;
        entry.alive = false;
        const list = this.#slots[slot]!;
        list.splice(list.indexOf(entry), 1);
        if (--this.#size === 0) this.#stop();
      },
    };
  }

  #dueOf(n: number): number {
    return this.#origin + n * this.#slotMs;
  }

  #arm(): void {
    const delay = this.#dueOf(this.#n) - this.#clock.now();
    this.#timer = this.#clock.setTimer(this.#wake, Math.max(1, Math.round(delay)));
  }

  #stop(): void {
    this.#active = false;
    if (this.#timer !== null) this.#clock.clearTimer(this.#timer);
    this.#timer = null;
  }

  readonly #wake = (): void => {
    this.#timer = null;
    this.#inWake = true;
    const start = this.#clock.now();
    let now = start;
    const behind = now - this.#dueOf(this.#n);
    if (behind > this.#maxCatchUpMs) {
      this.#n += Math.floor(behind / this.#slotMs);
      this.#resyncs++;
    }
    // Half a millisecond early is closer to the schedule than a whole timer granule late.
    while (this.#active && this.#dueOf(this.#n) <= now + 0.5) {
      const due = this.#dueOf(this.#n);
      const list = this.#slots[this.#n % this.slotCount]!;
      for (const entry of list.length > 1 ? list.slice() : list) {
        if (!entry.alive) continue;
        try {
          entry.client.tick(due);
        } catch (error) {
          if (!this.emit('clientError', error)) TypedEmitter.onListenerError(error, 'pacer tick');
        }
        this.#ticks++;
        this.lateness.record(Math.abs(this.#clock.now() - due));
      }
      this.#n++;
      now = this.#clock.now();
    }
    this.#busyMs += now - start;
    this.#inWake = false;
    if (this.#active) this.#arm();
  };

  /** Stops the loop and forgets every client (their owners close them). */
  close(): void {
    this.#stop();
    for (const list of this.#slots) {
      for (const e of list) e.alive = false;
      list.length = 0;
    }
    this.#size = 0;
  }
}
