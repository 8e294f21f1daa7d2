import type { DepartmentKind, Role } from '@hotline/shared';
import { CENTER_ROLES } from '@hotline/shared';

/** What a work order list or read may cover. */
export type Scope =
  | { all: true }
  | {
      all: false;
      /** Orders ever assigned to these departments. */
      departmentIds: readonly string[];
      /** Orders located in these districts (a district sub-center's). */
      regionIds: readonly string[];
      /** Orders registered by these centers (a district sub-center's own). */
      centerIds: readonly string[];
    };

/** The authenticated caller of a request: a user session, an integration's API key, or the platform itself (systemActor.ts). */
export interface Actor {
  kind: 'user' | 'apiKey' | 'system';
  id: string;
  username: string;
  displayName: string;
  role: Role;
  departmentId: string;
  departmentName: string;
  departmentKind: DepartmentKind;
  scope: Scope;
}

/** Staff of the hotline center (city or district) with a center role see citizens' identities. */
export function isHotlineStaff(actor: Actor): boolean {
  return (actor.departmentKind === 'center' || actor.departmentKind === 'district_center') && CENTER_ROLES.includes(actor.role);
}

export function presentActor(a: Actor) {
  return {
    id: a.id,
    username: a.username,
    displayName: a.displayName,
    role: a.role,
    departmentId: a.departmentId,
    departmentName: a.departmentName,
    departmentKind: a.departmentKind,
  };
}
