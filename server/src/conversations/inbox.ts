import type { Ctx } from '../context.ts';
import { isHotlineStaff, type Actor } from '../auth/actor.ts';
import { AppError, errors } from '../errors.ts';
import * as citizens from '../citizens/repository.ts';
import { presentCitizen } from '../citizens/presenter.ts';
import * as repo from './repository.ts';
import type { ConversationService } from './service.ts';
import { toOutbound } from './service.ts';
import { presentConversation, presentListed, presentMessage } from './presenter.ts';
import type { ConversationRow } from './types.ts';

export const AGENT_JOINED_TEXT = '人工客服已接入，请问有什么可以帮您？';
export const CLOSED_TEXT = '本次会话已结束，感谢您联系12345热线。如有新的问题，欢迎随时留言。';

const notFound = () => new AppError('CONVERSATION_NOT_FOUND', 'conversation not found');

export type InboxView = 'mine' | 'waiting' | 'all';

/** What agents and supervisors do with text conversations: see, take, answer, close, pass on. */
export class InboxService {
  constructor(
    private readonly ctx: Ctx,
    private readonly conversations: ConversationService,
  ) {}

  /** Agents and supervisors of a hotline center (city or district) work the inbox. */
  assertInboxRole(actor: Actor): void {
    if (!isHotlineStaff(actor) || !['agent', 'supervisor'].includes(actor.role)) throw errors.forbidden('the inbox is for agents and supervisors of the hotline center');
  }

  async list(actor: Actor, view: InboxView) {
    this.assertInboxRole(actor);
    if (view === 'all' && actor.role !== 'supervisor') throw errors.forbidden('only a supervisor sees every agent’s conversations');
    await this.conversations.ready();
    const rows =
      view === 'mine'
        ? await repo.list(this.ctx.db, { state: ['assigned'], agentId: actor.id })
        : view === 'waiting'
          ? await repo.list(this.ctx.db, { state: ['waiting'] })
          : await repo.list(this.ctx.db, { state: ['waiting', 'assigned'] });
    const [mine, waiting] = await Promise.all([repo.openCount(this.ctx.db, actor.id), repo.list(this.ctx.db, { state: ['waiting'] }, 1000)]);
    return { items: rows.map(presentListed), counts: { mine, waiting: waiting.length, capacity: this.ctx.env.INBOX_MAX_CHATS_PER_AGENT } };
  }

  /** One conversation with the citizen in clear (audited), linked orders and the citizen's history. */
  async get(actor: Actor, id: string, ip?: string) {
    this.assertInboxRole(actor);
    const c = await repo.findConversation(this.ctx.db, id);
    if (!c) throw notFound();
    const citizen = (await citizens.findCitizen(this.ctx.db, c.citizenId))!;
    const [identities, workOrders, history, agent] = await Promise.all([
      citizens.identitiesOf(this.ctx.db, citizen.id),
      repo.workOrdersOf(this.ctx.db, c.id),
      this.conversations.citizens.history(actor, citizen.id),
      c.agentId ? this.ctx.db.query<{ display_name: string }>('SELECT display_name FROM users WHERE id = $1', [c.agentId]) : [],
    ]);
    await this.ctx.audit.append(this.ctx.db, { actorId: actor.id, actorName: actor.username, action: 'personalData.read', entity: 'conversation', entityId: c.id, ip });
    return {
      ...presentConversation(c),
      agentName: agent[0]?.display_name ?? null,
      mayAct: this.mayAct(actor, c),
      citizen: presentCitizen(actor, citizen, identities),
      workOrders,
      history: { conversations: history.conversations.filter((h) => h.id !== c.id), workOrders: history.workOrders },
    };
  }

  async messages(actor: Actor, id: string, afterSeq?: string) {
    this.assertInboxRole(actor);
    if (!(await repo.findConversation(this.ctx.db, id))) throw notFound();
    return { items: (await repo.messages(this.ctx.db, id, afterSeq)).map(presentMessage) };
  }

  /** Takes the given waiting conversation, or the one waiting longest; null when none waits. */
  async take(actor: Actor, conversationId?: string, ip?: string) {
    this.assertInboxRole(actor);
    await this.conversations.ready();
    const router = this.conversations.router;
    const open = await repo.openCount(this.ctx.db, actor.id);
    const id = router.pick(actor.id, open, conversationId);
    if (!id) {
      if (!conversationId) return null;
      const c = await repo.findConversation(this.ctx.db, conversationId);
      if (!c) throw notFound();
      throw new AppError('CONVERSATION_TAKEN', 'the conversation is not waiting any more', { state: c.state });
    }
    const capacity = this.ctx.env.INBOX_MAX_CHATS_PER_AGENT;
    const now = this.ctx.clock.now();
    await this.ctx.db.tx(async (q) => {
      const c = await repo.findConversation(q, id, true);
      if (!c || c.state !== 'waiting') {
        router.remove(id);
        throw new AppError('CONVERSATION_TAKEN', 'the conversation is not waiting any more', { state: c?.state ?? null });
      }
      // The database has the last word when several server nodes share the queue.
      if ((await repo.openCount(q, actor.id)) >= capacity) throw new AppError('AGENT_AT_CAPACITY', `an agent holds at most ${capacity} conversations at once`, { capacity });
      await repo.setState(q, id, 'assigned', now, { agentId: actor.id });
      await this.ctx.audit.append(q, { actorId: actor.id, actorName: actor.username, action: 'conversation.take', entity: 'conversation', entityId: id, ip });
    });
    router.remove(id);
    router.taken?.(id, actor.id);
    await this.conversations.post(id, 'system', AGENT_JOINED_TEXT);
    return this.get(actor, id, ip);
  }

