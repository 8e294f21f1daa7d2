// i18n keys and colours of the contact center's states, shared by the desktop and the wallboard.
import type { AgentState, CallState, EventsStatus } from '../../api/cti';
import type { Registration } from '../../softphone/state';
import type { MessageKey } from '../../i18n';

export const agentStateKey = (s: AgentState): MessageKey => `cti.state.${s}`;
export const callStateKey = (s: CallState): MessageKey => `cti.call.${s}`;
export const registrationKey = (r: Registration): MessageKey => `phone.reg.${r}`;
export const eventsKey = (s: EventsStatus): MessageKey => `cti.events.${s}`;

/** Reason codes beyond the known ones (ours, the ACD's `afterLogin` and `noAnswer`, `supervisor` for a forced not-ready) are shown as they come. */
export function reasonKey(reason: string | null | undefined): MessageKey | null {
  return reason && ['break', 'meal', 'training', 'meeting', 'other', 'supervisor', 'afterLogin', 'noAnswer'].includes(reason) ? (`cti.reason.${reason}` as MessageKey) : null;
}

export const AGENT_STATE_COLOR: Record<AgentState, string> = {
  loggedOut: 'default',
  ready: 'green',
  notReady: 'orange',
  reserved: 'gold',
  talking: 'blue',
  wrapUp: 'purple',
};

export const CALL_STATE_COLOR: Record<CallState, string> = {
  ivr: 'default',
  queued: 'orange',
  offered: 'gold',
  talking: 'blue',
  held: 'purple',
  survey: 'cyan',
  ended: 'default',
};

export const REGISTRATION_STATUS: Record<Registration, 'success' | 'processing' | 'error' | 'default' | 'warning'> = {
  idle: 'default',
  connecting: 'processing',
  connected: 'processing',
  registered: 'success',
  unregistered: 'default',
  failed: 'error',
};
