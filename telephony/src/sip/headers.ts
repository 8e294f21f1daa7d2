import { UINT32_MAX } from './chars.ts';
import type { MediaType } from './mediaType.ts';
import { parseMediaTypeOrFail } from './mediaType.ts';
import type { RawHeader } from './messageTypes.ts';
import type { NameAddr } from './nameAddr.ts';
import { parseNameAddrOrFail } from './nameAddr.ts';
import type { CSeq } from './scalars.ts';
import { parseCSeqOrFail, parseCallIdOrFail, parseUintHeaderOrFail } from './scalars.ts';
import { ParseFail, fail, splitList } from './scanner.ts';
import type { Via } from './via.ts';
import { parseViaOrFail } from './via.ts';

// Typed header dispatch: each unfolded header line of a message goes through applyHeader(), which
// parses the headers the SIP layers work with into a Collector and keeps every other header raw,
// in order. Rules enforced here (RFC 3261 §7.3, §20; RFC 4475 §3.1.2.4, §3.3.8, §3.3.9):
//   - single-valued headers (From, To, Call-ID, CSeq, Max-Forwards, Content-Length, Expires,
//     Content-Type) may appear once;
//   - list headers (Via, Contact, Route, Record-Route) may come as several lines and/or comma
//     lists — commas inside quotes or <> do not split;
//   - numbers are bounded (Max-Forwards 0-255, the rest 0-2^32-1) and never overflow;
//   - Contact "*" stands alone;
//   - raw headers may not carry control characters (outside a quoted-pair).
// A syntax error does not stop the walk: the first one is recorded and the remaining headers are
// still looked at, because whether the top Via parsed decides if a 400 can be sent at all.

export interface Collector {
  via: Via[];
  from: NameAddr | undefined;
  to: NameAddr | undefined;
  callId: string | undefined;
  cseq: CSeq | undefined;
  maxForwards: number | undefined;
  contentLength: number | undefined;
  contact: NameAddr[] | '*';
  route: NameAddr[];
  recordRoute: NameAddr[];
  expires: number | undefined;
  contentType: MediaType | undefined;
  /** Every header not parsed into a field above, in received order. */
  headers: RawHeader[];
  /** Whether the first Via value met parsed. */
  topVia: 'none' | 'ok' | 'bad';
  /** The first syntax error, as "Header: reason". */
  error: string | undefined;
}

/** A fresh collector; every field present from the start, so all collectors share one shape. */
export function newCollector(): Collector {
  return {
    via: [],
    from: undefined,
    to: undefined,
    callId: undefined,
    cseq: undefined,
    maxForwards: undefined,
    contentLength: undefined,
    contact: [],
    route: [],
    recordRoute: [],
    expires: undefined,
    contentType: undefined,
    headers: [],
    topVia: 'none',
    error: undefined,
  };
}

const CTL_RE = /[\x00-\x08\x0a-\x1f\x7f]/;

/**
 * header-value = *(TEXT-UTF8char / UTF8-CONT / LWS): no control characters, except that a
 * quoted-pair (backslash + char) may carry one inside a quoted string of an extension header.
 */
function checkRawValue(v: string): void {
  if (!CTL_RE.test(v)) return; // the usual case, decided by one native scan
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c === 92) {
      const n = v.charCodeAt(i + 1);
      if (n === 10 || n === 13) fail('bad quoted-pair');
      i++;
    } else if ((c < 0x20 && c !== 9) || c === 0x7f) fail('control character in header value');
  }
}

function single<T>(current: T | undefined, name: string): void {
  // RFC 4475 §3.3.8/§3.3.9: several values of a single-valued header are a 400.
  if (current !== undefined) fail(`more than one ${name}`);
}

function listOf(v: string, name: string): string[] {
  const items = splitList(v);
  if (items === null) fail(`unbalanced quotes or <> in ${name}`);
  for (const it of items) if (it.length === 0) fail(`empty element in ${name}`);
  return items;
}

/** Parses one header (canonical name, trimmed unfolded value) into the collector. */
export function applyHeader(p: Collector, h: RawHeader): void {
  const v = h.value;
  try {
    switch (h.name) {
      case 'Via': {
        const items = splitList(v);
        if (items === null) {
          if (p.topVia === 'none') p.topVia = 'bad';
          fail('unbalanced quotes in Via');
        }
        for (const it of items) {
          try {
            if (it.length === 0) fail('empty Via value');
            p.via.push(parseViaOrFail(it));
            if (p.topVia === 'none') p.topVia = 'ok';
          } catch (e) {
            if (p.topVia === 'none') p.topVia = 'bad';
            throw e;
          }
        }
        return;
      }
      case 'From':
        single(p.from, 'From');
        p.from = parseNameAddrOrFail(v);
        return;
      case 'To':
        single(p.to, 'To');
        p.to = parseNameAddrOrFail(v);
        return;
      case 'Call-ID':
        single(p.callId, 'Call-ID');
        p.callId = parseCallIdOrFail(v);
        return;
      case 'CSeq':
        single(p.cseq, 'CSeq');
        p.cseq = parseCSeqOrFail(v);
        return;
      case 'Max-Forwards':
        single(p.maxForwards, 'Max-Forwards');
        p.maxForwards = parseUintHeaderOrFail(v, 255, 'Max-Forwards');
        return;
      case 'Content-Length':
        single(p.contentLength, 'Content-Length');
        p.contentLength = parseUintHeaderOrFail(v, UINT32_MAX, 'Content-Length');
        return;
      case 'Expires':
        single(p.expires, 'Expires');
        p.expires = parseUintHeaderOrFail(v, UINT32_MAX, 'Expires');
        return;
      case 'Content-Type':
        single(p.contentType, 'Content-Type');
        p.contentType = parseMediaTypeOrFail(v);
        return;
      case 'Contact': {
        if (v === '*') {
          if (p.contact === '*' || p.contact.length > 0) fail('Contact "*" mixed with other contacts');
          p.contact = '*';
          return;
        }
        if (p.contact === '*') fail('Contact "*" mixed with other contacts');
        for (const it of listOf(v, 'Contact')) {
          const c = parseNameAddrOrFail(it);
          const exp = c.params.find((x) => x.name === 'expires');
          if (exp !== undefined) parseUintHeaderOrFail(exp.value ?? '', UINT32_MAX, 'Contact expires');
          p.contact.push(c);
        }
        return;
      }
      case 'Route':
        for (const it of listOf(v, 'Route')) p.route.push(parseNameAddrOrFail(it, true));
        return;
      case 'Record-Route':
        for (const it of listOf(v, 'Record-Route')) p.recordRoute.push(parseNameAddrOrFail(it, true));
        return;
      default:
        checkRawValue(v);
        p.headers.push(h);
    }
  } catch (e) {
    if (!(e instanceof ParseFail)) throw e;
    p.error ??= `${h.name}: ${e.reason}`;
  }
}
