// When waiting interactions move to their queue's next relax stage. One timer per queue instead of
// one per interaction, and every interaction due at the same instant is promoted before any of them
// is matched — so at a tie the higher-priority call, not the one whose timer happened to fire
// first, gets the agent who just became eligible. Entering a queue happens "now", so for each stage
// the due times come in the order of entry and a FIFO per stage suffices.
import type { Interaction } from './interaction.ts';
import type { AcdScheduler, TimerHandle } from './scheduler.ts';

/** What the schedule needs from the ACD to run its timer. */
export interface RelaxHost {
  s: AcdScheduler;
  /** Runs a timer's work as an ACD mutation. */
  run(fn: () => void): void;
  /** Does an entry still count (same stay in the queue, not answered or gone)? */
  live(ix: Interaction, entry: number): boolean;
  /** Interactions whose stage rose at one instant, to re-place and match. */
  raised(ixs: Interaction[]): void;
}

interface Entry {
  ix: Interaction;
  /** The interaction's queue entry this was scheduled for; a later entry (overflow) makes it stale. */
  entry: number;
}

export class RelaxSchedule {
  /** Per stage k ≥ 1: who becomes due for it, in due order. Index 0 unused. */
  readonly #due: Entry[][];
  readonly #heads: number[];
  #timer: TimerHandle | null = null;
  #timerAt = 0;

  constructor(readonly stageStartMs: readonly number[]) {
    this.#due = stageStartMs.map(() => []);
    this.#heads = stageStartMs.map(() => 0);
  }

  get hasStages(): boolean {
    return this.stageStartMs.length > 1;
  }

  add(ix: Interaction, entry: number): void {
    for (let k = 1; k < this.stageStartMs.length; k++) this.#due[k]!.push({ ix, entry });
  }

  /** Keeps one timer set for the earliest due promotion. */
  arm(host: RelaxHost): void {
    const due = this.nextDue(host.live);
    if (due === null || (this.#timer !== null && this.#timerAt <= due)) return;
    this.#timer?.cancel();
    this.#timerAt = due;
    this.#timer = host.s.setTimer(due - host.s.now(), () =>
      host.run(() => {
        this.#timer = null;
        host.raised(this.promote(host.s.now(), host.live));
        this.arm(host);
      }),
    );
  }

  /** The earliest due time of a live entry, or null. `live` tells whether an entry still counts. */
  nextDue(live: (ix: Interaction, entry: number) => boolean): number | null {
    let next: number | null = null;
    for (let k = 1; k < this.stageStartMs.length; k++) {
      const head = this.#head(k, live);
      if (head) {
        const at = head.ix.queuedAt + this.stageStartMs[k]!;
        if (next === null || at < next) next = at;
      }
    }
    return next;
  }

  /** Sets the stage of every live entry due at or before `now`; returns those whose stage rose. */
  promote(now: number, live: (ix: Interaction, entry: number) => boolean): Interaction[] {
    const raised = new Set<Interaction>();
    for (let k = 1; k < this.stageStartMs.length; k++) {
      for (;;) {
        const head = this.#head(k, live);
        if (!head || head.ix.queuedAt + this.stageStartMs[k]! > now) break;
        this.#heads[k]!++;
        if (head.ix.stage < k) {
          head.ix.stage = k;
          raised.add(head.ix);
        }
      }
      this.#compact(k);
    }
    return [...raised];
  }

  #head(k: number, live: (ix: Interaction, entry: number) => boolean): Entry | undefined {
    const list = this.#due[k]!;
    while (this.#heads[k]! < list.length && !live(list[this.#heads[k]!]!.ix, list[this.#heads[k]!]!.entry)) this.#heads[k]!++;
    return list[this.#heads[k]!];
  }

  #compact(k: number): void {
    const h = this.#heads[k]!;
    if (h > 1024 && h * 2 > this.#due[k]!.length) {
      this.#due[k]!.splice(0, h);
      this.#heads[k] = 0;
    }
  }
}
