// The ACD's events, typed. The ACD is synchronous and re-entrant listeners are normal (the CTI may
// call `noAnswer` from inside an `offer` listener when a phone is unreachable), so events are queued
// while a command runs and delivered after it has finished: a listener always sees a consistent
// ACD, and commands it issues run as new top-level commands. A throwing listener never breaks the
// ACD; its error goes to `onListenerError`.
import type { AcdChannel, OverflowTarget } from './config.ts';
import type { AgentState, CallbackEntry, Outcome, QueueSnapshot } from './types.ts';

export interface AcdEventMap {
  /** Ring (or show) the interaction to the agent. */
  offer: { interactionId: string; agentId: string; queueId: string; channel: AcdChannel; callback: boolean; pulled: boolean; timeoutSeconds: number };
  /** Stop ringing: someone else answered (ring-all), the citizen hung up, or the agent logged out. */
  offerRevoked: { interactionId: string; agentId: string; reason: 'answeredElsewhere' | 'abandoned' | 'loggedOut' };
  /** The agent did not answer in time; the interaction goes to the next agent. */
  offerTimeout: { interactionId: string; agentId: string; queueId: string };
  agentState: { agentId: string; state: AgentState; reason: string | null; since: number };
  queueStats: QueueSnapshot;
  /** The interaction is in line (again): play the queue's music on hold. */
  queued: { interactionId: string; queueId: string; musicOnHold: string };
  /** Position and estimated wait; sent only when one of them improved. ewtSeconds is null when unknown or worse than last said. */
  announce: { interactionId: string; queueId: string; position: number; ewtSeconds: number | null };
  comfort: { interactionId: string; queueId: string; prompt: string };
  overflow: { interactionId: string; fromQueueId: string; to: OverflowTarget };
  abandoned: { interactionId: string; queueId: string; waitedSeconds: number };
  callbackListed: CallbackEntry;
  /** The interaction left the ACD; every enqueued interaction ends exactly once. */
  ended: { interactionId: string; queueId: string; outcome: Outcome };
}

export type AcdEventName = keyof AcdEventMap;
type Listener<K extends AcdEventName> = (e: AcdEventMap[K]) => void;

export class AcdEvents {
  readonly #listeners: { [K in AcdEventName]?: Listener<K>[] } = {};
  readonly #outbox: { name: AcdEventName; payload: unknown }[] = [];
  #head = 0;
  #flushing = false;
  onListenerError: (err: unknown, event: AcdEventName) => void = () => {};

  on<K extends AcdEventName>(name: K, fn: Listener<K>): () => void {
    const list = (this.#listeners[name] ??= []) as Listener<K>[];
    list.push(fn);
    return () => {
      const i = list.indexOf(fn);
      if (i >= 0) list.splice(i, 1);
    };
  }

  /** True when someone listens (so costly payloads can be skipped). */
  wanted(name: AcdEventName): boolean {
    return (this.#listeners[name]?.length ?? 0) > 0;
  }

  /** Queues an event; delivered by `flush`. */
  emit<K extends AcdEventName>(name: K, payload: AcdEventMap[K]): void {
    if (this.wanted(name)) this.#outbox.push({ name, payload });
  }

  /** Delivers queued events in order, including those that listeners cause meanwhile. */
  flush(): void {
    if (this.#flushing) return;
    this.#flushing = true;
    try {
      while (this.#head < this.#outbox.length) {
        const { name, payload } = this.#outbox[this.#head++]!;
        for (const fn of [...(this.#listeners[name] ?? [])] as Listener<AcdEventName>[]) {
          try {
            fn(payload as never);
          } catch (err) {
            try {
              this.onListenerError(err, name);
            } catch {
              // nowhere left to report it; the ACD must go on
            }
          }
        }
      }
    } finally {
      this.#outbox.length = 0;
      this.#head = 0;
      this.#flushing = false;
    }
  }
}
