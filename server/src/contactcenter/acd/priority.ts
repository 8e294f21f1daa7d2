// Priority of an interaction in a queue: the queue's base priority plus the highest matching rule
// (emergency tag, 适老化 elderly line or registered elderly number, VIP list, repeat caller), never
// below the floor the CTI gave. Repeat callers are recognised from the ACD's own memory of arrivals.
import type { AcdConfig, PriorityCondition, QueueConfig } from './config.ts';

export interface PriorityInput {
  tags: readonly string[];
  callerNumber: string | null;
  priorityFloor: number;
  earlierCalls: readonly number[];
  arrivedAt: number;
}

export function matches(when: PriorityCondition, ix: PriorityInput, lists: ReadonlyMap<string, ReadonlySet<string>>): boolean {
  switch (when.kind) {
    case 'tag':
      return ix.tags.includes(when.tag);
    case 'numberList':
      return ix.callerNumber !== null && (lists.get(when.list)?.has(ix.callerNumber) ?? false);
    case 'repeatCaller': {
      const since = ix.arrivedAt - when.withinSeconds * 1000;
      let n = 0;
      for (const t of ix.earlierCalls) if (t >= since) n++;
      return n >= when.minPreviousCalls;
    }
  }
}

export function priorityIn(queue: QueueConfig, ix: PriorityInput, lists: ReadonlyMap<string, ReadonlySet<string>>): number {
  let p = ix.priorityFloor;
  for (const r of queue.priorityRules) if (r.priority > p && matches(r.when, ix, lists)) p = r.priority;
  return queue.basePriority + p;
}

/** Arrivals per caller number, kept only as long as the longest repeat-caller window needs. */
export class CallerHistory {
  readonly #windowMs: number;
  // Map order is the order of each number's latest call (re-inserted on every call), so the
  // stale entries are always at the front and pruning never scans the rest.
  readonly #calls = new Map<string, number[]>();
  static readonly MAX_PER_NUMBER = 20;

  constructor(config: AcdConfig) {
    let w = 0;
    for (const q of config.queues) for (const r of q.priorityRules) if (r.when.kind === 'repeatCaller') w = Math.max(w, r.when.withinSeconds);
    this.#windowMs = w * 1000;
  }

  /** Earlier calls of `number` within the window, then records this one. */
  arrive(number: string | null, now: number): number[] {
    if (number === null || this.#windowMs === 0) return [];
    this.#prune(now);
    const since = now - this.#windowMs;
    const times = this.#calls.get(number);
    if (times === undefined) {
      this.#calls.set(number, [now]);
      return [];
    }
    let drop = 0;
    while (drop < times.length && times[drop]! < since) drop++;
    if (drop > 0) times.splice(0, drop);
    const earlier = times.slice();
    times.push(now);
    if (times.length > CallerHistory.MAX_PER_NUMBER) times.shift();
    // Re-inserted so the map stays in order of each number's latest call.
    this.#calls.delete(number);
    this.#calls.set(number, times);
    return earlier;
  }

  get size(): number {
    return this.#calls.size;
  }

  #prune(now: number): void {
    const since = now - this.#windowMs;
    for (const [n, times] of this.#calls) {
      if (times[times.length - 1]! >= since) break;
      this.#calls.delete(n);
    }
  }
}
