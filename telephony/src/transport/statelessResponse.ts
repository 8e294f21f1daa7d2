import type { RawHeader } from '../sip/messageTypes.ts';

// A response to a request we could not parse (RFC 3261 §8.2, §18.2.1): since the parser could not
// build a message, the response is assembled from the raw header lines it did recover — Via,
// From, To, Call-ID and CSeq copied as they came (§8.2.6.2). Only built when the parser says the
// top Via was usable, so the response can be routed.

const COPIED = new Set(['Via', 'From', 'To', 'Call-ID', 'CSeq']);

function safeReason(reason: string): string {
  // The reason may quote attacker input: printable ASCII only, and short.
  return reason.replace(/[^\x20-\x7e]/g, '?').slice(0, 120);
}

export function statelessResponseText(status: number, reason: string, raw: readonly RawHeader[], toTag: string): Buffer {
  let out = `SIP/2.0 ${status} ${safeReason(reason)}\r\n`;
  for (const h of raw) {
    if (!COPIED.has(h.name)) continue;
    // a value with CR/LF cannot come out of the parser, but never emit one
    if (/[\r\n]/.test(h.value)) continue;
    const v = h.name === 'To' && !/;\s*tag\s*=/i.test(h.value) ? `${h.value};tag=${toTag}` : h.value;
    out += `${h.name}: ${v}\r\n`;
  }
  return Buffer.from(out + 'Content-Length: 0\r\n\r\n', 'utf8');
}
