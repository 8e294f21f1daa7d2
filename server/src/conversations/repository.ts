import type { Channel } from '@hotline/shared';
import type { Queryable } from '../db/db.ts';
import type { ConversationRow, ConversationState, MessageAuthor, MessageKind, MessageRow } from './types.ts';

const CONVERSATION = `c.id, c.citizen_id AS "citizenId", c.channel, c.thread_key AS "threadKey", c.identity_kind AS "identityKind",
  c.identity_value AS "identityValue", c.state, c.agent_id AS "agentId", c.preview, c.message_count AS "messageCount",
  c.created_at AS "createdAt", c.updated_at AS "updatedAt", c.last_message_at AS "lastMessageAt", c.last_inbound_at AS "lastInboundAt",
  c.waiting_since AS "waitingSince", c.assigned_at AS "assignedAt", c.closed_at AS "closedAt"`;

const MESSAGE = `m.id, m.seq::text AS seq, m.conversation_id AS "conversationId", m.direction, m.author, m.agent_id AS "agentId", m.kind, m.text,
  m.attachment_id AS "attachmentId", m.data, m.channel, m.channel_message_id AS "channelMessageId", m.delivery,
  m.delivery_error AS "deliveryError", m.created_at AS "createdAt"`;

export async function findConversation(q: Queryable, id: string, lock = false): Promise<ConversationRow | undefined> {
  const [row] = await q.query<ConversationRow>(`SELECT ${CONVERSATION} FROM conversations c WHERE c.id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
  return row;
}

/** The open conversation of a channel thread, opened now if there is none. */
export async function openConversation(
  q: Queryable,
  input: { citizenId: string; channel: Channel; threadKey: string; identityKind: string; identityValue: string; now: Date },
): Promise<{ conversation: ConversationRow; created: boolean }> {
  const inserted = await q.query<{ id: string }>(
    `INSERT INTO conversations (citizen_id, channel, thread_key, identity_kind, identity_value, state, created_at, updated_at, last_message_at)
     VALUES ($1, $2, $3, $4, $5, 'bot', $6, $6, $6)
     ON CONFLICT (channel, thread_key) WHERE state <> 'closed' DO NOTHING RETURNING id`,
    [input.citizenId, input.channel, input.threadKey, input.identityKind, input.identityValue, input.now],
  );
  const [row] = await q.query<ConversationRow>(
    `SELECT ${CONVERSATION} FROM conversations c WHERE c.channel = $1 AND c.thread_key = $2 AND c.state <> 'closed' FOR UPDATE`,
    [input.channel, input.threadKey],
  );
  if (!row) throw new Error('open conversation vanished');
  return { conversation: row, created: inserted.length === 1 };
}

export interface NewMessage {
  direction: 'in' | 'out';
  author: MessageAuthor;
  agentId?: string | null;
  kind: MessageKind;
  text: string;
  attachmentId?: string | null;
  data?: Record<string, unknown> | null;
  channel: Channel;
  channelMessageId?: string | null;
  delivery?: 'pending' | 'sent' | 'failed' | null;
  at: Date;
}

/** Stores a message and touches the conversation; null when the channel already delivered this message id. */
export async function insertMessage(q: Queryable, conversationId: string, m: NewMessage): Promise<MessageRow | null> {
  const [row] = await q.query<MessageRow>(
    `INSERT INTO conversation_messages AS m (conversation_id, direction, author, agent_id, kind, text, attachment_id, data, channel, channel_message_id, delivery, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
     ON CONFLICT (channel, channel_message_id) WHERE channel_message_id IS NOT NULL DO NOTHING
     RETURNING ${MESSAGE}`,
    [conversationId, m.direction, m.author, m.agentId ?? null, m.kind, m.text, m.attachmentId ?? null, m.data ? JSON.stringify(m.data) : null,
      m.channel, m.channelMessageId ?? null, m.delivery ?? null, m.at],
  );
  if (!row) return null;
  // The list shows what the citizen last said.
  const preview = (m.text || `[${m.kind}]`).replace(/\s+/g, ' ').slice(0, 80);
  await q.query(
    `UPDATE conversations SET message_count = message_count + 1, last_message_at = $3, updated_at = $3,
            preview = CASE WHEN $4 THEN $2 ELSE preview END,
            last_inbound_at = CASE WHEN $4 THEN $3 ELSE last_inbound_at END
      WHERE id = $1`,
    [conversationId, preview, m.at, m.direction === 'in' && m.author === 'citizen'],
  );
  return row;
}

export async function findMessageByChannelId(q: Queryable, channel: Channel, channelMessageId: string): Promise<MessageRow | undefined> {
  const [row] = await q.query<MessageRow>(`SELECT ${MESSAGE} FROM conversation_messages m WHERE m.channel = $1 AND m.channel_message_id = $2`, [channel, channelMessageId]);
  return row;
}

export async function messages(q: Queryable, conversationId: string, afterSeq?: string, limit = 500): Promise<MessageRow[]> {
  return q.query<MessageRow>(
    `SELECT ${MESSAGE} FROM conversation_messages m WHERE m.conversation_id = $1 AND m.seq > $2::bigint ORDER BY m.seq LIMIT $3`,
    [conversationId, afterSeq ?? '0', limit],
  );
}

export async function setDelivery(q: Queryable, messageId: string, delivery: 'sent' | 'failed', error: string | null, channelMessageId?: string | null) {
  await q.query(
    'UPDATE conversation_messages SET delivery = $2, delivery_error = $3, channel_message_id = coalesce(channel_message_id, $4) WHERE id = $1',
    [messageId, delivery, error, channelMessageId ?? null],
  );
}

export async function setState(
  q: Queryable,
  id: string,
  state: ConversationState,
  now: Date,
  patch: { agentId?: string | null } = {},
): Promise<void> {
  await q.query(
    `UPDATE conversations SET state = $2, updated_at = $3,
            agent_id = CASE WHEN $2 = 'assigned' THEN $4::uuid WHEN $2 = 'closed' THEN agent_id ELSE NULL END,
            waiting_since = CASE WHEN $2 = 'waiting' THEN $3 ELSE waiting_since END,
            assigned_at = CASE WHEN $2 = 'assigned' THEN $3 ELSE assigned_at END,
            closed_at = CASE WHEN $2 = 'closed' THEN $3 ELSE NULL END
      WHERE id = $1`,
    [id, state, now, patch.agentId ?? null],
  );
}

export async function openCount(q: Queryable, agentId: string): Promise<number> {
  const [row] = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM conversations WHERE agent_id = $1 AND state = 'assigned'`, [agentId]);
  return row?.n ?? 0;
}

export interface ListedConversation extends ConversationRow {
  agentName: string | null;
  citizenName: string;
  workOrderCount: number;
}

export async function list(q: Queryable, where: { state?: ConversationState[]; agentId?: string }, limit = 200): Promise<ListedConversation[]> {
  const cond: string[] = [];
  const params: unknown[] = [];
  if (where.state) {
    params.push(where.state);
    cond.push(`c.state = ANY($${params.length}::text[])`);
  }
  if (where.agentId) {
    params.push(where.agentId);
    cond.push(`c.agent_id = $${params.length}`);
  }
  params.push(limit);
  return q.query<ListedConversation>(
    `SELECT ${CONVERSATION}, u.display_name AS "agentName", z.name AS "citizenName",
            (SELECT count(*)::int FROM conversation_work_orders cw WHERE cw.conversation_id = c.id) AS "workOrderCount"
       FROM conversations c JOIN citizens z ON z.id = c.citizen_id LEFT JOIN users u ON u.id = c.agent_id
      ${cond.length ? `WHERE ${cond.join(' AND ')}` : ''}
      ORDER BY coalesce(c.waiting_since, c.last_message_at), c.id
      LIMIT $${params.length}`,
    params,
  );
}

export async function linkWorkOrder(q: Queryable, conversationId: string, workOrderId: string, by: string, now: Date): Promise<void> {
  await q.query('INSERT INTO conversation_work_orders (conversation_id, work_order_id, created_by, created_at) VALUES ($1,$2,$3,$4) ON CONFLICT DO NOTHING', [
    conversationId, workOrderId, by, now,
  ]);
}

export async function workOrdersOf(q: Queryable, conversationId: string) {
  return q.query<{ id: string; trackingNumber: string; title: string; status: string }>(
    `SELECT w.id, w.tracking_number AS "trackingNumber", w.title, w.status
       FROM conversation_work_orders cw JOIN work_orders w ON w.id = cw.work_order_id WHERE cw.conversation_id = $1 ORDER BY cw.created_at`,
    [conversationId],
  );
}
