// Internal consistency of the ACD (indexes, offers, capacities), for tests and diagnostics: the
// property tests call it after every step, beside their own checks from the outside.
import type { AgentRecord } from './agent.ts';
import type { Interaction } from './interaction.ts';
import type { Router } from './router.ts';

export function checkAcd(router: Router, agents: Iterable<AgentRecord>, ixs: Iterable<Interaction>, voiceExcludesText: boolean): string[] {
  const all = [...agents];
  const errors = router.check(all);
  for (const a of all) {
    if (a.offer && !a.offer.offeredTo.includes(a)) errors.push(`agent ${a.id}: offer ${a.offer.id} does not list it`);
    a.held.forEach((n, c) => n > a.capacity[c]! && errors.push(`agent ${a.id}: over capacity on channel ${c}`));
    if (a.textHeld > a.textTotal) errors.push(`agent ${a.id}: over text capacity`);
    if (voiceExcludesText && a.held[0]! > 0 && a.textHeld > 0) errors.push(`agent ${a.id}: voice and text together`);
  }
  for (const ix of ixs) {
    if (ix.status === 'offered' && ix.offeredTo.length === 0) errors.push(`interaction ${ix.id}: offered to nobody`);
    if (ix.status === 'offered' && ix.offeredTo.length > 1 && ix.queue.config.strategy !== 'ringAll') errors.push(`interaction ${ix.id}: offered to several`);
    for (const a of ix.offeredTo) if (a.offer !== ix) errors.push(`interaction ${ix.id}: agent ${a.id} holds another offer`);
    if (ix.status === 'waiting' && !ix.node) errors.push(`interaction ${ix.id}: waiting but not in a lane`);
  }
  return errors;
}
