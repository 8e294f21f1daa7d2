// Mail no person wrote must not get an answer: answering an out-of-office reply or a bounce with
// our own auto-reply is how mail loops start (RFC 3834 §2, RFC 5230 §4.5). Such mail is accepted
// (250, so the sender does not bounce it) and recorded, but opens nothing and is answered by nothing.

export type IgnoreReason = 'bounce' | 'mailer-daemon' | 'auto-submitted' | 'precedence' | 'auto-reply' | 'list' | 'own-address' | 'loop' | 'no-sender';

export interface MailFacts {
  /** Lower-case header names → values as mailparser gives them (strings, arrays or objects). */
  headers: Map<string, unknown>;
  /** The From address, lower-case; null when there is none. */
  from: string | null;
  /** The envelope sender (MAIL FROM); '' for the null sender of bounces and DSNs. */
  envelopeFrom: string;
  /** Our domain and our X-Loop value. */
  ownDomain: string;
  loopToken: string;
}

/** The hop count beyond which a message is taken to circle (RFC 5321 §6.3 suggests 100; real paths are short). */
const MAX_RECEIVED = 30;
const MAILER_DAEMON = /^(mailer-daemon|postmaster|mail-daemon|mailerdaemon)$/i;

const text = (v: unknown): string => {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return v.map(text).join(',');
  if (typeof v === 'object' && 'value' in (v as Record<string, unknown>)) return text((v as { value: unknown }).value);
  return String(v);
};

/** Why a mail is to be ignored, or null when a person wrote it to us. */
export function ignoreReason(m: MailFacts): IgnoreReason | null {
  const h = (name: string) => text(m.headers.get(name)).trim().toLowerCase();
  if (m.envelopeFrom === '') return 'bounce';
  if (h('content-type').startsWith('multipart/report')) return 'bounce';
  if (!m.from) return 'no-sender';
  const [local, domain] = m.from.split('@') as [string, string | undefined];
  if (MAILER_DAEMON.test(local) || MAILER_DAEMON.test(m.envelopeFrom.split('@')[0] ?? '')) return 'mailer-daemon';
  if (domain === m.ownDomain.toLowerCase()) return 'own-address';
  const loops = m.headers.get('x-loop');
  if (loops !== undefined && text(loops).toLowerCase().split(',').some((v) => v.trim() === m.loopToken.toLowerCase())) return 'loop';
  const received = m.headers.get('received');
  if (Array.isArray(received) && received.length > MAX_RECEIVED) return 'loop';
  const auto = h('auto-submitted');
  if (auto && auto !== 'no') return 'auto-submitted';
  if (['bulk', 'junk', 'list', 'auto_reply'].includes(h('precedence'))) return 'precedence';
  if (m.headers.has('x-autoreply') || m.headers.has('x-autorespond') || m.headers.has('x-autoresponder')) return 'auto-reply';
  // Exchange marks its own automatic messages (out-of-office) with this header.
  if (/\b(all|oof|autoreply)\b/.test(h('x-auto-response-suppress'))) return 'auto-reply';
  // mailparser gathers the List-* headers (RFC 2369, 2919) under one "list" entry.
  if (m.headers.has('list') || m.headers.has('list-id') || m.headers.has('list-unsubscribe') || m.headers.has('list-post')) return 'list';
  return null;
}
