// 在线咨询: the portal's chat window. A visitor starts a chat with a solved proof-of-work and gets a
// token (sent back as the X-Chat-Token header); what they write goes to ConversationService on the
// `web` channel, so the configured bot answers first and agents take over in the inbox. The browser
// long-polls for what the bot and agents say.
import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Ctx } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { conversationServiceFor } from '../../conversations/index.ts';
import * as citizens from '../../citizens/repository.ts';
import { powSolution } from '../../portal/pow.ts';
import { proofOfWorkFor } from '../../portal/routes.ts';
import { WebChatSender } from './sender.ts';

export const CHAT_TOKEN_HEADER = 'x-chat-token';
/** The identity kind of a chat visitor; its value is the sha256 of the visitor's token. */
export const WEBCHAT_KIND = 'webchat';
const MAX_WAIT_SECONDS = 25;
/** How often a long poll looks at the database, for replies stored by another server node. */
const RECHECK_MS = 2000;

const tags = ['public'];
const config = { public: true };
// Checked by visitor(), so a bad token is 401 CHAT_TOKEN_INVALID rather than a validation error.
const tokenHeader = z.object({ [CHAT_TOKEN_HEADER]: z.string().max(200).optional() });

const visitorOf = (token: string) => createHash('sha256').update(token).digest('hex');
const badToken = () => new AppError('CHAT_TOKEN_INVALID', 'unknown or missing chat token; start a chat with POST /api/v1/public/chat');

interface ChatMessageRow {
  id: string;
  seq: string;
  author: string;
  kind: string;
  text: string;
  createdAt: Date;
  conversationId: string;
}

export async function webChatRoutes(app0: FastifyInstance, ctx: Ctx) {
  const app = app0.withTypeProvider<ZodTypeProvider>();
  const conversations = conversationServiceFor(ctx);
  const pow = proofOfWorkFor(ctx);
  const sender = new WebChatSender();
  conversations.registerSender('web', sender);

  /** The visitor behind the request's token: it must be one this platform handed out. */
  const visitor = async (req: FastifyRequest): Promise<string> => {
    const token = req.headers[CHAT_TOKEN_HEADER];
    if (typeof token !== 'string' || !/^wc_[A-Za-z0-9_-]{32}$/.test(token)) throw badToken();
    const v = visitorOf(token);
    if (!(await citizens.findIdentity(ctx.db, { kind: WEBCHAT_KIND, value: v }))) throw badToken();
    return v;
  };

  // Through the identity's citizen, so the look-up uses the conversations' citizen index (it
  // follows the visitor when staff merge them with another record of the same person).
  const visitorConversations = `SELECT c.id, c.state, c.created_at FROM conversations c JOIN citizen_identities i ON i.citizen_id = c.citizen_id
    WHERE i.kind = $1 AND i.value = $2 AND c.channel = 'web' AND c.identity_kind = $1 AND c.identity_value = $2`;
  const messagesAfter = (v: string, after: string) =>
    ctx.db.query<ChatMessageRow>(
      `SELECT m.id, m.seq::text AS seq, m.author, m.kind, m.text, m.created_at AS "createdAt", m.conversation_id AS "conversationId"
         FROM conversation_messages m JOIN (${visitorConversations}) c ON c.id = m.conversation_id
        WHERE m.seq > $3::bigint ORDER BY m.seq LIMIT 200`,
      [WEBCHAT_KIND, v, after],
    );
  const stateOf = async (v: string) =>
    (await ctx.db.query<{ state: string }>(`SELECT state FROM (${visitorConversations}) c ORDER BY c.created_at DESC LIMIT 1`, [WEBCHAT_KIND, v]))[0]?.state ?? null;

  app.post(
    '/api/v1/public/chat',
    {
      schema: {
        tags,
        summary: 'Start a chat with a solved proof-of-work (purpose chat); returns the token to send as X-Chat-Token',
        body: z.object({ pow: powSolution, name: z.string().trim().max(50).optional() }).strict(),
      },
      config,
    },
    async (req, reply) => {
      await pow.consume('chat', req.body.pow);
      const token = `wc_${randomBytes(24).toString('base64url')}`;
      await conversations.citizens.resolve({ kind: WEBCHAT_KIND, value: visitorOf(token) }, req.body.name ?? '');
      return reply.status(201).send({ token, header: 'X-Chat-Token' });
    },
  );

  app.post(
    '/api/v1/public/chat/messages',
    {
      schema: {
        tags,
        summary: 'Write in the chat; the bot or an agent answers (read the answers with GET)',
        headers: tokenHeader,
        body: z
          .object({
            text: z.string().trim().min(1).max(2000),
            /** The browser's id of the message: a retried POST is stored once. */
            clientId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/).optional(),
          })
          .strict(),
      },
      config,
    },
    async (req, reply) => {
      const v = await visitor(req);
      const res = await conversations.receive(
        'web',
        { kind: WEBCHAT_KIND, value: v },
        { kind: 'text', text: req.body.text, channelMessageId: req.body.clientId ? `${v.slice(0, 16)}:${req.body.clientId}` : null },
      );
      const [m] = await ctx.db.query<{ seq: string }>('SELECT seq::text AS seq FROM conversation_messages WHERE id = $1', [res.messageId]);
      return reply.status(res.duplicate ? 200 : 201).send({ id: res.messageId, seq: m!.seq, duplicate: res.duplicate });
    },
  );

  app.get(
    '/api/v1/public/chat/messages',
    {
      schema: {
        tags,
        summary: `Messages after a seq; with wait=N (≤ ${MAX_WAIT_SECONDS}) it waits up to N seconds for one to arrive (long poll)`,
        headers: tokenHeader,
        querystring: z.object({ after: z.string().regex(/^\d{1,18}$/).default('0'), wait: z.coerce.number().int().min(0).max(MAX_WAIT_SECONDS).default(0) }),
      },
      config,
    },
    async (req, reply) => {
      const v = await visitor(req);
      const deadline = Date.now() + req.query.wait * 1000;
      const gone = new AbortController();
      reply.raw.once('close', () => gone.abort());
      let rows = await messagesAfter(v, req.query.after);
      while (!rows.length && Date.now() < deadline && !gone.signal.aborted) {
        await sender.wait(v, Math.min(RECHECK_MS, deadline - Date.now()), gone.signal);
        rows = await messagesAfter(v, req.query.after);
      }
      return {
        state: await stateOf(v),
        items: rows.map((m) => ({
          id: m.id,
          seq: m.seq,
          author: m.author,
          kind: m.kind,
          text: m.text,
          createdAt: new Date(m.createdAt).toISOString(),
        })),
      };
    },
  );
}
