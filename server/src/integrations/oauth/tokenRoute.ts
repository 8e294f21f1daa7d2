import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import type { Ctx } from '../../context.ts';
import { OAuthClients, SCOPES, type ScopeName } from './clients.ts';

type OAuthErrorCode = 'invalid_request' | 'invalid_client' | 'unsupported_grant_type' | 'invalid_scope';

/** An error response of RFC 6749 §5.2. */
class OAuthError extends Error {
  constructor(
    readonly error: OAuthErrorCode,
    readonly description: string,
  ) {
    super(description);
  }
}

function sendError(reply: FastifyReply, e: OAuthError) {
  // invalid_client is a 401 with a challenge for the scheme clients should use (§5.2).
  if (e.error === 'invalid_client') reply.status(401).header('www-authenticate', 'Basic realm="hotline-api", charset="UTF-8"');
  else reply.status(400);
  return reply.header('cache-control', 'no-store').header('pragma', 'no-cache').send({ error: e.error, error_description: e.description });
}

/** Client credentials from HTTP Basic (§2.3.1: each part form-urlencoded) or from the body, never both. */
function credentials(authorization: string | undefined, form: URLSearchParams): { id: string; secret: string } {
  const inBody = form.has('client_id') || form.has('client_secret');
  if (authorization?.startsWith('Basic ')) {
    if (inBody) throw new OAuthError('invalid_request', 'send the client credentials in the Authorization header or in the body, not both');
    const decoded = Buffer.from(authorization.slice(6).trim(), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) throw new OAuthError('invalid_client', 'malformed Basic credentials');
    const unform = (s: string) => decodeURIComponent(s.replace(/\+/g, ' '));
    try {
      return { id: unform(decoded.slice(0, colon)), secret: unform(decoded.slice(colon + 1)) };
    } catch {
      throw new OAuthError('invalid_client', 'malformed Basic credentials');
    }
  }
  const id = form.get('client_id');
  const secret = form.get('client_secret');
  if (!id || !secret) throw new OAuthError('invalid_client', 'client authentication is required (HTTP Basic, or client_id and client_secret)');
  return { id, secret };
}

/** `POST /api/v1/oauth/token`: the token endpoint for the client credentials grant (RFC 6749 §4.4). */
export async function tokenRoute(app: FastifyInstance, ctx: Ctx, clients: OAuthClients) {
  await app.register(async (scope) => {
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 16 * 1024 }, (_req, body, done) => {
      done(null, new URLSearchParams(body as string));
    });
    scope.setErrorHandler((err: FastifyError, req, reply) => {
      if (err instanceof OAuthError) return sendError(reply, err);
      if (err.statusCode && err.statusCode < 500) return sendError(reply, new OAuthError('invalid_request', 'send the parameters as application/x-www-form-urlencoded'));
      req.log.error({ err }, 'token endpoint failed');
      return reply.status(500).send({ error: 'server_error', error_description: 'internal error' });
    });

    scope.post(
      '/api/v1/oauth/token',
      {
        schema: {
          tags: ['app api'],
          summary: 'OAuth2 token endpoint (client credentials grant, RFC 6749 §4.4): form-encoded grant_type=client_credentials, optional scope; client authenticates by HTTP Basic or client_id/client_secret',
          security: [],
        },
        config: { public: true },
      },
      async (req, reply) => {
        if (!(req.body instanceof URLSearchParams)) throw new OAuthError('invalid_request', 'send the parameters as application/x-www-form-urlencoded');
        const form = req.body;
        for (const name of new Set(form.keys())) {
          if (form.getAll(name).length > 1) throw new OAuthError('invalid_request', `parameter ${name} is repeated`);
        }
        const grantType = form.get('grant_type');
        if (!grantType) throw new OAuthError('invalid_request', 'grant_type is required');
        const cred = credentials(req.headers.authorization, form);
        const client = await clients.authenticate(cred.id, cred.secret);
        if (!client) throw new OAuthError('invalid_client', 'unknown client, wrong secret, or revoked client');
        if (grantType !== 'client_credentials') throw new OAuthError('unsupported_grant_type', 'only grant_type=client_credentials is supported');
        const asked = (form.get('scope') ?? '').split(' ').filter(Boolean);
        for (const s of asked) {
          if (!(SCOPES as readonly string[]).includes(s) || !client.scopes.includes(s as ScopeName)) {
            throw new OAuthError('invalid_scope', `scope ${s} is unknown or not granted to this client (granted: ${client.scopes.join(' ')})`);
          }
        }
        const scopes = asked.length ? [...new Set(asked as ScopeName[])] : client.scopes;
        const { token, expiresIn } = await clients.issueToken(client, scopes);
        await ctx.audit.append(ctx.db, { actorId: client.id, actorName: `client:${client.client_id}`, action: 'oauth.token', entity: 'oauthClient', entityId: client.id, detail: { scopes }, ip: req.ip });
        return reply
          .header('cache-control', 'no-store')
          .header('pragma', 'no-cache')
          .send({ access_token: token, token_type: 'Bearer', expires_in: expiresIn, scope: scopes.join(' ') });
      },
    );
  });
}
