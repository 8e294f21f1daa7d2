import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { ERROR_CODES } from '@hotline/shared';
import type { Ctx } from './context.ts';
import type { AuthService } from './auth/authService.ts';
import { installErrorHandler } from './http/errorHandler.ts';
import { authenticator } from './http/authHooks.ts';
import { authRoutes } from './auth/routes.ts';
import { directoryRoutes } from './directory/routes.ts';
import { taxonomyRoutes } from './taxonomy/routes.ts';
import { calendarRoutes } from './calendar/routes.ts';
import { workOrderRoutes } from './workorders/routes.ts';
import { attachmentRoutes } from './attachments/routes.ts';
import { auditRoutes } from './audit/routes.ts';
import { publicRoutes } from './public/routes.ts';
import { statsRoutes } from './stats/routes.ts';
import { knowledgeRoutes } from './knowledge/routes.ts';
import { rateLimit } from './http/rateLimit.ts';
import { citizenRoutes } from './citizens/routes.ts';
import { inboxRoutes } from './conversations/routes.ts';
import { wechatRoutes } from './channels/wechat/routes.ts';
import { open311Routes } from './channels/open311/routes.ts';
import { integrationRoutes } from './integrations/routes.ts';
import { telephonyRoutes } from './telephony/routes.ts';
import { ctiRoutes } from './contactcenter/cti/routes.ts';
import { portalRoutes } from './portal/routes.ts';
import { webChatRoutes } from './channels/webchat/routes.ts';
import { smsRoutes } from './channels/sms/routes.ts';
import { emailChannel } from './channels/email/channel.ts';
import { intelligenceRoutes } from './intelligence/routes.ts';

const API_DESCRIPTION = [
  'REST API of the 12345 hotline platform. Sign in with `POST /api/v1/auth/login` and send the token as `Authorization: Bearer …`, or send an integration key as `X-API-Key`.',
  '',
  'Errors are `{ "error": { "code", "message", "details" } }`. The code is stable; each code has one HTTP status:',
  '',
  '| code | status |',
  '|---|---|',
  ...Object.entries(ERROR_CODES).map(([code, status]) => `| ${code} | ${status} |`),
].join('\n');

const webDist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');

/** Builds the whole HTTP app without listening, so tests can `inject()` into it. */
export async function buildApp(ctx: Ctx, auth: AuthService, opts: { logger?: boolean } = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ? { level: ctx.env.LOG_LEVEL } : false,
    bodyLimit: 1024 * 1024,
    trustProxy: true,
    ajv: { customOptions: { coerceTypes: false } },
    routerOptions: { maxParamLength: 500 },
    // Requests the router itself rejects (a path that is not valid UTF-8 …) answer in our error format too.
    frameworkErrors: (err, _req, reply) => {
      void (reply as unknown as { code(n: number): { send(b: unknown): void } }).code(400).send({ error: { code: 'VALIDATION_FAILED', message: err.message } });
    },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);

  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: ctx.env.ATTACHMENT_MAX_BYTES, files: 1, fields: 10 } });
  await app.register(swagger, {
    openapi: {
      info: { title: '12345 政务服务便民热线 API', version: '1', description: API_DESCRIPTION },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
        },
      },
      security: [{ bearer: [] }, { apiKey: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  const authenticate = authenticator(auth);
  app.addHook('onRequest', async (req) => {
    if (!req.url.startsWith('/api/')) return;
    if ((req.routeOptions.config as { public?: boolean } | undefined)?.public) return;
    // Unknown route (or the web app's catch-all, which answers /api/ paths with 404): no sign-in needed to be told so.
    if (req.routeOptions.url === undefined || req.routeOptions.url === '/*') return;
    await authenticate(req);
  });

  app.get('/healthz', { schema: { tags: ['system'], summary: 'Liveness and database check' } }, async () => {
    await ctx.db.query('SELECT 1');
    return { status: 'ok', database: ctx.db.kind, time: ctx.clock.now().toISOString() };
  });

  const limiter = rateLimit({ windowMs: 60_000, max: ctx.env.RATE_LIMIT_PER_MINUTE });
  app.addHook('onRequest', async (req) => {
    if (req.url.startsWith('/api/v1/public/') || req.url === '/api/v1/auth/login') limiter(req);
  });

  await authRoutes(app, auth, Boolean(ctx.env.PUBLIC_URL?.startsWith('https:')));
  await directoryRoutes(app, ctx, auth);
  await taxonomyRoutes(app, ctx);
  await calendarRoutes(app, ctx);
  await workOrderRoutes(app, ctx);
  await attachmentRoutes(app, ctx);
  await auditRoutes(app, ctx);
  await publicRoutes(app, ctx);
  await statsRoutes(app, ctx);
  await citizenRoutes(app, ctx);
  await inboxRoutes(app, ctx);
  await wechatRoutes(app, ctx);
  await knowledgeRoutes(app, ctx);
  await open311Routes(app, ctx, auth);
  await integrationRoutes(app, ctx, auth);
  await telephonyRoutes(app, ctx);
  await ctiRoutes(app, ctx);
  await portalRoutes(app, ctx);
  await webChatRoutes(app, ctx);
  await smsRoutes(app, ctx);
  await emailChannel(app, ctx);
  await intelligenceRoutes(app, ctx);

  if (existsSync(webDist)) {
    await app.register(fastifyStatic, { root: webDist, wildcard: false });
    // Client-side routes of the single-page app all load index.html.
    app.get('/*', { schema: { hide: true } }, (req, reply) => {
      if (req.url.startsWith('/api/')) return reply.status(404).send({ error: { code: 'NOT_FOUND', message: `no route ${req.method} ${req.url}` } });
      return reply.sendFile('index.html');
    });
  }
  return app;
}
