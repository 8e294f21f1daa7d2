// Who may do what in the knowledge base. There is no separate "knowledge editor" role: the
// people who already own the content write it.
//  - dispatchers keep the dispatch catalogue and know every department's duties: they edit all;
//  - supervisors and administrators edit all and are the reviewers (never of their own text);
//  - a department leader edits the articles owned by their own department (its duty list,
//    its policies), and nothing else;
//  - every signed-in role reads published articles, internal and public.
import type { Role } from '@hotline/shared';
import type { Actor } from '../auth/actor.ts';
import { errors } from '../errors.ts';

export const EDITOR_ROLES: readonly Role[] = ['admin', 'supervisor', 'dispatcher', 'dept_leader'];
export const REVIEWER_ROLES: readonly Role[] = ['admin', 'supervisor'];

export function isEditor(actor: Actor): boolean {
  return EDITOR_ROLES.includes(actor.role);
}

/** Editors limited to their own department's articles. */
export function editsOwnDepartmentOnly(actor: Actor): boolean {
  return actor.role === 'dept_leader';
}

/** Throws unless the actor may edit an article owned by `ownerDepartmentId` (null: the hotline's own). */
export function assertMayEdit(actor: Actor, ownerDepartmentId: string | null): void {
  if (!isEditor(actor)) throw errors.forbidden(`editing knowledge needs one of the roles: ${EDITOR_ROLES.join(', ')}`);
  if (editsOwnDepartmentOnly(actor) && ownerDepartmentId !== actor.departmentId) {
    throw errors.forbidden('a department leader edits only the articles owned by their own department');
  }
}

export function assertReviewer(actor: Actor): void {
  if (!REVIEWER_ROLES.includes(actor.role)) throw errors.forbidden(`reviewing knowledge needs one of the roles: ${REVIEWER_ROLES.join(', ')}`);
}
