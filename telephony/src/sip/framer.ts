// Cuts a TCP/TLS byte stream (or a WebSocket carrying a raw stream) into SIP messages
// (RFC 3261 §18.3): a message is its header block up to the first CRLFCRLF, plus Content-Length
// octets of body. Between messages, CRLFs are keep-alives (RFC 5626 §3.5.1, §4.4.1):
//
//     ping = CRLF CRLF      (client → server; the server answers with a pong)
//     pong = CRLF           (server → client)
//
// Memory is bounded whatever the peer sends: the header block may not exceed maxHeaderBytes and
// the whole message maxMessageBytes, and the framer never holds more than maxMessageBytes —
// bytes of a chunk beyond what the current message may still need are left in the caller's
// chunk until the current message is out. A violation is fatal for the stream (there is no way
// to find the next message boundary again): the framer reports one `error` event and ignores
// everything afterwards; the transport should answer 513/400 if it can and close the connection.
//
// Content-Length is required on stream transports; a header block without one is framed with an
// empty body (parseMessage then rejects it if it was really followed by a body).

export type FrameEvent =
  | { type: 'message'; data: Buffer }
  | { type: 'ping' }
  | { type: 'pong' }
  | { type: 'error'; status: number; reason: string };

export interface FramerOptions {
  /** Largest message (headers + body) accepted. Default 64 KiB. */
  maxMessageBytes?: number;
  /** Largest header block (start line up to and including CRLFCRLF). Default 16 KiB. */
  maxHeaderBytes?: number;
}

export const DEFAULT_FRAMER_MAX_MESSAGE = 64 * 1024;
export const DEFAULT_FRAMER_MAX_HEADER = 16 * 1024;

// Framer states (a plain object rather than an enum, so type-stripping runtimes accept the file).
const State = {
  Idle: 0, // between messages: CRLF keep-alives allowed
  Headers: 1, // collecting the header block
  Body: 2, // header block parsed, waiting for `expected` bytes in total
  Failed: 3,
} as const;
type State = (typeof State)[keyof typeof State];

export class SipStreamFramer {
  readonly maxMessageBytes: number;
  readonly maxHeaderBytes: number;
  private buf: Buffer;
  private len = 0;
  private state: State = State.Idle;
  /** Where the CRLFCRLF search resumes, so a header block dribbling in is scanned once. */
  private scanned = 0;
  private expected = 0;
  /**
   * A lone CRLF ended the previous input and was reported as a pong. If the next input starts
   * with CRLF, the two were really one ping split across reads, and we report a ping then.
   */
  private halfPing = false;

  constructor(opts: FramerOptions = {}) {
    this.maxMessageBytes = opts.maxMessageBytes ?? DEFAULT_FRAMER_MAX_MESSAGE;
    this.maxHeaderBytes = Math.min(opts.maxHeaderBytes ?? DEFAULT_FRAMER_MAX_HEADER, this.maxMessageBytes);
    if (this.maxHeaderBytes < 32) throw new RangeError('maxHeaderBytes too small');
    this.buf = Buffer.allocUnsafe(Math.min(4096, this.maxMessageBytes));
  }

  /** Bytes currently held (never more than maxMessageBytes). */
  get bufferedBytes(): number {
    return this.len;
  }

  get failed(): boolean {
    return this.state === State.Failed;
  }

  /** Feeds a chunk read from the stream; returns what it completed, in order. */
  push(chunk: Uint8Array): FrameEvent[] {
    const events: FrameEvent[] = [];
    let off = 0;
    while (this.state !== State.Failed) {
      // Take only what the current message may still need (or may still grow by).
      const limit = this.state === State.Body ? this.expected : this.maxHeaderBytes;
      const take = Math.min(limit - this.len, chunk.length - off);
      if (take > 0) {
        this.append(chunk, off, take);
        off += take;
      }
      if (!this.advance(events)) break; // needs more input (or failed)
    }
    return events;
  }

  /** Drops any partial message and starts over (e.g. after the transport reconnects). */
  reset(): void {
    if (this.state === State.Failed) this.buf = Buffer.allocUnsafe(4096);
    this.len = 0;
    this.state = State.Idle;
    this.scanned = 0;
    this.expected = 0;
    this.halfPing = false;
  }

  private append(src: Uint8Array, off: number, n: number): void {
    if (this.len + n > this.buf.length) {
      let cap = Math.max(this.buf.length * 2, 64);
      while (cap < this.len + n) cap *= 2;
      const next = Buffer.allocUnsafe(Math.min(cap, this.maxMessageBytes));
      this.buf.copy(next, 0, 0, this.len);
      this.buf = next;
    }
    this.buf.set(src.subarray(off, off + n), this.len);
    this.len += n;
  }

  private consume(n: number): void {
    if (n <= 0) return;
    this.buf.copy(this.buf, 0, n, this.len);
    this.len -= n;
  }

