import type { Ctx } from '../context.ts';
import type { Actor } from './actor.ts';

/**
 * The actor for work the platform does on its own behalf: a channel registering a citizen's
 * message (IVR voicemail, WeChat, email, Open311), automatic dispatch. It acts for the city's
 * hotline center, is not a user (no row in users), and every step it takes is still on the
 * timeline and in the audit log under `system:<name>`.
 */
export const SYSTEM_ACTOR_ID = '00000000-0000-4000-8000-000000000000';

export async function systemActor(ctx: Pick<Ctx, 'directory'>, name: string, displayName = '系统'): Promise<Actor> {
  const dir = await ctx.directory.fresh();
  const center = dir.cityCenter();
  if (!center) throw new Error('the directory has no city hotline center');
  return {
    kind: 'system',
    id: SYSTEM_ACTOR_ID,
    username: `system:${name}`,
    displayName,
    role: 'agent',
    departmentId: center.id,
    departmentName: center.name,
    departmentKind: center.kind,
    scope: { all: true },
  };
}
