import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../context.ts';
import type { AuthService } from '../auth/authService.ts';
import { AppError } from '../errors.ts';
import { ACCESS_TOKEN_PREFIX, OAuthClients, tokenScopes } from './oauth/clients.ts';
import { tokenRoute } from './oauth/tokenRoute.ts';
import { oauthClientRoutes } from './oauth/adminRoutes.ts';
import { webhookRoutes } from './webhooks/adminRoutes.ts';
import { subscribeWebhooks } from './webhooks/outbox.ts';

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The App API: OAuth2 client credentials (a city's own app calls the REST API with a bearer
 * token that acts with the client's role and data scope, limited to its scopes) and outgoing
 * webhooks (the outbox is filled here from domain events; `startWebhookWorker` sends it).
 */
export async function integrationRoutes(app: FastifyInstance, ctx: Ctx, auth: AuthService) {
  const clients = new OAuthClients(ctx);
  auth.registerBearerKind(ACCESS_TOKEN_PREFIX, (token) => clients.actorFromToken(token));
  // Runs after the authentication hook (hooks run in the order they were added).
  app.addHook('onRequest', async (req) => {
    const scopes = req.actor && tokenScopes.get(req.actor);
    if (!scopes) return;
    const needed = READ_METHODS.has(req.method) ? 'read' : 'write';
    if (!scopes.includes(needed)) throw new AppError('INSUFFICIENT_SCOPE', `this access token lacks the ${needed} scope`, { needed, granted: scopes });
  });
  await tokenRoute(app, ctx, clients);
  await oauthClientRoutes(app, ctx, clients);
  await webhookRoutes(app, ctx);
  const unsubscribe = subscribeWebhooks(ctx);
  app.addHook('onClose', async () => unsubscribe());
}
