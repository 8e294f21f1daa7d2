import type { Channel } from '@hotline/shared';
import type { Ctx } from '../context.ts';
import { AppError } from '../errors.ts';
import { CitizenService } from '../citizens/service.ts';
import { normalizeIdentity, type Identity } from '../citizens/identity.ts';
import * as repo from './repository.ts';
import { InMemoryConversationRouter } from './router.ts';
import { DefaultResponder } from './responder.ts';
import { CitizenOrders } from './citizenOrders.ts';
import type { ChannelSender, ConversationRouter, ConversationRow, InboundMessage, MessageAuthor, MessageRow, OutboundMessage, Responder } from './types.ts';

export interface ReceiveOptions {
  /**
   * How long the channel can wait for the bot's answer to return it in its own response (a
   * WeChat passive reply). What is not ready by then goes out through the channel's sender.
   */
  passiveBudgetMs?: number;
  /** The channel's thread; defaults to the identity (one thread per person per channel). */
  threadKey?: string;
}

export interface ReceiveResult {
  duplicate: boolean;
  conversationId: string;
  messageId: string;
  citizenId: string;
  /** Messages for the channel to return in its response now; they count as delivered. */
  passive: OutboundMessage[];
  /**
   * Resolves when the bot's step is over and what it said went out through the sender (the
   * conversation waits for an agent by then, if it was handed over). Never rejects.
   */
  settled: Promise<void>;
}

export const HANDOVER_TEXT = '正在为您转接人工客服，请稍候。您可以继续留言，客服会看到全部内容。';
export const WELCOME_TEXT = '您好，欢迎关注12345政务服务便民热线！请直接留言描述您的诉求；回复“查询”查看您的工单进度，回复“人工”联系人工客服。';
export const QUEUED_MEDIA_TEXT = '已收到，人工客服将尽快查看并回复您。';

/**
 * Where every text channel (WeChat, SMS, e-mail, web chat) hands in what citizens write: it
 * resolves the citizen, stores the message once, lets the bot answer or hands over to the agents'
 * queue, and sends what goes out through the channel the citizen used.
 */
export class ConversationService {
  readonly citizens: CitizenService;
  readonly orders: CitizenOrders;
  private readonly senders = new Map<Channel, ChannelSender>();
  private readonly inflight = new Map<string, Promise<OutboundMessage[]>>();
  private restored: Promise<void> | null = null;
  responder: Responder;
  router: ConversationRouter;
  /** Failures of background deliveries (logged by whoever wires the service). */
  onError: (err: unknown) => void = () => {};

  constructor(private readonly ctx: Ctx) {
    this.citizens = new CitizenService(ctx);
    this.orders = new CitizenOrders(ctx);
    this.responder = new DefaultResponder(this.orders);
    this.router = new InMemoryConversationRouter(ctx.env.INBOX_MAX_CHATS_PER_AGENT);
  }

  registerSender(channel: Channel, sender: ChannelSender): void {
    this.senders.set(channel, sender);
  }

  /** Rebuilds the router's queue from the database once (after a restart). */
  ready(): Promise<void> {
    this.restored ??= this.ctx.db
      .query<{ id: string; channel: Channel; waitingSince: Date }>(`SELECT id, channel, waiting_since AS "waitingSince" FROM conversations WHERE state = 'waiting'`)
      .then((rows) => rows.forEach((r) => this.router.enqueue({ ...r, waitingSince: new Date(r.waitingSince) })));
    return this.restored;
  }

