// The intelligence module's HTTP API: suggestions for an appeal, warnings, hotspots and
// duplicates, quality inspection. Each part lives in its own folder with its routes.

import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../context.ts';
import { routingRoutes } from './routing/routes.ts';
import { warningRoutes } from './emotion/routes.ts';
import { hotspotRoutes } from './hotspots/routes.ts';
import { qualityRoutes } from './quality/routes.ts';

export async function intelligenceRoutes(app: FastifyInstance, ctx: Ctx) {
  await routingRoutes(app, ctx);
  await warningRoutes(app, ctx);
  await hotspotRoutes(app, ctx);
  await qualityRoutes(app, ctx);
}
