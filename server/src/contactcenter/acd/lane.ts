// A lane is one (queue, relax stage, channel) triple: the unit of matching. It holds the waiting
// interactions of that queue, stage and channel in priority order, and every agent who may take
// them now in the queue's strategy order. An agent meeting stage k's requirements meets every later
// stage's too (relax steps only lower levels), so it sits in lanes k, k+1, …; an interaction sits in
// exactly one lane while it waits. The ACD keeps one invariant over all lanes: no lane has both a
// waiting interaction and an available agent — otherwise a match was missed.
import { KeyHeap, type HeapNode } from './heap.ts';
import type { AcdChannel } from './config.ts';
import type { AgentRecord } from './agent.ts';
import type { Interaction } from './interaction.ts';
import type { QueueRuntime } from './queue.ts';

export interface AgentNode extends HeapNode {
  readonly agent: AgentRecord;
}

/** Keys: higher priority first, then the earlier place in line, then arrival order. */
export interface WaitNode extends HeapNode {
  readonly ix: Interaction;
}

export class Lane {
  readonly waiting = new KeyHeap<WaitNode>();
  readonly agents = new KeyHeap<AgentNode>();
  constructor(
    readonly index: number,
    readonly queue: QueueRuntime,
    readonly stage: number,
    readonly channel: AcdChannel,
  ) {}
}
