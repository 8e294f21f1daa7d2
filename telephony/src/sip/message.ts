import { isUtf8 } from 'node:buffer';
import { C_DIGIT, is, isToken, isWsp, trimWsp } from './chars.ts';
import { knownHeaderName } from './headerNames.ts';
import { serializeMediaType } from './mediaType.ts';
import type {
  ParseFailure,
  ParseOptions,
  ParseResult,
  RawHeader,
  SipMessage,
  SipRequest,
  SipResponse,
} from './messageTypes.ts';
import { applyHeader, newCollector } from './headers.ts';
import { serializeNameAddr } from './nameAddr.ts';
import { reasonPhrase } from './reasonPhrases.ts';
import { ParseFail } from './scanner.ts';
import type { Uri } from './uri.ts';
import { parseUriOrFail, serializeUri } from './uri.ts';
import { serializeVia } from './via.ts';

// Whole-message parsing (RFC 3261 §7) and canonical serialisation.
//
//   SIP-message    = Request / Response
//   Request        = Request-Line *( message-header ) CRLF [ message-body ]
//   Request-Line   = Method SP Request-URI SP SIP-Version CRLF
//   Status-Line    = SIP-Version SP Status-Code SP Reason-Phrase CRLF
//   message-header = header-name HCOLON header-value CRLF     HCOLON = *( SP / HTAB ) ":" SWS
//
// Design:
//  - parseMessage never throws; every outcome is a value. Syntax errors inside a header are
//    collected (the first one is reported) so that we still learn whether the top Via is usable,
//    which decides whether a 400 can be sent at all.
//  - Only the header block is decoded to a string (it must be valid UTF-8, as the grammar only
//    admits UTF-8 sequences); the body stays bytes and is cut by Content-Length in octets
//    (RFC 4475 §3.1.1.11, mpart01).
//  - Lines end in CRLF only. A bare CR or LF is a control character in a value and rejected,
//    so the framer and the parser can never disagree about where a header ends.

const CRLFCRLF = Buffer.from('\r\n\r\n');
/** Shared empty body (read-only by convention: it has no bytes to write). */
const EMPTY = Buffer.alloc(0);
export const DEFAULT_MAX_MESSAGE_BYTES = 65536;

function failure(status: number, reason: string, canRespond = false): ParseFailure {
  return { ok: false, status, reason, canRespond };
}

function rejection(status: number, reason: string, canRespond: boolean, method: string, raw: RawHeader[]): ParseFailure {
  const f = failure(status, reason, canRespond);
  if (canRespond) {
    f.method = method;
    f.rawHeaders = raw;
  }
  return f;
}

