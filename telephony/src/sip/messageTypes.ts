import type { MediaType } from './mediaType.ts';
import type { NameAddr } from './nameAddr.ts';
import type { CSeq } from './scalars.ts';
import type { Uri } from './uri.ts';
import type { Via } from './via.ts';

// The parsed shape of a SIP message. Headers the transaction and dialog layers work with are
// typed fields — the single source of truth for them; serializeMessage() writes them back from
// these fields. Every other header stays raw in `headers`, in received order, because SIP lets
// extensions define their own grammar and a proxy/B2BUA must pass through what it does not know.
// Content-Length is not stored: it is always the byte length of `body`.

/** A header kept as text: canonical name for known headers (else as received), unfolded value. */
export interface RawHeader {
  name: string;
  value: string;
}

export interface SipMessageFields {
  /** Via values, topmost first (several Via lines and comma lists flattened in order). */
  via: Via[];
  from: NameAddr;
  to: NameAddr;
  callId: string;
  cseq: CSeq;
  /** Absent on responses usually, and on RFC 2543-style requests (RFC 4475 §3.4.1). */
  maxForwards?: number;
  /** Contact values in order, or '*' (REGISTER "remove all bindings"). Empty when absent. */
  contact: NameAddr[] | '*';
  route: NameAddr[];
  recordRoute: NameAddr[];
  expires?: number;
  contentType?: MediaType;
  /** Every other header, in order. */
  headers: RawHeader[];
  /**
   * Exactly Content-Length octets (or the rest of the datagram when it has none). A view into the
   * buffer given to parseMessage, not a copy: do not reuse that buffer while the message lives.
   */
  body: Buffer;
}

export interface SipRequest extends SipMessageFields {
  kind: 'request';
  /** Case-sensitive token (RFC 3261 §7.1): "RE%47IST%45R" is not REGISTER. */
  method: string;
  uri: Uri;
}

export interface SipResponse extends SipMessageFields {
  kind: 'response';
  status: number;
  /** Reason-Phrase as UTF-8 text; may be empty (RFC 4475 §3.1.1.13). */
  reason: string;
}

export type SipMessage = SipRequest | SipResponse;

export type Transport = 'udp' | 'tcp' | 'ws';

export interface ParseOptions {
  /**
   * udp and ws are message-oriented (one SIP message per datagram / WebSocket message, RFC 7118):
   * octets after Content-Length are ignored and a missing Content-Length means "the rest".
   * tcp gets one message already cut by the stream framer: Content-Length is required when a
   * body follows, and extra octets are an error.
   */
  transport: Transport;
  /** Larger input is refused with 513 before any parsing. Default 65536. */
  maxMessageBytes?: number;
  /**
   * Reject requests without Max-Forwards. Off by default: RFC 2543 peers omit it, and RFC 4475
   * §3.4.1 (inv2543) says such a request should be accepted; a proxy then treats it as 70.
   */
  requireMaxForwards?: boolean;
}

export interface ParseSuccess {
  ok: true;
  message: SipMessage;
}

export interface ParseFailure {
  ok: false;
  /** The status a UAS should answer with (400, 505, 513…) — when canRespond. */
  status: number;
  reason: string;
  /**
   * True only for a request whose topmost Via could be parsed, i.e. a response can be built and
   * routed (RFC 3261 §18.2.2). Responses are never answered: a broken response is dropped.
   */
  canRespond: boolean;
  /** Set when the input was only CRLFs (a keep-alive), which is not an error worth logging. */
  keepAlive?: boolean;
  /** When canRespond: the request method and its raw headers, to copy Via/From/To/Call-ID/CSeq from. */
  method?: string;
  rawHeaders?: RawHeader[];
}

export type ParseResult = ParseSuccess | ParseFailure;
