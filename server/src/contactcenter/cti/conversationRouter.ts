import type { Channel } from '@hotline/shared';
import type { Ctx } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { AGENT_JOINED_TEXT } from '../../conversations/inbox.ts';
import * as repo from '../../conversations/repository.ts';
import type { ConversationService } from '../../conversations/service.ts';
import type { ConversationRouter } from '../../conversations/types.ts';
import { AcdError, type Acd, type AcdChannel } from '../acd/index.ts';

// Text conversations through the same ACD as calls, so one agent's load counts across channels
// ("one call or three chats"): a conversation handed to a person is enqueued in the ACD's text
// queue; when the ACD offers it to a signed-in agent it is assigned to them at once (push), and an
// agent may still take one from the waiting list (pull), which the ACD records the same way. The
// in-memory router underneath keeps the list order for agents who work the inbox without signing
// in to the ACD; the database keeps the last word on who holds what.

const ACD_CHANNEL: Partial<Record<Channel, AcdChannel>> = { web: 'chat', app: 'chat', wechat: 'wechat', sms: 'sms', email: 'email' };

export interface ContactCenterView {
  readonly acd: Acd;
  isSignedIn(agentId: string): boolean;
  publishToAgent(agentId: string, type: string, data: Record<string, unknown>): void;
}

export class AcdConversationRouter implements ConversationRouter {
  /** Conversations an agent took from the list: the ACD's offer for them is answered, not assigned again. */
  readonly #pulled = new Map<string, string>();

  constructor(
    private readonly ctx: Ctx,
    private readonly cc: ContactCenterView,
    private readonly conversations: ConversationService,
    private readonly inner: ConversationRouter,
    private readonly queueId = 'text',
    private readonly log: (m: string) => void = () => undefined,
  ) {}

  enqueue(c: { id: string; channel: Channel; waitingSince: Date }): void {
    this.inner.enqueue(c);
    const channel = ACD_CHANNEL[c.channel] ?? 'chat';
    if (!this.cc.acd.config.queues.some((q) => q.id === this.queueId && q.channels.includes(channel))) return;
    try {
      this.cc.acd.enqueue({ id: c.id, queueId: this.queueId, channel });
    } catch (e) {
      if (!(e instanceof AcdError && e.code === 'DUPLICATE_INTERACTION')) this.log(`inbox: ACD refused ${c.id}: ${String(e)}`);
    }
  }

  remove(conversationId: string): void {
    this.inner.remove(conversationId);
    const ix = this.cc.acd.interaction(conversationId);
    // Closed (or taken by someone outside the ACD) while still waiting: it leaves the line.
    if (ix && ix.status !== 'connected' && !this.#pulled.has(conversationId)) this.#quietly(() => this.cc.acd.hangup(conversationId));
  }

  pick(agentId: string, open: number, conversationId?: string): string | null {
    if (this.cc.isSignedIn(agentId)) {
      const snap = this.cc.acd.agentSnapshot(agentId);
      if (snap.interactions.some((i) => i.channel === 'voice' && i.phase !== 'wrapUp')) {
        throw new AppError('AGENT_AT_CAPACITY', 'you are on a call; take conversations when it ends', { channel: 'voice' });
      }
    }
    return this.inner.pick(agentId, open, conversationId);
  }

  waiting(): string[] {
    return this.inner.waiting();
  }

  taken(conversationId: string, agentId: string): void {
    const ix = this.cc.acd.interaction(conversationId);
    if (!ix || ix.status === 'connected') return;
    if (!this.cc.isSignedIn(agentId)) {
      this.#quietly(() => this.cc.acd.hangup(conversationId));
      return;
    }
    this.#pulled.set(conversationId, agentId);
    try {
      if (!ix.offeredTo.includes(agentId)) this.cc.acd.pull(conversationId, agentId);
      this.cc.acd.answered(conversationId, agentId);
    } catch (e) {
      // The agent holds it in the database regardless; the ACD just does not count it.
      this.log(`inbox: ACD did not record ${agentId} taking ${conversationId}: ${String(e)}`);
      this.#quietly(() => this.cc.acd.hangup(conversationId));
    } finally {
      this.#pulled.delete(conversationId);
    }
  }

  ended(conversationId: string): void {
    const ix = this.cc.acd.interaction(conversationId);
    if (!ix) return;
    const agentId = ix.agentId;
    this.#quietly(() => this.cc.acd.hangup(conversationId));
    // A chat has no wrap-up of its own: the agent's slot is free again at once.
    if (agentId) this.#quietly(() => this.cc.acd.wrapUpDone(agentId, conversationId));
  }

  /** The ACD offered a waiting conversation to an agent: give it to them (push routing). */
  async offered(conversationId: string, agentId: string): Promise<void> {
    if (this.#pulled.get(conversationId) === agentId) return; // taken by hand; taken() answers
    const now = this.ctx.clock.now();
    let assigned = false;
    try {
      assigned = await this.ctx.db.tx(async (q) => {
        const c = await repo.findConversation(q, conversationId, true);
        if (!c || c.state !== 'waiting') return false;
        await repo.setState(q, conversationId, 'assigned', now, { agentId });
        await this.ctx.audit.append(q, { actorId: agentId, actorName: 'acd', action: 'conversation.assign', entity: 'conversation', entityId: conversationId });
        return true;
      });
    } catch (e) {
      this.log(`inbox: assigning ${conversationId} failed: ${String(e)}`);
    }
    if (!assigned) {
      this.#quietly(() => this.cc.acd.hangup(conversationId));
      return;
    }
    this.inner.remove(conversationId);
    this.#quietly(() => this.cc.acd.answered(conversationId, agentId));
    this.cc.publishToAgent(agentId, 'conversation.assigned', { conversationId });
    await this.conversations.post(conversationId, 'system', AGENT_JOINED_TEXT).catch(() => undefined);
  }

  #quietly(fn: () => void): void {
    try {
      fn();
    } catch (e) {
      if (!(e instanceof AcdError)) throw e;
    }
  }
}
