// Citizens' routes (no sign-in, rate-limited with every /api/v1/public/ route): published, public,
// currently valid articles only, and the bot.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { KnowledgeReader } from './reader.ts';
import type { KnowledgeBot } from './bot.ts';
import { askBody, idParams, publicSearchQuery } from './schema.ts';

const tags = ['public'];

export async function knowledgePublicRoutes(app0: FastifyInstance, reader: KnowledgeReader, bot: KnowledgeBot) {
  const app = app0.withTypeProvider<ZodTypeProvider>();
  const config = { public: true };

  app.get('/api/v1/public/knowledge', { schema: { tags, summary: 'Search the public knowledge base (policies, procedures, FAQs)', querystring: publicSearchQuery }, config }, async (req) =>
    reader.publicSearch(req.query),
  );

  app.get('/api/v1/public/knowledge/:id', { schema: { tags, summary: 'One public article', params: idParams }, config }, async (req) => reader.publicArticle(req.params.id));

  app.post('/api/v1/public/knowledge/ask', { schema: { tags, summary: 'Ask the bot: an answer with its source article, a clarifying question, or a hand-over to a person', body: askBody }, config }, async (req) =>
    bot.answer(req.body.question),
  );
}
