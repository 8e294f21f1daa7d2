import type { Channel } from '@hotline/shared';
import { AppError } from '../errors.ts';
import type { ConversationRouter } from './types.ts';

/**
 * First come, first served, with a cap on open conversations per agent (a chat agent can hold a
 * few at once, unlike a call). Process memory only; rebuilt from the database at start.
 */
export class InMemoryConversationRouter implements ConversationRouter {
  private readonly queue = new Map<string, { channel: Channel; waitingSince: number }>();

  constructor(private readonly capacity: number) {}

  enqueue(c: { id: string; channel: Channel; waitingSince: Date }): void {
    if (!this.queue.has(c.id)) this.queue.set(c.id, { channel: c.channel, waitingSince: c.waitingSince.getTime() });
  }

  remove(conversationId: string): void {
    this.queue.delete(conversationId);
  }

  pick(_agentId: string, open: number, conversationId?: string): string | null {
    if (open >= this.capacity) {
      throw new AppError('AGENT_AT_CAPACITY', `an agent holds at most ${this.capacity} conversations at once; close one first`, { capacity: this.capacity, open });
    }
    if (conversationId) return this.queue.has(conversationId) ? conversationId : null;
    return this.waiting()[0] ?? null;
  }

  waiting(): string[] {
    // Ties break by id, as the inbox list orders them.
    return [...this.queue.entries()].sort((a, b) => a[1].waitingSince - b[1].waitingSince || (a[0] < b[0] ? -1 : 1)).map(([id]) => id);
  }
}
