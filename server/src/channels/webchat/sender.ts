import type { ChannelSender, ConversationRow, OutboundMessage } from '../../conversations/index.ts';

/**
 * The web chat has no push channel: the browser polls (long-polls) for messages. "Sending" a
 * reply therefore means it is stored, which it already is, and waking the polls waiting on it.
 * Polls on other server nodes find it on their next look at the database.
 */
export class WebChatSender implements ChannelSender {
  private readonly waiting = new Map<string, Set<() => void>>();

  async send(conversation: ConversationRow, _message: OutboundMessage): Promise<void> {
    this.wake(conversation.identityValue);
  }

  wake(visitor: string): void {
    const set = this.waiting.get(visitor);
    if (!set) return;
    this.waiting.delete(visitor);
    for (const fn of set) fn();
  }

  /** Resolves when something is sent to the visitor, or after `ms`, or when `signal` aborts. */
  wait(visitor: string, ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      let set = this.waiting.get(visitor);
      if (!set) this.waiting.set(visitor, (set = new Set()));
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        const s = this.waiting.get(visitor);
        s?.delete(done);
        if (s && s.size === 0) this.waiting.delete(visitor);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal?.addEventListener('abort', done);
      set.add(done);
    });
  }
}
