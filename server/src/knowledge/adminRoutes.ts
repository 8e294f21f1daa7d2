// Administration of the knowledge base: the synonym list that expands queries, and the bot's thresholds.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Ctx } from '../context.ts';
import { requireRole } from '../http/authHooks.ts';
import { auditRequest } from '../audit/auditRequest.ts';
import { AppError } from '../errors.ts';
import { loadBotSettings, saveBotSettings } from './bot.ts';
import { EDITOR_ROLES } from './roles.ts';
import { botSettingsBody, idParams, synonymBody } from './schema.ts';

const tags = ['knowledge'];
const COLS = `id, terms, updated_at AS "updatedAt"`;

export async function knowledgeAdminRoutes(app0: FastifyInstance, ctx: Ctx) {
  const app = app0.withTypeProvider<ZodTypeProvider>();
  const admin = requireRole('admin');
  const notFound = () => new AppError('NOT_FOUND', 'synonym group not found');

  app.get('/api/v1/knowledge/synonyms', { schema: { tags, summary: 'Synonym groups that expand knowledge queries' }, preHandler: requireRole(...EDITOR_ROLES) }, async () =>
    ctx.db.query(`SELECT ${COLS} FROM knowledge_synonyms ORDER BY created_at, id`),
  );

  app.post('/api/v1/knowledge/synonyms', { schema: { tags, summary: 'Add a synonym group', body: synonymBody }, preHandler: admin }, async (req, reply) => {
    const now = ctx.clock.now();
    const [row] = await ctx.db.query<{ id: string }>(`INSERT INTO knowledge_synonyms (terms, created_at, updated_at) VALUES ($1, $2, $2) RETURNING ${COLS}`, [req.body.terms, now]);
    await auditRequest(ctx, req, 'knowledge.synonym.create', row!.id, req.body);
    return reply.status(201).send(row);
  });

  app.put('/api/v1/knowledge/synonyms/:id', { schema: { tags, summary: 'Replace the terms of a synonym group', params: idParams, body: synonymBody }, preHandler: admin }, async (req) => {
    const [row] = await ctx.db.query(`UPDATE knowledge_synonyms SET terms = $2, updated_at = $3 WHERE id = $1 RETURNING ${COLS}`, [req.params.id, req.body.terms, ctx.clock.now()]);
    if (!row) throw notFound();
    await auditRequest(ctx, req, 'knowledge.synonym.update', req.params.id, req.body);
    return row;
  });

  app.delete('/api/v1/knowledge/synonyms/:id', { schema: { tags, summary: 'Delete a synonym group', params: idParams }, preHandler: admin }, async (req, reply) => {
    const rows = await ctx.db.query('DELETE FROM knowledge_synonyms WHERE id = $1 RETURNING id', [req.params.id]);
    if (!rows.length) throw notFound();
    await auditRequest(ctx, req, 'knowledge.synonym.delete', req.params.id);
    return reply.status(204).send();
  });

  app.get('/api/v1/knowledge/bot-settings', { schema: { tags, summary: 'The bot’s answer / clarify / hand-over thresholds' }, preHandler: requireRole(...EDITOR_ROLES) }, async () =>
    loadBotSettings(ctx.db),
  );

  app.put('/api/v1/knowledge/bot-settings', { schema: { tags, summary: 'Change the bot’s thresholds', body: botSettingsBody }, preHandler: admin }, async (req) => {
    await saveBotSettings(ctx.db, req.body);
    await auditRequest(ctx, req, 'knowledge.botSettings', null, req.body);
    return loadBotSettings(ctx.db);
  });
}