  /** A citizen wrote on a channel. Stored before anything else happens, so nothing accepted is lost. */
  async receive(channel: Channel, identity: Identity, msg: InboundMessage, opts: ReceiveOptions = {}): Promise<ReceiveResult> {
    await this.ready();
    const id = normalizeIdentity(identity);
    const threadKey = opts.threadKey ?? `${id.kind}:${id.value}`;
    const now = this.ctx.clock.now();
    const stored = await this.ctx.db.tx(async (q) => {
      const { citizenId } = await this.citizens.resolveIn(q, id, msg.citizenName ?? '');
      if (msg.channelMessageId) {
        const seen = await repo.findMessageByChannelId(q, channel, msg.channelMessageId);
        if (seen) return { duplicate: true as const, message: seen, conversation: (await repo.findConversation(q, seen.conversationId))!, citizenId };
      }
      const { conversation } = await repo.openConversation(q, { citizenId, channel, threadKey, identityKind: id.kind, identityValue: id.value, now });
      const message = await repo.insertMessage(q, conversation.id, {
        direction: 'in', author: 'citizen', kind: msg.kind, text: msg.text.slice(0, 10_000), attachmentId: msg.attachmentId,
        data: msg.data, channel, channelMessageId: msg.channelMessageId, at: now,
      });
      if (!message) {
        // A concurrent delivery of the same message id won the insert.
        const seen = await repo.findMessageByChannelId(q, channel, msg.channelMessageId!);
        return { duplicate: true as const, message: seen!, conversation, citizenId };
      }
      return { duplicate: false as const, message, conversation, citizenId: conversation.citizenId };
    });
    const key = `${channel}:${stored.message.id}`;
    const base = { conversationId: stored.conversation.id, messageId: stored.message.id, citizenId: stored.citizenId };
    if (stored.duplicate) {
      // A retry means the channel never got our first response; give it the same passive answer.
      return { ...base, duplicate: true, passive: (await this.inflight.get(key)) ?? [], settled: Promise.resolve() };
    }
    const step = this.botStep(stored.conversation, msg).catch((err) => {
      this.onError(err);
      return [] as OutboundMessage[];
    });
    const { passive, settled } = this.passiveWithin(stored.conversation, step, opts.passiveBudgetMs ?? 0);
    this.remember(key, passive);
    return { ...base, duplicate: false, passive: await passive, settled };
  }

  /** The bot's part: answers, or the handover to the agents' queue. Returns the stored replies (not yet delivered). */
  private async botStep(conv: ConversationRow, msg: InboundMessage): Promise<OutboundMessage[]> {
    if (conv.state === 'assigned') return [];
    if (msg.greet && conv.state === 'bot') {
      const out = await this.store(conv.id, 'bot', WELCOME_TEXT);
      return out ? [out] : [];
    }
    if (msg.kind === 'event' && !msg.botText) return [];
    const text = msg.botText ?? (msg.kind === 'text' ? msg.text : null);
    if (text === null || text.trim() === '') {
      // Media, locations and links need a person to look at them.
      if (conv.state !== 'bot') return [];
      return this.handOver(conv.id, QUEUED_MEDIA_TEXT);
    }
    let result;
    try {
      result = await this.responder.answer(conv, text.trim());
    } catch (err) {
      this.onError(err);
      result = { kind: 'handover' as const };
    }
    if (result.kind === 'handover') return conv.state === 'bot' ? this.handOver(conv.id, HANDOVER_TEXT) : [];
    const out = await this.store(conv.id, 'bot', result.text, { data: result.kind === 'answer' && result.articleId ? { articleId: result.articleId } : null });
    return out ? [out] : [];
  }

  /** Moves a bot conversation to the agents' queue and tells the citizen. */
  async handOver(conversationId: string, notice: string | null): Promise<OutboundMessage[]> {
    const now = this.ctx.clock.now();
    const moved = await this.ctx.db.tx(async (q) => {
      const c = await repo.findConversation(q, conversationId, true);
      if (!c || c.state !== 'bot') return null;
      await repo.setState(q, c.id, 'waiting', now);
      return c;
    });
    if (!moved) return [];
    this.router.enqueue({ id: moved.id, channel: moved.channel, waitingSince: now });
    if (!notice) return [];
    const out = await this.store(conversationId, 'system', notice);
    return out ? [out] : [];
  }

  /** The citizen left the channel (unsubscribed): a conversation no agent holds ends; an agent's keeps going. */
  async citizenLeft(conversationId: string): Promise<void> {
    const now = this.ctx.clock.now();
    const closed = await this.ctx.db.tx(async (q) => {
      const c = await repo.findConversation(q, conversationId, true);
      if (!c || c.state === 'closed' || c.state === 'assigned') return false;
      await repo.setState(q, c.id, 'closed', now);
      return true;
    });
    if (closed) this.router.remove(conversationId);
  }

