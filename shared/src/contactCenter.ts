// What the contact center's wallboard shows of one queue: the ACD produces it (server), the
// supervisor's wallboard renders it (web).

export interface QueueSnapshot {
  queueId: string;
  name: string;
  /** Citizens in line now, including those being offered to an agent; callbacks not included. */
  waiting: number;
  callbacksWaiting: number;
  longestWaitSeconds: number;
  answered: number;
  answeredWithinServiceLevel: number;
  abandoned: number;
  overflowed: number;
  callbacksCompleted: number;
  /** answered / (answered + abandoned); null before any call ended. */
  answerRate: number | null;
  /** answered within the service level / answered (the 15-second answer rate); null before any answer. */
  serviceLevelRate: number | null;
  agentsLoggedIn: number;
  agentsReady: number;
  /** What a citizen joining now would be told; null when nobody is logged in to serve the queue. */
  ewtSeconds: number | null;
}
