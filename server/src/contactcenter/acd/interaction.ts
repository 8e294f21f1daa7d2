// An interaction (call, chat, WeChat or SMS conversation, e-mail) while the ACD owns it: from
// `enqueue` until it is answered and hung up, abandoned, or overflowed out of the ACD.
import type { TimerHandle } from './scheduler.ts';
import type { AcdChannel } from './config.ts';
import type { InteractionSnapshot, InteractionStatus } from './types.ts';
import type { AgentRecord } from './agent.ts';
import type { Lane, WaitNode } from './lane.ts';
import type { QueueRuntime } from './queue.ts';

export interface Interaction {
  readonly id: string;
  readonly channel: AcdChannel;
  readonly callerNumber: string | null;
  readonly tags: readonly string[];
  readonly priorityFloor: number;
  /** The caller's earlier arrivals (ms) within the longest repeat-caller window, taken on arrival. */
  readonly earlierCalls: readonly number[];
  readonly arrivedAt: number;
  /** Place in line among equal priorities: the first arrival, kept through overflow and callback. */
  readonly sortKey: number;
  /** Arrivals before this one in the same millisecond (capped at 1023), to rank ties. */
  readonly tie: number;
  readonly seq: number;
  queue: QueueRuntime;
  priority: number;
  queuedAt: number;
  status: InteractionStatus;
  /** Counts the queues it entered (overflow moves it on): relax entries of an earlier one are stale. */
  entry: number;
  stage: number;
  lane: Lane | null;
  node: WaitNode | null;
  offeredTo: AgentRecord[];
  offerTimer: TimerHandle | null;
  pulled: boolean;
  agent: AgentRecord | null;
  callback: boolean;
  /** The maximum wait passed while an agent was being offered the interaction: overflow if that fails. */
  maxWaitReached: boolean;
  maxWaitTimer: TimerHandle | null;
  announceTimer: TimerHandle | null;
  comfortTimer: TimerHandle | null;
  lastPosition: number | null;
  lastEwt: number | null;
  comfortCount: number;
}

type Given = Pick<Interaction, 'id' | 'channel' | 'callerNumber' | 'tags' | 'priorityFloor' | 'earlierCalls' | 'arrivedAt' | 'sortKey' | 'tie' | 'seq' | 'queue'>;

/** A new interaction, not yet in its queue (the ACD's `enterQueue` sets the rest). Written out
 * field by field: a spread would give V8 a slower object shape for the ACD's hottest object. */
export function newInteraction(g: Given): Interaction {
  return {
    id: g.id,
    channel: g.channel,
    callerNumber: g.callerNumber,
    tags: g.tags,
    priorityFloor: g.priorityFloor,
    earlierCalls: g.earlierCalls,
    arrivedAt: g.arrivedAt,
    sortKey: g.sortKey,
    tie: g.tie,
    seq: g.seq,
    queue: g.queue,
    priority: 0,
    queuedAt: g.arrivedAt,
    status: 'waiting',
    entry: 0,
    stage: 0,
    lane: null,
    node: null,
    offeredTo: [],
    offerTimer: null,
    pulled: false,
    agent: null,
    callback: false,
    maxWaitReached: false,
    maxWaitTimer: null,
    announceTimer: null,
    comfortTimer: null,
    lastPosition: null,
    lastEwt: null,
    comfortCount: 0,
  };
}

export function snapshotInteraction(ix: Interaction): InteractionSnapshot {
  return {
    id: ix.id,
    queueId: ix.queue.id,
    channel: ix.channel,
    callerNumber: ix.callerNumber,
    status: ix.status,
    priority: ix.priority,
    sortKey: ix.sortKey,
    arrivedAt: ix.arrivedAt,
    queuedAt: ix.queuedAt,
    stage: ix.stage,
    callback: ix.callback,
    offeredTo: ix.offeredTo.map((a) => a.id),
    agentId: ix.agent?.id ?? null,
  };
}
