// The intelligence module's HTTP API: suggestions for an appeal, warnings, hotspots and
// duplicates, quality inspection, and what the optional AI providers add (summaries, call
// transcripts, a second opinion on analyze). Each part lives in its own folder with its routes.

import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../context.ts';
import { routingRoutes } from './routing/routes.ts';
import { warningRoutes } from './emotion/routes.ts';
import { hotspotRoutes } from './hotspots/routes.ts';
import { qualityRoutes } from './quality/routes.ts';
import { providersFromEnv, type Providers } from './providers/index.ts';
import { providerRoutes, secondOpinionHook } from './providers/routes.ts';

export async function intelligenceRoutes(app: FastifyInstance, ctx: Ctx, providers: Providers = providersFromEnv(ctx.env)) {
  // Analyze lives in its own scope so the second-opinion hook sees only its routes.
  await app.register(async (scoped) => {
    scoped.addHook('preSerialization', secondOpinionHook(ctx, providers));
    await routingRoutes(scoped, ctx);
  });
  await warningRoutes(app, ctx);
  await hotspotRoutes(app, ctx);
  await qualityRoutes(app, ctx);
  await providerRoutes(app, ctx, providers);
}
