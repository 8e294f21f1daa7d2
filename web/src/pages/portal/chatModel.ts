// Pure pieces of the chat window, kept apart so they can be tested without a browser.
import type { ChatMessage } from './portalApi';

/** Messages by id, in server order (seq), whatever order the poll and the send answered in. */
export function mergeMessages(current: readonly ChatMessage[], incoming: readonly ChatMessage[]): ChatMessage[] {
  const byId = new Map(current.map((m) => [m.id, m]));
  for (const m of incoming) byId.set(m.id, m);
  return [...byId.values()].sort((a, b) => compareSeq(a.seq, b.seq));
}

/** seq is a bigint as text: compare by length, then lexically. */
export function compareSeq(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

export function lastSeq(messages: readonly ChatMessage[]): string {
  return messages.length ? messages[messages.length - 1]!.seq : '0';
}

/** A random id for one message, so a retried send is stored once. */
export function newClientId(): string {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}
