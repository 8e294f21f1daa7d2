import type { Clock } from './clock.ts';
import { realClock } from './clock.ts';

// RFC 3261 §17.1.1.1 / Table 4: T1 is the RTT estimate, T2 the longest interval between
// non-INVITE retransmissions, T4 the longest a message stays in the network. Every other timer
// derives from them; tests shrink them or drive them with a FakeClock.

export interface TimerConfig {
  t1: number;
  t2: number;
  t4: number;
}

export const DEFAULT_TIMERS: TimerConfig = { t1: 500, t2: 4000, t4: 5000 };

export interface TransactionContext {
  clock: Clock;
  timers: TimerConfig;
}

export function defaultContext(): TransactionContext {
  return { clock: realClock, timers: DEFAULT_TIMERS };
}

/** 64·T1: timers B, F, H, J (and RFC 6026 L, M). */
export function timeout64(t: TimerConfig): number {
  return 64 * t.t1;
}
