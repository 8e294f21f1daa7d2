import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Ctx } from '../context.ts';
import { AppError } from '../errors.ts';
import { actorOf } from '../http/authHooks.ts';
import { conversationServiceFor } from './service.ts';
import { InboxService } from './inbox.ts';
import { createWorkOrderFromConversation, fromConversationBody } from './workOrderFromConversation.ts';

const tags = ['inbox'];
const idParams = z.object({ id: z.string().uuid() });

/** The agents' unified inbox of text conversations from every channel. */
export async function inboxRoutes(app0: FastifyInstance, ctx: Ctx) {
  const app = app0.withTypeProvider<ZodTypeProvider>();
  const conversations = conversationServiceFor(ctx);
  conversations.onError = (err) => app.log.error({ err }, 'conversation delivery failed');
  const inbox = new InboxService(ctx, conversations);

  app.get(
    '/api/v1/inbox/conversations',
    {
      schema: {
        tags,
        summary: 'Conversations: mine (assigned to me), waiting (for any agent), all (supervisor)',
        querystring: z.object({ view: z.enum(['mine', 'waiting', 'all']).default('mine') }),
      },
    },
    async (req) => inbox.list(actorOf(req), req.query.view),
  );

  app.get('/api/v1/inbox/conversations/:id', { schema: { tags, summary: 'One conversation with the citizen, linked orders and history', params: idParams } }, async (req) =>
    inbox.get(actorOf(req), req.params.id, req.ip),
  );

  app.get(
    '/api/v1/inbox/conversations/:id/messages',
    {
      schema: {
        tags,
        summary: 'Messages in order; `after` (a message seq) returns only newer ones',
        params: idParams,
        querystring: z.object({ after: z.string().regex(/^\d{1,18}$/).optional() }),
      },
    },
    async (req) => inbox.messages(actorOf(req), req.params.id, req.query.after),
  );

  app.post(
    '/api/v1/inbox/take',
    { schema: { tags, summary: 'Take the conversation waiting longest (null when none waits)', body: z.object({}).strict().optional() } },
    async (req) => ({ conversation: await inbox.take(actorOf(req), undefined, req.ip) }),
  );

  app.post('/api/v1/inbox/conversations/:id/take', { schema: { tags, summary: 'Take this waiting conversation', params: idParams } }, async (req) => {
    const c = await inbox.take(actorOf(req), req.params.id, req.ip);
    return c!;
  });

  app.post(
    '/api/v1/inbox/conversations/:id/messages',
    {
      schema: { tags, summary: 'Reply; sent on the channel the citizen used', params: idParams, body: z.object({ text: z.string().trim().min(1).max(2000) }).strict() },
    },
    async (req, reply) => reply.status(201).send(await inbox.reply(actorOf(req), req.params.id, req.body.text)),
  );

  app.post(
    '/api/v1/inbox/conversations/:id/messages/:messageId/resend',
    { schema: { tags, summary: 'Send a message whose delivery failed again', params: z.object({ id: z.string().uuid(), messageId: z.string().uuid() }) } },
    async (req) => inbox.resend(actorOf(req), req.params.id, req.params.messageId),
  );

  app.post('/api/v1/inbox/conversations/:id/close', { schema: { tags, summary: 'Close the conversation', params: idParams } }, async (req) =>
    inbox.close(actorOf(req), req.params.id, req.ip),
  );

  app.post('/api/v1/inbox/conversations/:id/requeue', { schema: { tags, summary: 'Put the conversation back in the queue for another agent', params: idParams } }, async (req) =>
    inbox.requeue(actorOf(req), req.params.id, req.ip),
  );

  app.post(
    '/api/v1/inbox/conversations/:id/work-orders',
    { schema: { tags, summary: 'Register a work order from the conversation (转为工单)', params: idParams, body: fromConversationBody } },
    async (req, reply) => reply.status(201).send(await createWorkOrderFromConversation(ctx, inbox, conversations, actorOf(req), req.params.id, req.body, req.ip)),
  );

  app.get(
    '/api/v1/inbox/conversations/:id/attachments/:attachmentId',
    { schema: { tags, summary: 'A file the citizen sent in the conversation', params: z.object({ id: z.string().uuid(), attachmentId: z.string().uuid() }) } },
    async (req, reply) => {
      inbox.assertInboxRole(actorOf(req));
      const [a] = await ctx.db.query<{ mime: string; size: number; file_name: string; storage_key: string }>(
        `SELECT a.mime, a.size, a.file_name, a.storage_key FROM attachments a
          WHERE a.id = $2 AND EXISTS (SELECT 1 FROM conversation_messages m WHERE m.conversation_id = $1 AND m.attachment_id = a.id)`,
        [req.params.id, req.params.attachmentId],
      );
      if (!a) throw new AppError('ATTACHMENT_NOT_FOUND', 'attachment not found');
      reply.header('content-type', a.mime).header('content-length', a.size).header('x-content-type-options', 'nosniff');
      reply.header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(a.file_name)}`);
      return reply.send(await ctx.attachments.open(a.storage_key));
    },
  );

  app.get('/api/v1/inbox/quick-replies', { schema: { tags, summary: 'Quick replies (快捷回复)' } }, async (req) => {
    inbox.assertInboxRole(actorOf(req));
    return inbox.quickReplies();
  });

  app.put(
    '/api/v1/inbox/quick-replies',
    { schema: { tags, summary: 'Replace the quick replies (supervisor)', body: z.object({ items: z.array(z.string().trim().min(1).max(500)).max(50) }).strict() } },
    async (req) => inbox.setQuickReplies(actorOf(req), req.body.items, req.ip),
  );
}
