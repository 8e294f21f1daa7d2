// What goes in and out of the ACD: commands' inputs, agent and interaction states, snapshots.
import type { AcdChannel, CapacityInput, OverflowTarget } from './config.ts';

/**
 * The agent's state as a wallboard shows it, derived from what the agent chose (presence) and what
 * the agent holds: an offer makes it `reserved` (ringing), a connected interaction `talking`, a
 * finished one not yet wrapped up `wrapUp`; otherwise the presence.
 */
export type AgentState = 'loggedOut' | 'ready' | 'notReady' | 'reserved' | 'talking' | 'wrapUp';
/** What the agent chose (签入/签出, 示闲/示忙). */
export type Presence = 'loggedOut' | 'ready' | 'notReady';

export interface AgentProfile {
  id: string;
  /** Skill name → level 1–10 (0 or absent: none). */
  skills: Readonly<Record<string, number>>;
  capacity?: CapacityInput;
}

export interface EnqueueInput {
  id: string;
  queueId: string;
  channel?: AcdChannel;
  /** The citizen's number (caller ID, or the SMS/WeChat sender when it is a number); drives VIP, elderly and repeat-caller rules. */
  callerNumber?: string | null;
  /** Set by the IVR/CTI: `emergency`, `elderly`, … matched by the queue's priority rules. */
  tags?: readonly string[];
  /** A floor for the computed priority, for the CTI's own reasons (e.g. a transfer back). */
  priority?: number;
}

export type InteractionStatus = 'waiting' | 'offered' | 'connected';
export type Outcome = 'answered' | 'abandoned' | 'overflowed';

export interface InteractionSnapshot {
  id: string;
  queueId: string;
  channel: AcdChannel;
  callerNumber: string | null;
  status: InteractionStatus;
  /** Higher is served first. */
  priority: number;
  /** Place in line among equal priorities: the arrival time, kept through overflow and callback. */
  sortKey: number;
  arrivedAt: number;
  queuedAt: number;
  /** How many relax steps apply now (0: the queue's own requirements). */
  stage: number;
  callback: boolean;
  /** Agents holding the offer (several only for ring-all). */
  offeredTo: string[];
  agentId: string | null;
}

export interface AgentInteractionView {
  interactionId: string;
  queueId: string;
  channel: AcdChannel;
  phase: 'offered' | 'connected' | 'wrapUp';
  since: number;
}

export interface AgentSnapshot {
  agentId: string;
  state: AgentState;
  presence: Presence;
  /** The not-ready reason, also while a call finishes after the agent asked to go not ready. */
  reason: string | null;
  since: number;
  skills: Record<string, number>;
  answered: number;
  interactions: AgentInteractionView[];
}

// Shared with the web wallboard, which cannot import server code.
export type { QueueSnapshot } from '@hotline/shared';

export interface CallbackEntry {
  /** One entry per number: a citizen who abandons three times is called back once. */
  callerNumber: string;
  queueId: string;
  interactionId: string;
  abandonedAt: number;
  waitedSeconds: number;
  attempts: number;
}

export type { OverflowTarget };
