// HTTP routes of the knowledge base: search and reading for all staff, the editorial workflow for
// editors and reviewers (roles.ts), the agent's suggestions, and (registered from here) the public
// routes and the administration of synonyms and bot thresholds.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Ctx } from '../context.ts';
import { actorOf, requireRole } from '../http/authHooks.ts';
import { KnowledgeService } from './service.ts';
import { KnowledgeReader } from './reader.ts';
import { KnowledgeBot } from './bot.ts';
import { ivrKnowledgeTexts } from './ivr.ts';
import { EDITOR_ROLES } from './roles.ts';
import { knowledgeAdminRoutes } from './adminRoutes.ts';
import { knowledgePublicRoutes } from './publicRoutes.ts';
import { archiveBody, askBody, createArticleBody, editArticleBody, idParams, listQuery, reviewBody, searchQuerySchema, suggestBody, versionParams } from './schema.ts';

const tags = ['knowledge'];

export async function knowledgeRoutes(app0: FastifyInstance, ctx: Ctx) {
  const app = app0.withTypeProvider<ZodTypeProvider>();
  const service = new KnowledgeService(ctx);
  const reader = new KnowledgeReader(ctx);
  const bot = new KnowledgeBot(ctx);
  const editor = requireRole(...EDITOR_ROLES);

  app.get('/api/v1/knowledge/search', { schema: { tags, summary: 'Search published knowledge (internal and public) with highlights', querystring: searchQuerySchema } }, async (req) =>
    reader.search(req.query),
  );

  app.get('/api/v1/knowledge/tags', { schema: { tags, summary: 'Tags of published knowledge with their counts' } }, async () =>
    ctx.db.query(
      `SELECT t AS tag, count(*)::int AS count FROM knowledge_versions v, unnest(v.tags) t WHERE v.status = 'published' GROUP BY t ORDER BY count(*) DESC, t LIMIT 200`,
    ),
  );

  app.post('/api/v1/knowledge/suggest', { schema: { tags, summary: 'Articles and reply templates for a conversation or work order text (agent assist)', body: suggestBody } }, async (req) =>
    reader.suggest(req.body.text, { categoryId: req.body.categoryId, limit: req.body.limit }),
  );

  app.post('/api/v1/knowledge/ask', { schema: { tags, summary: 'Ask the citizens’ bot a question (to try it out)', body: askBody } }, async (req) => bot.answer(req.body.question));

  app.get('/api/v1/knowledge/ivr', { schema: { tags, summary: 'The spoken texts of the IVR’s policies-and-services branch (articles tagged ivr)' } }, async () =>
    ivrKnowledgeTexts(ctx),
  );

  app.get('/api/v1/knowledge/articles', { schema: { tags, summary: 'Editor lists: newest versions by state (status=reviewing is the review queue)', querystring: listQuery }, preHandler: editor }, async (req) =>
    service.list(actorOf(req), req.query),
  );

  app.post('/api/v1/knowledge/articles', { schema: { tags, summary: 'Create an article or reply template (a draft, version 1)', body: createArticleBody }, preHandler: editor }, async (req, reply) =>
    reply.status(201).send(await service.create(actorOf(req), req.body, req.ip)),
  );

  app.get('/api/v1/knowledge/articles/:id', { schema: { tags, summary: 'One article: the live version, and for editors the open draft', params: idParams } }, async (req) =>
    service.get(actorOf(req), req.params.id),
  );

  app.put(
    '/api/v1/knowledge/articles/:id',
    { schema: { tags, summary: 'Edit: saves the open draft, or opens a new draft version of a published article (which stays live)', params: idParams, body: editArticleBody }, preHandler: editor },
    async (req) => service.edit(actorOf(req), req.params.id, req.body, req.ip),
  );

  app.post('/api/v1/knowledge/articles/:id/submit', { schema: { tags, summary: 'Submit the draft for review', params: idParams }, preHandler: editor }, async (req) =>
    service.submit(actorOf(req), req.params.id, req.ip),
  );

  app.post('/api/v1/knowledge/articles/:id/review', { schema: { tags, summary: 'Approve (publish) or reject the version in review; not by its own authors', params: idParams, body: reviewBody }, preHandler: editor }, async (req) =>
    service.review(actorOf(req), req.params.id, req.body.approve, req.body.comment, req.ip),
  );

  app.post('/api/v1/knowledge/articles/:id/archive', { schema: { tags, summary: 'Take the live version off the air', params: idParams, body: archiveBody.optional() }, preHandler: editor }, async (req) =>
    service.archive(actorOf(req), req.params.id, req.body?.reason, req.ip),
  );

  app.delete('/api/v1/knowledge/articles/:id/draft', { schema: { tags, summary: 'Discard the open draft', params: idParams }, preHandler: editor }, async (req) =>
    service.discardDraft(actorOf(req), req.params.id, req.ip),
  );

  app.get('/api/v1/knowledge/articles/:id/versions', { schema: { tags, summary: 'The version history of an article', params: idParams }, preHandler: editor }, async (req) =>
    service.history(actorOf(req), req.params.id),
  );

  app.get('/api/v1/knowledge/articles/:id/versions/:version', { schema: { tags, summary: 'One version of an article', params: versionParams }, preHandler: editor }, async (req) =>
    service.version(actorOf(req), req.params.id, req.params.version),
  );

  await knowledgeAdminRoutes(app0, ctx);
  await knowledgePublicRoutes(app0, reader, bot);
}
