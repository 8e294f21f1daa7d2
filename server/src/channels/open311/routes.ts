import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Ctx } from '../../context.ts';
import type { AuthService } from '../../auth/authService.ts';
import { AppError } from '../../errors.ts';
import { WorkOrderService } from '../../workorders/service.ts';
import { open311Caller } from './apiKey.ts';
import { definitionOf } from './attributes.ts';
import { discovery, serviceDefinition, serviceEntry } from './documents.ts';
import { badRequest, notFound, Open311Error } from './errors.ts';
import { CONTENT_TYPES, List, render, splitFormat, type Format, type Value } from './format.ts';
import { findRequests, parseFilter } from './query.ts';
import { findService, loadServices } from './services.ts';
import { submitRequest } from './submit.ts';
import { open311AdminRoutes } from './adminRoutes.ts';

export const OPEN311_BASE = '/open311/v2';
const FORMATS: Format[] = ['xml', 'json'];
const TAGS = ['open311'];
// Open311 reads are public and POST takes the spec's api_key field, not our bearer or X-API-Key schemes.
const NO_BEARER: [] = [];

const formatOfUrl = (url: string): Format => (/\.json$/.test(url.split('?')[0]!) ? 'json' : 'xml');

function send(reply: FastifyReply, format: Format, status: number, root: string, v: Value) {
  return reply.status(status).header('content-type', CONTENT_TYPES[format]).send(render(format, root, v));
}

function sendErrors(reply: FastifyReply, format: Format, status: number, descriptions: string[]) {
  return send(reply, format, status, 'errors', new List('error', descriptions.map((description) => ({ code: status, description }))));
}

/** `033.json` → { name: '033', format: 'json' }; anything else is a resource that does not exist. */
function fileParam(req: FastifyRequest, what: string) {
  const f = splitFormat((req.params as { file: string }).file);
  if (!f) throw notFound(`${what} not found (the URL must end in .xml or .json)`);
  return f;
}

/**
 * Open311 GeoReport v2 under /open311/v2/: discovery, services, service definitions, POST and
 * GET requests, tokens — XML (required by the spec) and JSON (Spark convention). Errors are the
 * spec's array of {code, description}, in the format the URL asked for.
 */
