import type { Channel } from '@hotline/shared';
import type { Identity } from '../citizens/identity.ts';

export type ConversationState = 'bot' | 'waiting' | 'assigned' | 'closed';
export type MessageKind = 'text' | 'image' | 'voice' | 'video' | 'location' | 'link' | 'event' | 'file';
export type MessageAuthor = 'citizen' | 'bot' | 'agent' | 'system';

export interface ConversationRow {
  id: string;
  citizenId: string;
  channel: Channel;
  threadKey: string;
  identityKind: string;
  identityValue: string;
  state: ConversationState;
  agentId: string | null;
  preview: string;
  messageCount: number;
  createdAt: Date;
  updatedAt: Date;
  lastMessageAt: Date;
  lastInboundAt: Date | null;
  waitingSince: Date | null;
  assignedAt: Date | null;
  closedAt: Date | null;
}

export interface MessageRow {
  id: string;
  seq: string;
  conversationId: string;
  direction: 'in' | 'out';
  author: MessageAuthor;
  agentId: string | null;
  kind: MessageKind;
  text: string;
  attachmentId: string | null;
  data: Record<string, unknown> | null;
  channel: Channel;
  channelMessageId: string | null;
  delivery: 'pending' | 'sent' | 'failed' | null;
  deliveryError: string | null;
  createdAt: Date;
}

/** What a channel hands over when a citizen writes. */
export interface InboundMessage {
  kind: MessageKind;
  /** The text, or a readable stand-in (a location's label, a link's title, a voice recognition). */
  text: string;
  /** The channel's id of the message: a second delivery with the same id is not stored again. */
  channelMessageId?: string | null;
  attachmentId?: string | null;
  /** Kind-specific details (WeChat MediaId, coordinates, the link's URL, the event). */
  data?: Record<string, unknown> | null;
  /**
   * Text the bot should treat as typed by the citizen even though it was not (a menu click's
   * key); absent for media, which goes straight to an agent.
   */
  botText?: string | null;
  /** The citizen's name when the channel knows it (an e-mail's display name). */
  citizenName?: string;
  /** A first contact the bot greets (a WeChat subscribe); other events without botText get no answer. */
  greet?: boolean;
}

/** What goes out: a text, optionally with a file. */
export interface OutboundMessage {
  id: string;
  author: MessageAuthor;
  text: string;
  attachmentId: string | null;
}

/** The outbound port of a channel: agents' replies and the bot's late answers go back this way. */
export interface ChannelSender {
  /** Delivers the message to the citizen on the conversation's channel; throws when it could not. */
  send(conversation: ConversationRow, message: OutboundMessage): Promise<{ channelMessageId?: string | null } | void>;
}

export type ResponderResult = { kind: 'answer'; text: string; articleId?: string } | { kind: 'clarify'; text: string } | { kind: 'handover' };

/** The bot that answers before a person does (knowledge base, commands). */
export interface Responder {
  answer(conversation: ConversationRow, text: string): Promise<ResponderResult>;
}

/**
 * The queue of conversations waiting for an agent. This in-process version is the seam the
 * contact center's ACD replaces: it only decides order and capacity; the database records who
 * has what.
 */
export interface ConversationRouter {
  /** The conversation waits for an agent. */
  enqueue(c: { id: string; channel: Channel; waitingSince: Date }): void;
  /** It no longer waits (taken, closed). */
  remove(conversationId: string): void;
  /**
   * Which conversation the agent, who has `open` conversations now, should take: the one asked
   * for if it waits, else the one waiting longest; null when none waits. Throws AGENT_AT_CAPACITY.
   */
  pick(agentId: string, open: number, conversationId?: string): string | null;
  /** Ids in the order they will be offered. */
  waiting(): string[];
  /** An agent now holds the conversation (took it from the list, or was given it). */
  taken?(conversationId: string, agentId: string): void;
  /** The agent let it go: closed, or put back in the queue (an enqueue follows then). */
  ended?(conversationId: string): void;
}

export type { Identity };
export type { IdentityKind } from '../citizens/identity.ts';
