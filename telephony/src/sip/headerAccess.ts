import { headerKey } from './headerNames.ts';
import type { SipMessage } from './messageTypes.ts';
import { splitList } from './scanner.ts';

// Lookups over the raw headers of a message by any spelling of the name ("k", "SUPPORTED" and
// "Supported" are the same header). Typed headers (Via, From, To, …) are fields, not found here.

/** All values of a header, in order (one per header line). */
export function getHeaders(msg: SipMessage, name: string): string[] {
  const key = headerKey(name);
  const out: string[] = [];
  for (const h of msg.headers) if (headerKey(h.name) === key) out.push(h.value);
  return out;
}

/** The first value of a header, or undefined. */
export function getHeader(msg: SipMessage, name: string): string | undefined {
  const key = headerKey(name);
  for (const h of msg.headers) if (headerKey(h.name) === key) return h.value;
  return undefined;
}

/**
 * Elements of a comma-list header (Require, Supported, Allow, Accept…), across all its lines,
 * split outside quotes and <>, empty elements dropped. Not for Authorization/WWW-Authenticate or
 * Date, whose commas are not separators (RFC 3261 §7.3.1).
 */
export function getHeaderList(msg: SipMessage, name: string): string[] {
  const out: string[] = [];
  for (const v of getHeaders(msg, name)) {
    const items = splitList(v) ?? [v];
    for (const it of items) if (it.length > 0) out.push(it);
  }
  return out;
}
