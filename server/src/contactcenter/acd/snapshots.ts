// Read-only views for the wallboard (班长 monitoring) and the agent desktop.
import type { AgentRecord } from './agent.ts';
import type { AcdEvents } from './events.ts';
import type { AcdScheduler, TimerHandle } from './scheduler.ts';
import type { QueueRuntime } from './queue.ts';
import type { AgentInteractionView, AgentSnapshot, QueueSnapshot } from './types.ts';

export function queueSnapshot(q: QueueRuntime, now: number): QueueSnapshot {
  const c = q.counters;
  const first = q.live.values().next();
  let ready = 0;
  for (const a of q.members) if (a.state === 'ready') ready++;
  const ended = c.answered + c.abandoned;
  return {
    queueId: q.id,
    name: q.config.name,
    waiting: q.live.size,
    callbacksWaiting: q.callbacks.size,
    longestWaitSeconds: first.done ? 0 : Math.max(0, Math.floor((now - first.value.queuedAt) / 1000)),
    answered: c.answered,
    answeredWithinServiceLevel: c.answeredWithinServiceLevel,
    abandoned: c.abandoned,
    overflowed: c.overflowed,
    callbacksCompleted: c.callbacksCompleted,
    answerRate: ended === 0 ? null : c.answered / ended,
    serviceLevelRate: c.answered === 0 ? null : c.answeredWithinServiceLevel / c.answered,
    agentsLoggedIn: q.loggedIn,
    agentsReady: ready,
    ewtSeconds: q.ewtSeconds(q.live.size + q.callbacks.size + 1),
  };
}

export function agentSnapshot(a: AgentRecord): AgentSnapshot {
  const interactions: AgentInteractionView[] = [];
  if (a.offer) interactions.push({ interactionId: a.offer.id, queueId: a.offer.queue.id, channel: a.offer.channel, phase: 'offered', since: a.offerSince });
  for (const s of a.slots.values()) interactions.push({ interactionId: s.interactionId, queueId: s.queue.id, channel: s.channel, phase: s.phase, since: s.since });
  return {
    agentId: a.id,
    state: a.state,
    presence: a.presence,
    reason: a.presence === 'notReady' ? a.reason : null,
    since: a.stateSince,
    skills: Object.fromEntries(a.skills),
    answered: a.answered,
    interactions,
  };
}

/** `queueStats` events, batched: at most one per queue per interval, and nothing when nobody listens. */
export class StatsPublisher {
  readonly #dirty = new Set<QueueRuntime>();
  #timer: TimerHandle | null = null;

  constructor(
    private readonly s: AcdScheduler,
    private readonly events: AcdEvents,
    private readonly intervalMs: number,
    private readonly run: (fn: () => void) => void,
  ) {}

  dirty(q: QueueRuntime): void {
    if (!this.events.wanted('queueStats')) return;
    this.#dirty.add(q);
    this.#timer ??= this.s.setTimer(this.intervalMs, () =>
      this.run(() => {
        this.#timer = null;
        const now = this.s.now();
        for (const d of this.#dirty) this.events.emit('queueStats', queueSnapshot(d, now));
        this.#dirty.clear();
      }),
    );
  }
}
