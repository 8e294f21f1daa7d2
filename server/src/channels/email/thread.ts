import type { Queryable } from '../../db/db.ts';

/** A mail's Message-ID, In-Reply-To or References entry without angle brackets; null when it has none. */
export function bareId(v: string | null | undefined): string | null {
  const s = (v ?? '').trim().replace(/^<|>$/g, '').trim();
  return s && s.length <= 250 && !/\s/.test(s) ? s : null;
}

/** The ids a reply points at, nearest first: In-Reply-To, then References from the end. */
export function referencedIds(inReplyTo: string | undefined, references: string | string[] | undefined): string[] {
  const refs = (Array.isArray(references) ? references : (references ?? '').split(/\s+/)).map(bareId).filter((x): x is string => Boolean(x));
  const all = [bareId(inReplyTo), ...refs.reverse()].filter((x): x is string => Boolean(x));
  return [...new Set(all)].slice(0, 50);
}

export interface ThreadRow {
  messageId: string;
  address: string;
  subject: string;
  conversationId: string | null;
  workOrderId: string | null;
  outcome: string;
}

/** The nearest mail we know among the referenced ids (what a reply answers). */
export async function findThread(q: Queryable, ids: string[]): Promise<ThreadRow | undefined> {
  if (!ids.length) return undefined;
  const rows = await q.query<ThreadRow>(
    `SELECT message_id AS "messageId", address, subject, conversation_id AS "conversationId", work_order_id AS "workOrderId", outcome
       FROM mail_messages WHERE message_id = ANY($1::text[]) AND outcome <> 'ignored'`,
    [ids],
  );
  for (const id of ids) {
    const hit = rows.find((r) => r.messageId === id);
    if (hit) return hit;
  }
  return undefined;
}

/** The Message-IDs of a conversation's or an order's mails, oldest first, and the first subject. */
export async function threadIds(q: Queryable, where: { conversationId?: string; workOrderId?: string }): Promise<{ ids: string[]; subject: string }> {
  const [col, val] = where.conversationId ? ['conversation_id', where.conversationId] : ['work_order_id', where.workOrderId];
  const rows = await q.query<{ message_id: string; subject: string }>(
    `SELECT message_id, subject FROM mail_messages WHERE ${col} = $1 AND outcome <> 'ignored' ORDER BY created_at, message_id LIMIT 200`,
    [val],
  );
  const first = rows.find((r) => r.subject)?.subject ?? '';
  return { ids: rows.map((r) => r.message_id), subject: stripReplyPrefixes(first) };
}

/** "Re: 回复: subject" → "subject". */
export const stripReplyPrefixes = (subject: string) => subject.replace(/^((re|fw|fwd|回复|答复|转发)\s*[:：]\s*)+/i, '');

/** "Re: subject" for a reply, without piling up prefixes. */
export const replySubject = (subject: string, fallback: string) => `Re: ${subject.trim() || fallback}`;
