import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { loginBody } from '@hotline/shared';
import type { AuthService } from './authService.ts';
import { presentActor } from './actor.ts';
import { actorOf, SESSION_COOKIE } from '../http/authHooks.ts';

export async function authRoutes(app0: FastifyInstance, auth: AuthService, secureCookies: boolean) {
  const app = app0.withTypeProvider<ZodTypeProvider>();
  app.post('/api/v1/auth/login', { schema: { tags: ['auth'], summary: 'Sign in; returns a bearer token and sets a session cookie', body: loginBody }, config: { public: true } }, async (req, reply) => {
    const { token, expiresAt, actor } = await auth.login(req.body.username, req.body.password, req.ip);
    reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure: secureCookies, path: '/', expires: expiresAt });
    return { token, expiresAt: expiresAt.toISOString(), user: presentActor(actor) };
  });
  app.post('/api/v1/auth/logout', { schema: { tags: ['auth'] } }, async (req, reply) => {
    const header = req.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7) : req.cookies[SESSION_COOKIE];
    if (token) await auth.logout(token);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });
  app.get('/api/v1/auth/me', { schema: { tags: ['auth'], summary: 'The signed-in caller' } }, async (req) => presentActor(actorOf(req)));
}
