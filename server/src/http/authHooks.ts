import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Role } from '@hotline/shared';
import type { Actor } from '../auth/actor.ts';
import type { AuthService } from '../auth/authService.ts';
import { AppError, errors } from '../errors.ts';

export const SESSION_COOKIE = 'hotline_session';

declare module 'fastify' {
  interface FastifyRequest {
    actor?: Actor;
  }
}

/** Bearer token, session cookie, or `X-API-Key`, in that order. */
export function authenticator(auth: AuthService) {
  return async (req: FastifyRequest) => {
    const header = req.headers.authorization;
    const apiKey = req.headers['x-api-key'];
    if (header?.startsWith('Bearer ')) req.actor = await auth.fromBearer(header.slice(7).trim());
    else if (typeof apiKey === 'string' && apiKey) req.actor = await auth.fromApiKey(apiKey);
    else if (req.cookies?.[SESSION_COOKIE]) req.actor = await auth.fromSession(req.cookies[SESSION_COOKIE]!);
    else throw new AppError('UNAUTHENTICATED', 'authentication required');
  };
}

/** A preHandler that admits only the listed roles (after authentication). */
export function requireRole(...roles: Role[]) {
  return async (req: FastifyRequest, _reply: FastifyReply) => {
    if (!req.actor) throw errors.unauthenticated();
    if (!roles.includes(req.actor.role)) throw errors.forbidden(`this needs one of the roles: ${roles.join(', ')}`);
  };
}

export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw errors.unauthenticated();
  return req.actor;
}
