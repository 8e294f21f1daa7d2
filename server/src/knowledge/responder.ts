// The knowledge bot behind the conversations' Responder seam: explicit requests for a person are
// handed over at once, the commands of the responder it wraps (查询, 绑定 …) keep working, a digit
// after a clarifying question picks that option, and everything else is asked of the bot.
import type { Clock } from '../clock.ts';
import type { ConversationRow, Responder, ResponderResult } from '../conversations/types.ts';
import type { KnowledgeBot } from './bot.ts';

const WANTS_PERSON = /^(转?人工|人工(服务|客服)?|转接人工|找客服|客服)$/;
/** How long a clarifying question's options stay selectable by number. */
const OPTIONS_TTL_MS = 30 * 60_000;
const MAX_REMEMBERED = 10_000;

export class KnowledgeResponder implements Responder {
  /** Options of the last clarifying question per conversation (in memory: a restart forgets them). */
  private readonly pending = new Map<string, { articleIds: string[]; until: number }>();

  constructor(
    private readonly bot: KnowledgeBot,
    private readonly clock: Clock,
    private readonly next?: Responder,
  ) {}

  async answer(conversation: ConversationRow, raw: string): Promise<ResponderResult> {
    const text = raw.replace(/\s+/g, ' ').trim();
    if (WANTS_PERSON.test(text)) return { kind: 'handover' };

    const picked = this.pick(conversation.id, text);
    if (picked) {
      const a = await this.bot.answerArticle(picked);
      if (a?.kind === 'answer') return { kind: 'answer', text: a.text, articleId: a.articleId };
    }

    if (this.next) {
      const r = await this.next.answer(conversation, raw);
      if (r.kind !== 'handover') return r;
    }

    const a = await this.bot.answer(text);
    if (a.kind === 'answer') return { kind: 'answer', text: a.text, articleId: a.articleId };
    if (a.kind === 'clarify') {
      this.remember(conversation.id, a.options.map((o) => o.articleId));
      return { kind: 'clarify', text: a.text };
    }
    return { kind: 'handover' };
  }

  private pick(conversationId: string, text: string): string | undefined {
    const p = this.pending.get(conversationId);
    if (!p || p.until < this.clock.now().getTime()) return undefined;
    const m = /^([1-9])$/.exec(text.replace(/[.。、)）]$/, ''));
    const id = m ? p.articleIds[Number(m[1]) - 1] : undefined;
    if (id) this.pending.delete(conversationId);
    return id;
  }

  private remember(conversationId: string, articleIds: string[]) {
    if (this.pending.size >= MAX_REMEMBERED) {
      const now = this.clock.now().getTime();
      for (const [k, v] of this.pending) if (v.until < now) this.pending.delete(k);
      if (this.pending.size >= MAX_REMEMBERED) this.pending.delete(this.pending.keys().next().value!);
    }
    this.pending.set(conversationId, { articleIds, until: this.clock.now().getTime() + OPTIONS_TTL_MS });
  }
}