export async function open311Routes(app: FastifyInstance, ctx: Ctx, auth: AuthService) {
  const orders = new WorkOrderService(ctx);
  const type = () => ctx.env.OPEN311_SERVICE_TYPE;

  await app.register(
    async (scope) => {
      scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_req, body, done) => {
        done(null, new URLSearchParams(body as string));
      });

      scope.setErrorHandler((err: FastifyError, req, reply) => {
        const format = formatOfUrl(req.url);
        if (err instanceof Open311Error) return sendErrors(reply, format, err.status, err.descriptions);
        if (err instanceof AppError) {
          const status = err.status === 403 || err.status === 404 ? err.status : 400;
          return sendErrors(reply, format, status, [err.message]);
        }
        if (err.statusCode === 413) return sendErrors(reply, format, 400, ['the request body is too large']);
        if (err.statusCode === 415) return sendErrors(reply, format, 400, ['send the arguments as application/x-www-form-urlencoded']);
        if (err.statusCode && err.statusCode < 500) return sendErrors(reply, format, 400, [err.message]);
        // The spec's "general service error" is a 400 too; the cause goes to our log, not to the client.
        req.log.error({ err }, 'open311 request failed');
        return sendErrors(reply, format, 400, ['general service error; please try again later or contact the hotline']);
      });
      const noResource = (req: FastifyRequest, reply: FastifyReply) => sendErrors(reply, formatOfUrl(req.url), 404, [`no resource ${req.url.split('?')[0]}`]);
      scope.setNotFoundHandler(noResource);
      // The web app's catch-all (index.html for client-side routes) must not answer under our base.
      scope.get('/*', { schema: { hide: true } }, noResource);

      for (const format of FORMATS) {
        scope.get(`/discovery.${format}`, { schema: { tags: TAGS, security: NO_BEARER, summary: `Service discovery (${format})` } }, async (req, reply) => {
          const base = `${ctx.env.PUBLIC_URL?.replace(/\/$/, '') ?? `${req.protocol}://${req.host}`}${OPEN311_BASE}`;
          return send(reply, format, 200, 'discovery', await discovery(ctx, base));
        });

        scope.get(`/services.${format}`, { schema: { tags: TAGS, security: NO_BEARER, summary: `Service list: second-level categories grouped by first level (${format})` } }, async (_req, reply) => {
          const services = [...(await loadServices(ctx.db)).values()].filter((s) => s.active);
          return send(reply, format, 200, 'services', new List('service', services.map((s) => serviceEntry(s, type()))));
        });

        scope.post(`/requests.${format}`, { schema: { tags: TAGS, security: NO_BEARER, summary: `Create a service request (form-encoded, api_key required) (${format})` } }, async (req, reply) => {
          const form = req.body instanceof URLSearchParams ? req.body : null;
          if (!form) throw badRequest('send the arguments as application/x-www-form-urlencoded');
          const key = form.get('api_key') || (req.query as Record<string, string | undefined>).api_key || (req.headers['x-api-key'] as string | undefined);
          const keyName = await open311Caller(ctx, auth, key?.trim());
          const s = await submitRequest(ctx, orders, form, keyName, req.ip);
          const entry = type() === 'batch'
            ? { token: s.token, service_notice: s.serviceNotice, account_id: s.accountId }
            : { service_request_id: s.serviceRequestId, service_notice: s.serviceNotice, account_id: s.accountId };
          return send(reply, format, 200, 'service_requests', new List('request', [entry]));
        });

        scope.get(`/requests.${format}`, { schema: { tags: TAGS, security: NO_BEARER, summary: `Service requests: filters service_request_id, service_code, start_date, end_date, status (${format})` } }, async (req, reply) => {
          const filter = parseFilter(req.query as Record<string, string>, ctx.clock.now());
          return send(reply, format, 200, 'service_requests', new List('request', await findRequests(ctx, filter)));
        });
      }

      scope.get('/services/:file', { schema: { tags: TAGS, security: NO_BEARER, summary: 'Service definition with its attributes (services/{service_code}.xml|json)' } }, async (req, reply) => {
        const { name, format } = fileParam(req, 'service definition');
        const service = await findService(ctx.db, name);
        if (!service) throw notFound(`service_code ${name} was not found`);
        return send(reply, format, 200, 'service_definition', serviceDefinition(service, await definitionOf(ctx.db, service)));
      });

      scope.get('/requests/:file', { schema: { tags: TAGS, security: NO_BEARER, summary: 'One service request (requests/{service_request_id}.xml|json)' } }, async (req, reply) => {
        const { name, format } = fileParam(req, 'service request');
        const found = /^\d{13}$/.test(name) ? await findRequests(ctx, { ids: [name], start: new Date(0), end: new Date(0) }) : [];
        if (!found.length) throw notFound(`service_request_id ${name} was not found`);
        return send(reply, format, 200, 'service_requests', new List('request', found));
      });

      scope.get('/tokens/:file', { schema: { tags: TAGS, security: NO_BEARER, summary: 'The service_request_id behind a token (tokens/{token}.xml|json)' } }, async (req, reply) => {
        const { name, format } = fileParam(req, 'token');
        const [row] = /^[0-9a-f-]{36}$/i.test(name)
          ? await ctx.db.query<{ tracking_number: string }>(
              'SELECT w.tracking_number FROM open311_requests r JOIN work_orders w ON w.id = r.work_order_id WHERE r.token = $1',
              [name.toLowerCase()],
            )
          : [];
        if (!row) throw notFound(`token ${name} was not found`);
        return send(reply, format, 200, 'service_requests', new List('request', [{ service_request_id: row.tracking_number, token: name }]));
      });
    },
    { prefix: OPEN311_BASE },
  );

  await open311AdminRoutes(app, ctx);
}
