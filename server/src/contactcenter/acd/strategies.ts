// Routing strategies as heap keys for a lane's available agents (smaller first). For text lanes the
// first key is the agent's current text load, so chats spread over agents before anyone gets a third
// one; for voice it is always 0. Ties end on the agent's login order so every decision is
// deterministic.
//   longestIdle    — free for the longest time (since the end of the last wrap-up or going ready)
//   fewestCalls    — fewest answered since login, then longest idle
//   roundRobin     — offered an interaction of this queue least recently (a rotation through the team)
//   skillsWeighted — highest sum of levels in the queue's skills, then longest idle
//   ringAll        — offers to up to `ringAllMax` agents at once in longest-idle order; first to answer wins
import type { AgentRecord } from './agent.ts';
import type { AgentNode, Lane } from './lane.ts';

/** Sets the node's keys for `lane`; true when they changed. */
export function setAgentKeys(node: { k0: number; k1: number; k2: number; k3: number }, lane: Lane, a: AgentRecord): boolean {
  const q = lane.queue;
  const k0 = a.load(lane.channel);
  let k1: number;
  let k2: number;
  let k3 = 0;
  switch (q.config.strategy) {
    case 'longestIdle':
    case 'ringAll':
      k1 = a.idleSince;
      k2 = a.seq;
      break;
    case 'fewestCalls':
      k1 = a.answered;
      k2 = a.idleSince;
      k3 = a.seq;
      break;
    case 'roundRobin':
      k1 = a.lastOffer.get(q) ?? -1;
      k2 = a.seq;
      break;
    case 'skillsWeighted':
      k1 = -(a.score.get(q) ?? 0);
      k2 = a.idleSince;
      k3 = a.seq;
      break;
  }
  if (node.k0 === k0 && node.k1 === k1 && node.k2 === k2 && node.k3 === k3) return false;
  node.k0 = k0;
  node.k1 = k1;
  node.k2 = k2;
  node.k3 = k3;
  return true;
}

export function newAgentNode(lane: Lane, agent: AgentRecord): AgentNode {
  const n: AgentNode = { pos: -1, k0: Number.NaN, k1: 0, k2: 0, k3: 0, agent };
  setAgentKeys(n, lane, agent);
  return n;
}
