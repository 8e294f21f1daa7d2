// The routing index: lanes, and which agents and interactions sit in which lane. It decides (best
// call for an agent, best agents for a call) in O(lanes of the agent) peeks plus O(log n) heap
// updates; it never changes who holds what — the Acd does that and tells the router.
import { before } from './heap.ts';
import type { AgentRecord } from './agent.ts';
import type { Interaction } from './interaction.ts';
import { Lane, type WaitNode } from './lane.ts';
import type { QueueRuntime } from './queue.ts';
import { newAgentNode, setAgentKeys } from './strategies.ts';

export class Router {
  readonly lanes: Lane[] = [];

  constructor(
    queues: Iterable<QueueRuntime>,
    readonly voiceExcludesText: boolean,
  ) {
    for (const q of queues) {
      for (const ch of q.config.channels) {
        const byStage = q.stages.map((_, k) => new Lane(this.lanes.length + k, q, k, ch));
        this.lanes.push(...byStage);
        q.lanes.set(ch, byStage);
      }
    }
  }

  /** Recomputes where the agent qualifies after its skills changed (or on login). */
  qualify(agent: AgentRecord, queues: Iterable<QueueRuntime>): void {
    this.forget(agent);
    agent.lanes = [];
    agent.minStage.clear();
    agent.score.clear();
    for (const q of queues) {
      const k = q.stageFor(agent.skills);
      if (k === undefined) {
        q.members.delete(agent);
        continue;
      }
      q.members.add(agent);
      agent.minStage.set(q, k);
      agent.score.set(q, q.scoreOf(agent.skills));
      for (const byStage of q.lanes.values()) agent.lanes.push(...byStage.slice(k));
    }
    // Nodes are made once here and reused: availability changes on every call, skills rarely.
    agent.laneNodes = agent.lanes.map((lane) => newAgentNode(lane, agent));
  }

  /** Takes the agent out of every lane's heap (logout, or before re-qualifying). */
  forget(agent: AgentRecord): void {
    agent.lanes.forEach((lane, i) => {
      const node = agent.laneNodes[i]!;
      if (node.pos !== -1) lane.agents.remove(node);
    });
  }

  /** Puts the agent in (or out of) each of its lanes' heaps according to what it can take now, with fresh keys. */
  refresh(agent: AgentRecord): void {
    const lanes = agent.lanes;
    for (let i = 0; i < lanes.length; i++) {
      const lane = lanes[i]!;
      const node = agent.laneNodes[i]!;
      if (!agent.canTake(lane.channel, this.voiceExcludesText)) {
        if (node.pos !== -1) lane.agents.remove(node);
      } else if (node.pos !== -1) {
        if (setAgentKeys(node, lane, agent)) lane.agents.update(node);
      } else {
        setAgentKeys(node, lane, agent);
        lane.agents.push(node);
      }
    }
  }

  /** Puts a waiting interaction in the lane of its queue, stage and channel. */
  place(ix: Interaction): void {
    const lane = ix.queue.lanes.get(ix.channel)![ix.stage]!;
    const node: WaitNode = { pos: -1, k0: -ix.priority, k1: ix.sortKey, k2: ix.seq, k3: 0, ix };
    lane.waiting.push(node);
    ix.lane = lane;
    ix.node = node;
  }

  unplace(ix: Interaction): void {
    if (ix.node && ix.lane) ix.lane.waiting.remove(ix.node);
    ix.node = null;
    ix.lane = null;
  }

  /** The first waiting interaction in line among those the agent may take now. */
  bestCallFor(agent: AgentRecord): Interaction | null {
    let best: WaitNode | undefined;
    const lanes = agent.lanes;
    for (let i = 0; i < lanes.length; i++) {
      if (agent.laneNodes[i]!.pos === -1) continue;
      const top = lanes[i]!.waiting.peek();
      if (top !== undefined && (best === undefined || before(top, best))) best = top;
    }
    return best?.ix ?? null;
  }

  /** The agent(s) to offer a waiting interaction to: the strategy's first, or up to ringAllMax for ring-all. */
  bestAgentsFor(ix: Interaction): AgentRecord[] {
    const lane = ix.lane;
    if (lane === null || lane.agents.size === 0) return [];
    if (ix.queue.config.strategy !== 'ringAll') return [lane.agents.peek()!.agent];
    const nodes = [];
    const max = ix.queue.config.ringAllMax;
    while (nodes.length < max && lane.agents.size > 0) nodes.push(lane.agents.pop()!);
    for (const n of nodes) lane.agents.push(n);
    return nodes.map((n) => n.agent);
  }

  /** Index inconsistencies (empty when sound); for tests. */
  check(agents: Iterable<AgentRecord>): string[] {
    const errors: string[] = [];
    for (const lane of this.lanes) {
      const name = `${lane.queue.id}/${lane.stage}/${lane.channel}`;
      if (!lane.waiting.isValid() || !lane.agents.isValid()) errors.push(`${name}: heap out of order`);
      if (lane.waiting.size > 0 && lane.agents.size > 0) errors.push(`${name}: waiting interaction and available agent not matched`);
      for (const n of lane.waiting.nodes()) {
        if (n.ix.status !== 'waiting' || n.ix.lane !== lane || n.ix.stage !== lane.stage) errors.push(`${name}: stale waiting ${n.ix.id}`);
      }
      for (const n of lane.agents.nodes()) if (n.agent.laneNodes[n.agent.lanes.indexOf(lane)] !== n) errors.push(`${name}: stale agent ${n.agent.id}`);
    }
    for (const a of agents) {
      a.lanes.forEach((lane, i) => {
        const want = a.canTake(lane.channel, this.voiceExcludesText);
        if (want !== (a.laneNodes[i]!.pos !== -1)) errors.push(`agent ${a.id}: lane ${lane.queue.id}/${lane.stage}/${lane.channel} membership ${!want}`);
      });
    }
    return errors;
  }
}
