// The missed-call callback list (未接来电回拨): abandoned callers who waited long enough, one entry
// per number, oldest first. Whoever calls back takes entries off; a caller who gets through is
// taken off by the ACD.
import type { QueueConfig } from './config.ts';
import type { CallbackEntry } from './types.ts';

export class CallbackList {
  // Map order: the order of each number's latest abandon.
  readonly #byNumber = new Map<string, CallbackEntry>();

  /** Lists an abandoned call if the queue wants it; returns the entry, or null. */
  abandoned(cfg: QueueConfig, e: { interactionId: string; callerNumber: string | null; waitedMs: number; at: number }): CallbackEntry | null {
    const mc = cfg.missedCallback;
    if (!mc.enabled || e.callerNumber === null || e.waitedMs < mc.minWaitSeconds * 1000) return null;
    const prev = this.#byNumber.get(e.callerNumber);
    this.#byNumber.delete(e.callerNumber);
    const entry: CallbackEntry = {
      callerNumber: e.callerNumber,
      queueId: cfg.id,
      interactionId: e.interactionId,
      abandonedAt: e.at,
      waitedSeconds: Math.round(e.waitedMs / 1000),
      attempts: (prev?.attempts ?? 0) + 1,
    };
    this.#byNumber.set(e.callerNumber, entry);
    return { ...entry };
  }

  remove(callerNumber: string): boolean {
    return this.#byNumber.delete(callerNumber);
  }

  list(): CallbackEntry[] {
    return [...this.#byNumber.values()].map((e) => ({ ...e }));
  }
}
