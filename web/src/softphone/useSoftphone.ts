// The app's one softphone and the hook that renders from it. The phone lives outside any page so a
// call survives navigating between screens; the agent's sign-out (or the app's logout) stops it.
import { useSyncExternalStore } from 'react';
import { Softphone } from './phone';
import type { SoftphoneState } from './state';

export const softphone = new Softphone();

export function useSoftphone(): SoftphoneState {
  return useSyncExternalStore(softphone.subscribe, softphone.getState);
}
