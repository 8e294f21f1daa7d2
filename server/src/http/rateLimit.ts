import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';

/**
 * A fixed-window limiter per client address for the few unauthenticated endpoints (login and
 * the citizen's progress query), so query codes and passwords cannot be guessed at speed.
 * In memory per node; behind several nodes the effective limit multiplies by the node count.
 */
export function rateLimit(opts: { windowMs: number; max: number }) {
  const hits = new Map<string, { n: number; until: number }>();
  return (req: FastifyRequest) => {
    const now = Date.now();
    if (hits.size > 50_000) for (const [k, v] of hits) if (v.until < now) hits.delete(k);
    const key = `${req.ip}|${req.routeOptions.url ?? req.url}`;
    const h = hits.get(key);
    if (!h || h.until < now) {
      hits.set(key, { n: 1, until: now + opts.windowMs });
      return;
    }
    h.n += 1;
    if (h.n > opts.max) throw new AppError('RATE_LIMITED', 'too many requests; try again later', { retryAfterSeconds: Math.ceil((h.until - now) / 1000) });
  };
}
