// One agent's state: presence (what the agent chose), the pending offer, and the slots it holds per
// channel. The wallboard state is derived from these, so "talking" and "not ready after this call"
// can never contradict each other. Capacity rule: an agent holds at most one offer at a time (it
// never rings twice), connected and wrap-up interactions take a slot of their channel, text channels
// share one total, and with `voiceExcludesText` a voice slot and text slots never coexist.
import type { TimerHandle } from './scheduler.ts';
import type { AcdChannel, AcdConfig } from './config.ts';
import type { AgentState, Presence } from './types.ts';
import type { AgentNode, Lane } from './lane.ts';
import type { Interaction } from './interaction.ts';
import type { QueueRuntime } from './queue.ts';

export const CHANNEL_INDEX: Readonly<Record<AcdChannel, number>> = { voice: 0, chat: 1, wechat: 2, sms: 3, email: 4 };

export interface Slot {
  interactionId: string;
  channel: AcdChannel;
  queue: QueueRuntime;
  phase: 'connected' | 'wrapUp';
  since: number;
  answeredAt: number;
  wrapTimer: TimerHandle | null;
}

export class AgentRecord {
  readonly seq: number;
  skills = new Map<string, number>();
  /** Per channel (by CHANNEL_INDEX), then the shared text total. */
  readonly capacity: number[];
  readonly textTotal: number;
  presence: Presence = 'loggedOut';
  reason: string | null = null;
  offer: Interaction | null = null;
  offerSince = 0;
  readonly slots = new Map<string, Slot>();
  /** Slots held per channel, and by all text channels together. */
  readonly held = [0, 0, 0, 0, 0];
  textHeld = 0;
  /** When the agent last became free to take work (the longest-idle key). */
  idleSince = 0;
  answered = 0;
  /** Per queue: the global offer counter when this agent was last offered one of its interactions (round robin). */
  readonly lastOffer = new Map<QueueRuntime, number>();
  /** Per queue: the first relax stage whose requirements the agent meets (absent: never eligible). */
  readonly minStage = new Map<QueueRuntime, number>();
  /** Per queue: the sum of the agent's levels in the queue's skills (skills-weighted routing). */
  readonly score = new Map<QueueRuntime, number>();
  /** Every lane the agent qualifies for, whatever it is doing now. */
  lanes: Lane[] = [];
  /** The agent's heap node for each of `lanes` (same index), in that lane's heap while the agent is available there. */
  laneNodes: AgentNode[] = [];
  state: AgentState = 'loggedOut';
  stateReason: string | null = null;
  stateSince: number;

  constructor(
    readonly id: string,
    seq: number,
    capacity: AcdConfig['defaultCapacity'],
    now: number,
  ) {
    this.seq = seq;
    this.textTotal = capacity.text;
    this.capacity = [capacity.voice, capacity.chat ?? capacity.text, capacity.wechat ?? capacity.text, capacity.sms ?? capacity.text, capacity.email ?? capacity.text];
    this.stateSince = now;
  }

  /** May a new offer on `channel` go to this agent now? */
  canTake(channel: AcdChannel, voiceExcludesText: boolean): boolean {
    return this.presence === 'ready' && this.offer === null && this.hasRoom(channel, voiceExcludesText);
  }

  /** Is there a free slot for `channel`, whatever the presence? */
  hasRoom(channel: AcdChannel, voiceExcludesText: boolean): boolean {
    const c = CHANNEL_INDEX[channel];
    if (this.held[c]! >= this.capacity[c]!) return false;
    if (c === 0) return !(voiceExcludesText && this.textHeld > 0);
    return this.textHeld < this.textTotal && !(voiceExcludesText && this.held[0]! > 0);
  }

  /** Current load on a channel's group, the first routing key for text (spread chats evenly). */
  load(channel: AcdChannel): number {
    return channel === 'voice' ? this.held[0]! : this.textHeld;
  }

  hold(slot: Slot): void {
    this.slots.set(slot.interactionId, slot);
    this.#count(slot.channel, 1);
  }

  release(slot: Slot): void {
    this.slots.delete(slot.interactionId);
    this.#count(slot.channel, -1);
  }

  #count(channel: AcdChannel, d: number): void {
    const c = CHANNEL_INDEX[channel];
    this.held[c]! += d;
    if (c !== 0) this.textHeld += d;
  }

  /** The wallboard state (see AgentState). */
  derivedState(): AgentState {
    if (this.offer !== null) return 'reserved';
    let wrap = false;
    for (const s of this.slots.values()) {
      if (s.phase === 'connected') return 'talking';
      wrap = true;
    }
    return wrap ? 'wrapUp' : this.presence;
  }
}