  async reply(actor: Actor, id: string, text: string) {
    const c = await this.acting(actor, id, { onlyHolder: true });
    const res = await this.conversations.post(c.id, 'agent', text, { agentId: actor.id });
    if (!res) throw notFound();
    const [m] = await this.ctx.db.query<{ delivery: string; delivery_error: string | null }>('SELECT delivery, delivery_error FROM conversation_messages WHERE id = $1', [res.message.id]);
    return { id: res.message.id, text, delivery: m?.delivery ?? res.delivery, deliveryError: m?.delivery_error ?? null };
  }

  /** Sends a message that failed again. */
  async resend(actor: Actor, id: string, messageId: string) {
    const c = await this.acting(actor, id, { onlyHolder: true });
    const [m] = (await repo.messages(this.ctx.db, c.id)).filter((x) => x.id === messageId);
    if (!m || m.direction !== 'out') throw errors.notFound('message');
    if (m.delivery !== 'failed') throw errors.conflict('only a message whose delivery failed is sent again', { delivery: m.delivery });
    return { id: m.id, delivery: await this.conversations.deliver(c.id, toOutbound(m)) };
  }

  async close(actor: Actor, id: string, ip?: string) {
    const c = await this.acting(actor, id, { onlyHolder: false });
    // Say goodbye before closing: a closed conversation takes no more messages.
    await this.conversations.post(c.id, 'system', CLOSED_TEXT);
    await this.ctx.db.tx(async (q) => {
      await repo.setState(q, c.id, 'closed', this.ctx.clock.now());
      await this.ctx.audit.append(q, { actorId: actor.id, actorName: actor.username, action: 'conversation.close', entity: 'conversation', entityId: c.id, ip });
    });
    this.conversations.router.remove(c.id);
    this.conversations.router.ended?.(c.id);
    return this.get(actor, c.id, ip);
  }

  /** Back to the queue (another agent should take it); it keeps its place by when it first waited. */
  async requeue(actor: Actor, id: string, ip?: string) {
    const c = await this.acting(actor, id, { onlyHolder: false });
    if (c.state !== 'assigned') throw new AppError('CONVERSATION_TAKEN', 'only a conversation an agent holds goes back to the queue', { state: c.state });
    const waitingSince = c.waitingSince ? new Date(c.waitingSince) : this.ctx.clock.now();
    await this.ctx.db.tx(async (q) => {
      await q.query(`UPDATE conversations SET state = 'waiting', agent_id = NULL, waiting_since = $2, updated_at = $3 WHERE id = $1`, [c.id, waitingSince, this.ctx.clock.now()]);
      await this.ctx.audit.append(q, { actorId: actor.id, actorName: actor.username, action: 'conversation.requeue', entity: 'conversation', entityId: c.id, ip });
    });
    this.conversations.router.ended?.(c.id);
    this.conversations.router.enqueue({ id: c.id, channel: c.channel, waitingSince });
    return this.get(actor, c.id, ip);
  }

  async quickReplies() {
    return { items: await this.ctx.db.query<{ id: string; text: string }>('SELECT id, text FROM inbox_quick_replies ORDER BY sort, text') };
  }

  async setQuickReplies(actor: Actor, texts: string[], ip?: string) {
    if (!isHotlineStaff(actor) || !['supervisor', 'admin'].includes(actor.role)) throw errors.forbidden('a supervisor edits the quick replies');
    await this.ctx.db.tx(async (q) => {
      await q.query('DELETE FROM inbox_quick_replies');
      for (const [i, text] of texts.entries()) await q.query('INSERT INTO inbox_quick_replies (text, sort) VALUES ($1, $2)', [text, i + 1]);
      await this.ctx.audit.append(q, { actorId: actor.id, actorName: actor.username, action: 'inbox.quickReplies', entity: 'settings', detail: { count: texts.length }, ip });
    });
    return this.quickReplies();
  }

  mayAct(actor: Actor, c: ConversationRow): boolean {
    return c.state === 'assigned' && c.agentId === actor.id;
  }

  /** The conversation, if the actor may act on it: its agent, or (for close and requeue) a supervisor. */
  async acting(actor: Actor, id: string, opts: { onlyHolder: boolean }): Promise<ConversationRow> {
    this.assertInboxRole(actor);
    const c = await repo.findConversation(this.ctx.db, id);
    if (!c) throw notFound();
    if (c.state === 'closed') throw new AppError('CONVERSATION_CLOSED', 'the conversation is closed');
    const supervisorMay = !opts.onlyHolder && actor.role === 'supervisor';
    if (!this.mayAct(actor, c) && !supervisorMay) throw new AppError('NOT_CONVERSATION_AGENT', 'take the conversation first; another agent or nobody holds it', { state: c.state });
    return c;
  }
}
