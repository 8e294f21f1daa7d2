import { C_TOKEN, is, isWsp, trimWsp } from './chars.ts';

// The small cursor every header parser is written with. Header values reach it unfolded (each
// CRLF + WSP run already replaced by one SP), so RFC 3261's separators reduce to:
//   SWS = [LWS]  →  *WSP            SEMI  = SWS ";" SWS     COMMA = SWS "," SWS
//   EQUAL = SWS "=" SWS             SLASH = SWS "/" SWS     COLON = SWS ":" SWS
//
// Parsers signal a syntax error by throwing ParseFail; parseMessage() catches it at the header
// boundary and turns it into a 400. ParseFail is deliberately not an Error: hostile input can make
// us build thousands of these per second, and a captured stack trace would dominate the cost.

export class ParseFail {
  constructor(readonly reason: string) {}
}

export function fail(reason: string): never {
  throw new ParseFail(reason);
}

export class Scanner {
  readonly s: string;
  i: number;
  readonly end: number;

  constructor(s: string, start = 0, end = s.length) {
    this.s = s;
    this.i = start;
    this.end = end;
  }

  get done(): boolean {
    return this.i >= this.end;
  }

  /** Char code at the cursor, or -1 at the end. */
  peek(): number {
    return this.i < this.end ? this.s.charCodeAt(this.i) : -1;
  }

  skipWs(): void {
    while (this.i < this.end && isWsp(this.s.charCodeAt(this.i))) this.i++;
  }

  /** SWS c SWS — consumes the separator (and the whitespace around it) when it is next. */
  eatSep(c: number): boolean {
    const save = this.i;
    this.skipWs();
    if (this.i < this.end && this.s.charCodeAt(this.i) === c) {
      this.i++;
      this.skipWs();
      return true;
    }
    this.i = save;
    return false;
  }

  expectSep(c: number, what: string): void {
    if (!this.eatSep(c)) fail(`expected ${what}`);
  }

  token(what: string): string {
    const start = this.i;
    while (this.i < this.end && is(this.s.charCodeAt(this.i), C_TOKEN)) this.i++;
    if (this.i === start) fail(`expected ${what}`);
    return this.s.slice(start, this.i);
  }

  /** Consumes a run of chars in `mask` (possibly empty) and returns it. */
  run(mask: number): string {
    const start = this.i;
    while (this.i < this.end && is(this.s.charCodeAt(this.i), mask)) this.i++;
    return this.s.slice(start, this.i);
  }

  /** Fails unless only whitespace is left. */
  expectEnd(what: string): void {
    this.skipWs();
    if (this.i < this.end) fail(`unexpected "${this.s.slice(this.i, this.i + 16)}" in ${what}`);
  }

  /**
   * quoted-string = SWS DQUOTE *(qdtext / quoted-pair ) DQUOTE
   * qdtext        = LWS / %x21 / %x23-5B / %x5D-7E / UTF8-NONASCII
   * quoted-pair   = "\" (%x00-09 / %x0B-0C / %x0E-7F)
   * Returns the raw text (quotes included) in `raw` and the unescaped content in `value`.
   * A quoted-pair may carry NUL, BEL or DEL (RFC 4475 §3.1.1.2): they are data here.
   */
  quotedString(): { raw: string; value: string } {
    const start = this.i;
    if (this.peek() !== 34) fail('expected quoted string');
    this.i++;
    let value = '';
    let chunk = this.i;
    while (this.i < this.end) {
      const c = this.s.charCodeAt(this.i);
      if (c === 34) {
        value += this.s.slice(chunk, this.i);
        this.i++;
        return { raw: this.s.slice(start, this.i), value };
      }
      if (c === 92) {
        const n = this.i + 1 < this.end ? this.s.charCodeAt(this.i + 1) : -1;
        if (n < 0 || n > 0x7f || n === 10 || n === 13) fail('bad quoted-pair');
        value += this.s.slice(chunk, this.i) + String.fromCharCode(n);
        this.i += 2;
        chunk = this.i;
        continue;
      }
      if (c < 0x20 ? c !== 9 : c === 0x7f) fail('control character in quoted string');
      this.i++;
    }
    fail('unterminated quoted string');
  }
}

/**
 * Splits a list-valued header (Via, Contact, Route, Accept, Require…) at its top-level commas:
 * commas inside a quoted-string (with \-escapes) or inside <…> are data. Returns null when a quote
 * or angle bracket is left open. Elements are trimmed but not otherwise touched.
 */
export function splitList(v: string): string[] | null {
  // No comma at all: a single element. (An open quote or bracket in it is left for the element's
  // own parser to reject.)
  if (v.indexOf(',') < 0) return [trimWsp(v)];
  const out: string[] = [];
  let start = 0;
  let inQuote = false;
  let inAngle = false;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (inQuote) {
      if (c === 92) i++;
      else if (c === 34) inQuote = false;
    } else if (inAngle) {
      if (c === 62) inAngle = false;
    } else if (c === 34) inQuote = true;
    else if (c === 60) inAngle = true;
    else if (c === 44) {
      out.push(v.slice(start, i));
      start = i + 1;
    }
  }
  if (inQuote || inAngle) return null;
  out.push(v.slice(start));
  for (let k = 0; k < out.length; k++) {
    const e = out[k]!;
    let a = 0;
    let b = e.length;
    while (a < b && isWsp(e.charCodeAt(a))) a++;
    while (b > a && isWsp(e.charCodeAt(b - 1))) b--;
    out[k] = e.slice(a, b);
  }
  return out;
}