  /** Stores an outbound message as pending; null when the conversation is closed. */
  async store(conversationId: string, author: MessageAuthor, text: string, extra: { agentId?: string; attachmentId?: string | null; data?: Record<string, unknown> | null } = {}) {
    return this.ctx.db.tx(async (q) => {
      const c = await repo.findConversation(q, conversationId, true);
      if (!c) return null;
      const m = await repo.insertMessage(q, c.id, {
        direction: 'out', author, agentId: extra.agentId ?? null, kind: extra.attachmentId ? 'file' : 'text', text, attachmentId: extra.attachmentId ?? null,
        data: extra.data ?? null, channel: c.channel, delivery: 'pending', at: this.ctx.clock.now(),
      });
      return m ? toOutbound(m) : null;
    });
  }

  /** Sends a stored message through the conversation's channel and records the outcome. */
  async deliver(conversationId: string, message: OutboundMessage): Promise<MessageRow['delivery']> {
    const conv = await repo.findConversation(this.ctx.db, conversationId);
    if (!conv) return 'failed';
    const sender = this.senders.get(conv.channel);
    try {
      if (!sender) throw new AppError('CHANNEL_SEND_FAILED', `no sender for channel ${conv.channel}`);
      const res = await sender.send(conv, message);
      await repo.setDelivery(this.ctx.db, message.id, 'sent', null, res?.channelMessageId ?? null);
      return 'sent';
    } catch (err) {
      await repo.setDelivery(this.ctx.db, message.id, 'failed', err instanceof Error ? err.message.slice(0, 500) : String(err));
      return 'failed';
    }
  }

  /** Stores and sends one message on the conversation's channel (agent replies, system notices). */
  async post(conversationId: string, author: MessageAuthor, text: string, extra: { agentId?: string; attachmentId?: string | null } = {}) {
    const m = await this.store(conversationId, author, text, extra);
    if (!m) return null;
    return { message: m, delivery: await this.deliver(conversationId, m) };
  }

  /**
   * The replies to return in the channel's response, and a promise of everything else being done
   * (what missed the budget, or did not fit one passive reply, sent through the sender).
   */
  private passiveWithin(conv: ConversationRow, step: Promise<OutboundMessage[]>, budgetMs: number) {
    let timer: NodeJS.Timeout | undefined;
    const late = Symbol('late');
    // One after the other, so the citizen reads them in order.
    const sendLater = (msgs: OutboundMessage[]) => msgs.reduce((p, m) => p.then(() => this.deliver(conv.id, m).then(() => undefined)), Promise.resolve());
    const decided = (budgetMs > 0 ? Promise.race([step, new Promise<typeof late>((r) => (timer = setTimeout(() => r(late), budgetMs)))]) : Promise.resolve(late)).then(
      async (first) => {
        clearTimeout(timer);
        if (first === late) return { passive: [] as OutboundMessage[], settled: step.then(sendLater) };
        // A passive reply carries one message; any further ones go through the sender.
        const [now, ...rest] = first;
        if (now) await repo.setDelivery(this.ctx.db, now.id, 'sent', null);
        return { passive: now ? [now] : [], settled: sendLater(rest) };
      },
    );
    return {
      passive: decided.then((d) => d.passive),
      settled: decided.then((d) => d.settled).catch(this.onError),
    };
  }

  private remember(key: string, p: Promise<OutboundMessage[]>) {
    this.inflight.set(key, p);
    // Retries come within seconds; keep the last few hundred answers.
    if (this.inflight.size > 500) this.inflight.delete(this.inflight.keys().next().value!);
  }
}

export const toOutbound = (m: MessageRow): OutboundMessage => ({ id: m.id, author: m.author, text: m.text, attachmentId: m.attachmentId });

const services = new WeakMap<Ctx, ConversationService>();

/** The one ConversationService of a platform, shared by the inbox and every channel. */
export function conversationServiceFor(ctx: Ctx): ConversationService {
  let s = services.get(ctx);
  if (!s) {
    s = new ConversationService(ctx);
    services.set(ctx, s);
  }
  return s;
}
