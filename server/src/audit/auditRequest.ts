import type { FastifyRequest } from 'fastify';
import type { Queryable } from '../db/db.ts';
import type { Ctx } from '../context.ts';
import { actorOf } from '../http/authHooks.ts';

/**
 * Audits an administrative change made by the request's caller. The entity is the action's
 * prefix (`user.create` → `user`); pass `q` to write inside the change's own transaction.
 */
export function auditRequest(ctx: Ctx, req: FastifyRequest, action: string, entityId?: string | null, detail?: unknown, q: Queryable = ctx.db): Promise<void> {
  const actor = actorOf(req);
  return ctx.audit.append(q, { actorId: actor.id, actorName: actor.username, action, entity: action.split('.')[0]!, entityId, detail, ip: req.ip });
}