  /** Makes progress on the buffered bytes. Returns false when nothing more can be done now. */
  private advance(events: FrameEvent[]): boolean {
    switch (this.state) {
      case State.Idle: {
        const b = this.buf;
        const len = this.len;
        let i = 0;
        while (i < len) {
          const c = b[i];
          if (c === 10) {
            i++; // stray LF between messages: tolerated, not reported
            continue;
          }
          if (c !== 13 || i + 1 >= len) break; // a message starts, or a lone CR waits for its LF
          if (b[i + 1] !== 10) break; // CR not followed by LF: let the parser reject it
          if (i + 2 < len && b[i + 2] === 13) {
            if (i + 3 >= len) break; // CRLF CR: wait to see whether this is a ping
            if (b[i + 3] === 10) {
              events.push({ type: 'ping' });
              this.halfPing = false;
              i += 4;
              continue;
            }
          }
          events.push({ type: this.halfPing ? 'ping' : 'pong' });
          // a CRLF that ends the input may be the first half of a ping (see halfPing)
          this.halfPing = !this.halfPing && i + 2 === len;
          i += 2;
        }
        this.consume(i);
        const startsMessage = this.len > 0 && this.buf[0] !== 13 && this.buf[0] !== 10;
        const crThenOther = this.len > 1 && this.buf[0] === 13 && this.buf[1] !== 10;
        if (startsMessage || crThenOther) {
          this.halfPing = false;
          this.state = State.Headers;
          this.scanned = 0;
          return true;
        }
        return false;
      }
      case State.Headers: {
        const from = Math.max(0, this.scanned - 3);
        const end = this.buf.subarray(0, this.len).indexOf('\r\n\r\n', from, 'latin1');
        if (end < 0) {
          this.scanned = this.len;
          if (this.len >= this.maxHeaderBytes) return this.fail(events, 513, `header section exceeds ${this.maxHeaderBytes} bytes`);
          return false;
        }
        const headerLen = end + 4;
        const cl = contentLengthOf(this.buf, headerLen);
        if (cl === 'invalid') return this.fail(events, 400, 'invalid or conflicting Content-Length');
        const total = headerLen + cl;
        if (total > this.maxMessageBytes) return this.fail(events, 513, `message exceeds ${this.maxMessageBytes} bytes`);
        this.expected = total;
        this.state = State.Body;
        return true;
      }
      case State.Body: {
        if (this.len < this.expected) return false;
        const total = this.expected;
        events.push({ type: 'message', data: Buffer.from(this.buf.subarray(0, total)) });
        this.consume(total); // any surplus is bounded: we never took more than `expected`
        this.state = State.Idle;
        this.scanned = 0;
        this.expected = 0;
        return true;
      }
      case State.Failed:
        return false;
    }
  }

  private fail(events: FrameEvent[], status: number, reason: string): false {
    events.push({ type: 'error', status, reason });
    this.state = State.Failed;
    this.len = 0;
    this.buf = Buffer.alloc(0);
    return false;
  }
}

const CONTENT_LENGTH = 'content-length';

/**
 * Finds Content-Length (or compact "l") in a raw header block and returns its value: 0 when
 * absent, 'invalid' when malformed or when several disagree. Works on bytes so that nothing is
 * decoded before the message is complete. Folded values ("Content-Length:\r\n 12") are handled.
 */
export function contentLengthOf(buf: Uint8Array, headerLen: number): number | 'invalid' {
  let found = -1;
  // skip the start line
  let p = 0;
  while (p + 1 < headerLen && !(buf[p] === 13 && buf[p + 1] === 10)) p++;
  p += 2;
  while (p < headerLen - 2) {
    // p is at the start of a line
    let q = p;
    let matched = false;
    const c0 = buf[q]! | 0x20;
    if (c0 === 108 /* l */) {
      q++;
      matched = true;
      // either "l" or "content-length" (which starts with "c", so "l" is the compact form only)
    } else if (c0 === 99 /* c */) {
      let k = 0;
      while (k < CONTENT_LENGTH.length && q + k < headerLen) {
        const e = CONTENT_LENGTH.charCodeAt(k);
        const b = buf[q + k]!;
        if (e === 45 ? b !== 45 : (b | 0x20) !== e) break; // letters case-insensitively, "-" exactly
        k++;
      }
      if (k === CONTENT_LENGTH.length) {
        q += k;
        matched = true;
      }
    }
    if (matched) {
      while (q < headerLen && (buf[q] === 32 || buf[q] === 9)) q++;
      if (buf[q] === 58 /* : */) {
        q++;
        let v = -1;
        for (;;) {
          const c = buf[q];
          if (c === 32 || c === 9) q++;
          else if (c === 13 && buf[q + 1] === 10 && (buf[q + 2] === 32 || buf[q + 2] === 9)) q += 3;
          else break;
        }
        while (q < headerLen && buf[q]! >= 48 && buf[q]! <= 57) {
          v = (v < 0 ? 0 : v) * 10 + (buf[q]! - 48);
          if (v > 0xffffffff) return 'invalid';
          q++;
        }
        while (q < headerLen && (buf[q] === 32 || buf[q] === 9)) q++;
        if (v < 0 || buf[q] !== 13) return 'invalid';
        if (found >= 0 && found !== v) return 'invalid';
        found = v;
      }
    }
    // next line
    while (q + 1 < headerLen && !(buf[q] === 13 && buf[q + 1] === 10)) q++;
    p = q + 2;
  }
  return found < 0 ? 0 : found;
}
