// What a waiting citizen hears besides music: position and estimated wait, said only when one of
// them improved (a longer wait than already promised is never said), and comfort prompts in turn.
// Both run on the interaction's own timers while it waits; during an offer they skip a turn.
import type { AcdEvents } from './events.ts';
import type { Interaction } from './interaction.ts';
import type { AcdScheduler } from './scheduler.ts';

export class Announcer {
  constructor(
    private readonly s: AcdScheduler,
    private readonly events: AcdEvents,
    /** Runs a timer's work as an ACD mutation. */
    private readonly run: (fn: () => void) => void,
  ) {}

  /** Starts the announcements and comfort prompts of an interaction that just joined a queue. */
  start(ix: Interaction): void {
    const cfg = ix.queue.config;
    ix.lastPosition = null;
    ix.lastEwt = null;
    ix.comfortCount = 0;
    if (cfg.announcePeriodSeconds !== null) ix.announceTimer = this.s.setTimer(cfg.firstAnnounceSeconds * 1000, () => this.run(() => this.#announce(ix)));
    if (cfg.comfortPeriodSeconds !== null) ix.comfortTimer = this.s.setTimer(cfg.comfortPeriodSeconds * 1000, () => this.run(() => this.#comfort(ix)));
  }

  stop(ix: Interaction): void {
    ix.announceTimer?.cancel();
    ix.comfortTimer?.cancel();
    ix.announceTimer = ix.comfortTimer = null;
  }

  #announce(ix: Interaction): void {
    const q = ix.queue;
    ix.announceTimer = this.s.setTimer(q.config.announcePeriodSeconds! * 1000, () => this.run(() => this.#announce(ix)));
    if (ix.status !== 'waiting') return;
    const position = q.positionOf(ix, this.s.now());
    const ewt = q.ewtSeconds(position);
    const betterPosition = ix.lastPosition === null || position < ix.lastPosition;
    const betterEwt = ewt !== null && (ix.lastEwt === null || ewt < ix.lastEwt);
    if (!betterPosition && !betterEwt) return;
    // A longer wait than already promised is never said; the position alone is.
    const said = ewt !== null && (ix.lastEwt === null || ewt <= ix.lastEwt) ? ewt : null;
    ix.lastPosition = Math.min(position, ix.lastPosition ?? position);
    if (said !== null) ix.lastEwt = said;
    this.events.emit('announce', { interactionId: ix.id, queueId: q.id, position, ewtSeconds: said });
  }

  #comfort(ix: Interaction): void {
    const cfg = ix.queue.config;
    ix.comfortTimer = this.s.setTimer(cfg.comfortPeriodSeconds! * 1000, () => this.run(() => this.#comfort(ix)));
    if (ix.status !== 'waiting') return;
    const prompt = cfg.comfortPrompts[ix.comfortCount++ % cfg.comfortPrompts.length]!;
    this.events.emit('comfort', { interactionId: ix.id, queueId: ix.queue.id, prompt });
  }
}
