// A domain-event listener that keeps track of its work in flight, so a test (or a shutdown) can
// wait until every order it was told about has been handled.

import type { DomainEventMap, DomainEvents } from '../../events.ts';

export interface ListenerHandle {
  /** Resolves when every event received so far has been handled. */
  idle(): Promise<void>;
  stop(): void;
}

export function trackedListener<K extends keyof DomainEventMap>(
  events: DomainEvents,
  name: K,
  handle: (e: DomainEventMap[K]) => Promise<void>,
): ListenerHandle {
  const pending = new Set<Promise<void>>();
  const off = events.on(name, (e) => {
    const p = handle(e).finally(() => pending.delete(p));
    pending.add(p);
    return p;
  });
  return {
    async idle() {
      while (pending.size) await Promise.allSettled([...pending]);
    },
    stop: off,
  };
}

export const NOOP_HANDLE: ListenerHandle = { idle: async () => {}, stop: () => {} };
