// Helpers for the ACD's tests: an ACD on a manual scheduler that records every event.
import { Acd } from './acd.ts';
import type { AcdConfigInput, QueueConfigInput } from './config.ts';
import type { AcdEventMap, AcdEventName } from './events.ts';
import { ManualScheduler } from './scheduler.ts';

export type Recorded = { [K in AcdEventName]: { name: K; e: AcdEventMap[K] } }[AcdEventName];

export const EVENT_NAMES: AcdEventName[] = ['offer', 'offerRevoked', 'offerTimeout', 'agentState', 'queueStats', 'queued', 'announce', 'comfort', 'overflow', 'abandoned', 'callbackListed', 'ended'];

export interface Kit {
  acd: Acd;
  clock: ManualScheduler;
  log: Recorded[];
  /** Events of one kind, in order. */
  of<K extends AcdEventName>(name: K): AcdEventMap[K][];
  /** Offers as "interaction→agent". */
  offers(): string[];
  clear(): void;
  seconds(s: number): void;
}

export function kit(config: AcdConfigInput, opts: { statsIntervalMs?: number } = {}): Kit {
  const clock = new ManualScheduler();
  const acd = new Acd(config, { scheduler: clock, statsIntervalMs: opts.statsIntervalMs });
  const log: Recorded[] = [];
  for (const name of EVENT_NAMES) acd.on(name, (e) => log.push({ name, e } as Recorded));
  return {
    acd,
    clock,
    log,
    of: <K extends AcdEventName>(name: K) => log.filter((r) => r.name === name).map((r) => r.e as AcdEventMap[K]),
    offers: () => log.filter((r) => r.name === 'offer').map((r) => `${(r.e as AcdEventMap['offer']).interactionId}→${(r.e as AcdEventMap['offer']).agentId}`),
    clear: () => void (log.length = 0),
    seconds: (s) => clock.advance(s * 1000),
  };
}

/** A one-queue configuration with quiet defaults (no announcements, no comfort, no wrap-up) unless overridden. */
export function oneQueue(q: Partial<QueueConfigInput> = {}, extra: Partial<AcdConfigInput> = {}): AcdConfigInput {
  return {
    queues: [{ id: 'q', name: 'Q', announcePeriodSeconds: null, comfortPeriodSeconds: null, wrapUpSeconds: 0, ...q }],
    ...extra,
  };
}
