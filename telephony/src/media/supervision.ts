// A supervisor joining an agent's call, as "hears" rules on a Mixer holding the three of them:
//
//                 caller hears   agent hears      supervisor hears
//   listen        agent          caller           caller, agent    (nobody hears the supervisor)
//   whisper       agent          caller, super.   caller, agent    (coaching the agent only)
//   barge         agent, super.  caller, super.   caller, agent    (a three-way call)

import type { Mixer } from './mixer.ts';

export type SupervisorMode = 'listen' | 'whisper' | 'barge';

export interface SupervisedCall {
  caller: string;
  agent: string;
  supervisor: string;
}

export function applySupervisorMode(mixer: Mixer, call: SupervisedCall, mode: SupervisorMode): void {
  const { caller, agent, supervisor } = call;
  mixer.setHears(caller, agent, true);
  mixer.setHears(agent, caller, true);
  mixer.setHears(supervisor, caller, true);
  mixer.setHears(supervisor, agent, true);
  mixer.setHears(agent, supervisor, mode !== 'listen');
  mixer.setHears(caller, supervisor, mode === 'barge');
}