/** Parses one SIP message. Never throws: malformed input yields `{ ok: false, … }`. */
export function parseMessage(buf: Buffer | Uint8Array, opts: ParseOptions): ParseResult {
  try {
    return parseInner(buf, opts);
  } catch (e) {
    // Defensive only: every expected failure is a value. A bug must not take the socket loop down.
    return failure(400, `internal parser error: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function parseInner(input: Uint8Array, opts: ParseOptions): ParseResult {
  if (!(input instanceof Uint8Array)) return failure(400, 'input is not a buffer');
  const buf = Buffer.isBuffer(input) ? input : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  const max = opts.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
  if (buf.length > max) return failure(513, `message larger than ${max} bytes`);
  const len = buf.length;
  // RFC 3261 §7.5: CRLFs before the start line are ignored (and on their own are a keep-alive).
  let start = 0;
  while (start + 1 < len && buf[start] === 13 && buf[start + 1] === 10) start += 2;
  if (start >= len || (start + 1 === len && (buf[start] === 13 || buf[start] === 10))) {
    return { ok: false, status: 400, reason: 'keep-alive', canRespond: false, keepAlive: true };
  }
  const headEnd = buf.indexOf(CRLFCRLF, start);
  if (headEnd < 0) return failure(400, 'no empty line after the headers');
  const text = buf.toString('utf8', start, headEnd);
  // Invalid UTF-8 decodes to U+FFFD; only then is the exact (slower) check worth running, since
  // a peer may also have sent a genuine, well-formed U+FFFD.
  if (text.indexOf('\ufffd') >= 0 && !isUtf8(buf.subarray(start, headEnd))) {
    return failure(400, 'header section is not valid UTF-8');
  }

  // ---- start line
  let lineEnd = text.indexOf('\r\n');
  if (lineEnd < 0) lineEnd = text.length;
  const startLine = text.slice(0, lineEnd);
  const isResponse =
    startLine.length >= 4 &&
    (startLine.charCodeAt(0) | 0x20) === 115 && // s
    (startLine.charCodeAt(1) | 0x20) === 105 && // i
    (startLine.charCodeAt(2) | 0x20) === 112 && // p
    startLine.charCodeAt(3) === 47; // "/"

  let method = '';
  let uri: Uri | undefined;
  let status = 0;
  let reason = '';
  let startError: { status: number; reason: string } | undefined;
  if (isResponse) {
    const sp = startLine.indexOf(' ');
    const version = sp < 0 ? startLine : startLine.slice(0, sp);
    const v = checkVersion(version);
    if (v !== 'ok') {
      startError = { status: v === 'other' ? 505 : 400, reason: `unsupported version ${version.slice(0, 20)}` };
    } else {
      const code = startLine.slice(sp + 1, sp + 4);
      const after = sp + 4;
      if (
        code.length !== 3 ||
        !is(code.charCodeAt(0), C_DIGIT) ||
        !is(code.charCodeAt(1), C_DIGIT) ||
        !is(code.charCodeAt(2), C_DIGIT) ||
        (after < startLine.length && startLine.charCodeAt(after) !== 32)
      ) {
        startError = { status: 400, reason: 'status code must be 3 digits' };
      } else {
        status = Number(code);
        if (status < 100 || status > 699) startError = { status: 400, reason: 'status code out of range' };
        reason = startLine.slice(after + 1);
        if (hasCtl(reason)) startError = { status: 400, reason: 'control character in reason phrase' };
      }
    }
  } else {
    // Exactly one SP between elements (RFC 4475 §3.1.2.8/§3.1.2.9); trailing WSP after the version
    // is tolerated (§3.1.2.10: "a robust parser may accept it").
    const sp1 = startLine.indexOf(' ');
    const sp2 = sp1 < 0 ? -1 : startLine.indexOf(' ', sp1 + 1);
    if (sp1 <= 0 || sp2 < 0) {
      startError = { status: 400, reason: 'malformed request line' };
    } else {
      method = startLine.slice(0, sp1);
      const version = trimWsp(startLine.slice(sp2 + 1));
      const v = checkVersion(version);
      if (!isToken(method)) startError = { status: 400, reason: 'method is not a token' };
      else if (v === 'bad') startError = { status: 400, reason: 'malformed request line' };
      else if (v === 'other') startError = { status: 505, reason: `unsupported version ${version.slice(0, 20)}` };
      else {
        const uriText = startLine.slice(sp1 + 1, sp2);
        try {
          uri = parseUriOrFail(uriText);
          // RFC 3261 §19.1.1: headers are not allowed in a Request-URI (RFC 4475 §3.1.2.11).
          if (uri.kind === 'sip' && uri.headers.length > 0) startError = { status: 400, reason: 'headers in Request-URI' };
        } catch (e) {
          if (!(e instanceof ParseFail)) throw e;
          startError = { status: 400, reason: `bad Request-URI: ${e.reason}` };
        }
      }
    }
  }

  // ---- header lines (unfolded), then typed parsing
  const raw: RawHeader[] = [];
  /** Continuation lines of raw[k], joined once at the end (repeated concatenation would be quadratic). */
  const folds: (string[] | undefined)[] = [];
  let pos = lineEnd + 2;
  let lineError: string | undefined;
  // The next ":" at or after `pos`. Kept across lines so that a run of colon-less lines does not
  // make every line search to the far end of the block (which would be quadratic).
  let colon = -1;
  while (pos < text.length) {
    let e = text.indexOf('\r\n', pos);
    if (e < 0) e = text.length;
    if (isWsp(text.charCodeAt(pos))) {
      // folding: CRLF followed by WSP is one SP (RFC 3261 §7.3.1)
      const k = raw.length - 1;
      if (k < 0) lineError ??= 'continuation line before any header';
      else {
        const piece = trimWsp(text.slice(pos, e));
        if (piece.length > 0) (folds[k] ??= []).push(piece);
      }
    } else {
      if (colon < pos) {
        colon = text.indexOf(':', pos);
        if (colon < 0) colon = text.length;
      }
      if (colon >= e) {
        lineError ??= 'header line without ":"';
      } else {
        let nameEnd = colon;
        while (nameEnd > pos && isWsp(text.charCodeAt(nameEnd - 1))) nameEnd--;
        const name = text.slice(pos, nameEnd);
        const known = knownHeaderName(name);
        if (known === undefined && !isToken(name)) lineError ??= 'header name is not a token';
        // trim by index before slicing: one substring per value instead of two
        let vs = colon + 1;
        let ve = e;
        while (vs < ve && isWsp(text.charCodeAt(vs))) vs++;
        while (ve > vs && isWsp(text.charCodeAt(ve - 1))) ve--;
        raw.push({ name: known ?? name, value: text.slice(vs, ve) });
      }
    }
    pos = e + 2;
  }
  for (let k = 0; k < folds.length; k++) {
    const f = folds[k];
    if (f !== undefined) raw[k]!.value = trimWsp([raw[k]!.value, ...f].join(' '));
  }

  const p = newCollector();
  for (const h of raw) applyHeader(p, h);

  const canRespond = !isResponse && p.topVia === 'ok';
  const reject = (st: number, why: string): ParseFailure => rejection(st, why, canRespond, method, raw);
  if (startError !== undefined) return reject(startError.status, startError.reason);
  if (lineError !== undefined) return reject(400, lineError);
  if (p.error !== undefined) return reject(400, p.error);
  // RFC 3261 §8.1.1: To, From, CSeq, Call-ID and Via are mandatory in every message.
  if (p.via.length === 0) return reject(400, 'missing Via');
  if (p.from === undefined) return reject(400, 'missing From');
  if (p.to === undefined) return reject(400, 'missing To');
  if (p.callId === undefined) return reject(400, 'missing Call-ID');
  if (p.cseq === undefined) return reject(400, 'missing CSeq');
  if (!isResponse) {
    if (opts.requireMaxForwards === true && p.maxForwards === undefined) return reject(400, 'missing Max-Forwards');
    // RFC 3261 §8.2.2 / RFC 4475 §3.1.2.17-18: the CSeq method must be the request method.
    if (p.cseq.method !== method) return reject(400, 'CSeq method does not match the request method');
  }

  // ---- body (RFC 3261 §18.3)
  const bodyStart = headEnd + 4;
  const avail = len - bodyStart;
  let bodyLen: number;
  if (p.contentLength === undefined) {
    if (opts.transport === 'tcp' && avail > 0) return reject(400, 'missing Content-Length on a stream transport');
    bodyLen = avail;
  } else {
    if (p.contentLength > avail) return reject(400, 'Content-Length larger than the message');
    if (opts.transport === 'tcp' && p.contentLength < avail) return reject(400, 'octets after the body on a stream transport');
    bodyLen = p.contentLength;
  }
  // A view, not a copy: a received datagram or framed message is never reused by its producer.
  const body = bodyLen === 0 ? EMPTY : buf.subarray(bodyStart, bodyStart + bodyLen);

  // Object literals with every property in a fixed order: one hidden class per message kind.
  const message: SipMessage = isResponse
    ? {
        kind: 'response',
        status,
        reason,
        via: p.via,
        from: p.from,
        to: p.to,
        callId: p.callId,
        cseq: p.cseq,
        maxForwards: p.maxForwards,
        contact: p.contact,
        route: p.route,
        recordRoute: p.recordRoute,
        expires: p.expires,
        contentType: p.contentType,
        headers: p.headers,
        body,
      }
    : {
        kind: 'request',
        method,
        uri: uri!,
        via: p.via,
        from: p.from,
        to: p.to,
        callId: p.callId,
        cseq: p.cseq,
        maxForwards: p.maxForwards,
        contact: p.contact,
        route: p.route,
        recordRoute: p.recordRoute,
        expires: p.expires,
        contentType: p.contentType,
        headers: p.headers,
        body,
      };
  return { ok: true, message };
}

/** 'ok' for SIP/2.0, 'other' for another well-formed SIP version (→ 505), 'bad' otherwise. */
function checkVersion(v: string): 'ok' | 'other' | 'bad' {
  // SIP-Version = "SIP" "/" 1*DIGIT "." 1*DIGIT   (the literal is case-insensitive)
  if (v.length < 7 || (v.charCodeAt(0) | 0x20) !== 115 || (v.charCodeAt(1) | 0x20) !== 105 || (v.charCodeAt(2) | 0x20) !== 112 || v.charCodeAt(3) !== 47) {
    return 'bad';
  }
  const dot = v.indexOf('.', 4);
  if (dot < 0) return 'bad';
  const major = v.slice(4, dot);
  const minor = v.slice(dot + 1);
  for (const part of [major, minor]) {
    if (part.length === 0 || part.length > 9) return 'bad';
    for (let i = 0; i < part.length; i++) if (!is(part.charCodeAt(i), C_DIGIT)) return 'bad';
  }
  return Number(major) === 2 && Number(minor) === 0 ? 'ok' : 'other';
}

/** Control characters other than HTAB (TEXT-UTF8char excludes them). */
function hasCtl(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c < 0x20 && c !== 9) || c === 0x7f) return true;
  }
  return false;
}

// ---- serialisation

function line(name: string, value: string): string {
  const l = value === '' ? `${name}:\r\n` : `${name}: ${value}\r\n`;
  // Guard against header injection from programmatically built messages: the only CR/LF allowed
  // is the line end we just added.
  const cr = l.indexOf('\r');
  const lf = l.indexOf('\n');
  if (cr !== l.length - 2 || lf !== l.length - 1) throw new TypeError(`CR/LF inside header ${name}`);
  return l;
}

/**
 * Canonical wire form: full header names, one header per line, no folding, Via first and
 * Content-Length (always the body's byte length) last. Header order between different names is
 * not significant in SIP (RFC 3261 §7.3.1); order within a name — and among the raw headers —
 * is kept. Throws TypeError for fields that cannot be encoded (CR/LF in a value, a non-token
 * header name or method): those are programming errors, never the result of a parse.
 */
export function serializeMessage(msg: SipMessage): Buffer {
  let head: string;
  if (msg.kind === 'request') {
    if (!isToken(msg.method)) throw new TypeError('method must be a token');
    head = `${msg.method} ${serializeUri(msg.uri)} SIP/2.0\r\n`;
  } else {
    if (!Number.isInteger(msg.status) || msg.status < 100 || msg.status > 699) throw new TypeError('status must be 100-699');
    if (hasCtl(msg.reason)) throw new TypeError('control character in reason phrase');
    head = `SIP/2.0 ${msg.status} ${msg.reason}\r\n`;
  }
  for (const v of msg.via) head += line('Via', serializeVia(v));
  if (msg.maxForwards !== undefined) head += line('Max-Forwards', String(msg.maxForwards));
  for (const r of msg.route) head += line('Route', serializeNameAddr(r));
  for (const r of msg.recordRoute) head += line('Record-Route', serializeNameAddr(r));
  head += line('From', serializeNameAddr(msg.from));
  head += line('To', serializeNameAddr(msg.to));
  head += line('Call-ID', msg.callId);
  if (!isToken(msg.cseq.method)) throw new TypeError('CSeq method must be a token');
  head += line('CSeq', `${msg.cseq.seq} ${msg.cseq.method}`);
  if (msg.contact === '*') head += line('Contact', '*');
  else for (const c of msg.contact) head += line('Contact', serializeNameAddr(c));
  if (msg.expires !== undefined) head += line('Expires', String(msg.expires));
  if (msg.contentType !== undefined) head += line('Content-Type', serializeMediaType(msg.contentType));
  for (const h of msg.headers) {
    if (!isToken(h.name)) throw new TypeError(`header name ${JSON.stringify(h.name)} is not a token`);
    head += line(h.name, h.value);
  }
  head += `Content-Length: ${msg.body.length}\r\n\r\n`;
  if (msg.body.length === 0) return Buffer.from(head, 'utf8');
  const headLen = Buffer.byteLength(head, 'utf8');
  const out = Buffer.allocUnsafe(headLen + msg.body.length);
  out.write(head, 0, 'utf8');
  out.set(msg.body, headLen);
  return out;
}

/** The start line as text, for logs. */
export function startLineOf(msg: SipMessage): string {
  return msg.kind === 'request' ? `${msg.method} ${serializeUri(msg.uri)} SIP/2.0` : `SIP/2.0 ${msg.status} ${msg.reason}`;
}

/**
 * A response skeleton for `req` (RFC 3261 §8.2.6.2: Via, From, To, Call-ID and CSeq copied). The
 * caller still adds a To tag (every response but 100 needs one) and anything else it must carry.
 */
export function responseTo(req: SipRequest, status: number, reason = reasonPhrase(status)): SipResponse {
  return {
    kind: 'response',
    status,
    reason,
    via: req.via,
    from: req.from,
    to: req.to,
    callId: req.callId,
    cseq: req.cseq,
    contact: [],
    route: [],
    recordRoute: [],
    headers: [],
    body: Buffer.alloc(0),
  };
}
