import { isHotlineStaff, type Actor } from '../auth/actor.ts';
import { maskName } from '../workorders/masking.ts';
import { maskIdentityValue } from './identity.ts';
import type { CitizenOrderRow, CitizenRow, IdentityRow } from './repository.ts';

/** Hotline staff see citizens in clear; leaders and auditors see them masked; departments not at all. */
export const seesCitizensInClear = (actor: Actor) => isHotlineStaff(actor);
export const canReadCitizens = (actor: Actor) => seesCitizensInClear(actor) || actor.role === 'leader' || actor.role === 'auditor';

const iso = (d: Date) => new Date(d).toISOString();

export function presentIdentity(clear: boolean, i: IdentityRow) {
  return { kind: i.kind, value: clear ? i.value : maskIdentityValue(i), linkedAt: iso(i.createdAt) };
}

export function presentCitizen(actor: Actor, c: CitizenRow, identities: IdentityRow[]) {
  const clear = seesCitizensInClear(actor);
  return {
    id: c.id,
    name: clear ? c.name : maskName(c.name),
    identities: identities.map((i) => presentIdentity(clear, i)),
    masked: !clear,
    createdAt: iso(c.createdAt),
  };
}

export function presentCitizenOrder(o: CitizenOrderRow) {
  return {
    id: o.id,
    trackingNumber: o.trackingNumber,
    title: o.title,
    status: o.status,
    channel: o.channel,
    type: o.type,
    createdAt: iso(o.createdAt),
    updatedAt: iso(o.updatedAt),
  };
}
