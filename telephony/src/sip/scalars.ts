import { C_DIGIT, UINT32_MAX, isDigits, isToken, parseUintMax, trimWsp } from './chars.ts';
import { Scanner, fail } from './scanner.ts';

// Single-number and single-word headers. Every number goes through parseUintMax, which rejects
// anything past its limit without ever forming a lossy float: RFC 4475 §3.1.2.4/§3.1.2.5
// (scalar02, scalarlg) send CSeq 36893488147419103232 and Expires 10^100 precisely to catch
// parsers that overflow or wrap.
//
//   CSeq           = "CSeq" HCOLON 1*DIGIT LWS Method    ; < 2^32 (RFC 3261 §20.16)
//   Max-Forwards   = "Max-Forwards" HCOLON 1*DIGIT       ; 0-255 (RFC 4475 §3.1.2.4)
//   Content-Length = ( "Content-Length" / "l" ) HCOLON 1*DIGIT
//   Expires        = "Expires" HCOLON delta-seconds      ; delta-seconds < 2^32
//   Call-ID        = ( "Call-ID" / "i" ) HCOLON callid   ; callid = word [ "@" word ]

export interface CSeq {
  seq: number;
  method: string;
}

export function parseCSeqOrFail(v: string): CSeq {
  const sc = new Scanner(v);
  sc.skipWs();
  const seq = parseUintMax(sc.run(C_DIGIT), UINT32_MAX);
  if (seq < 0) fail('CSeq number must be 0..2^32-1');
  const before = sc.i;
  sc.skipWs();
  if (sc.i === before) fail('CSeq needs LWS before the method');
  const method = sc.token('CSeq method');
  sc.expectEnd('CSeq');
  return { seq, method };
}

/** A header that is a bare unsigned number no greater than `max`. */
export function parseUintHeaderOrFail(v: string, max: number, what: string): number {
  const t = trimWsp(v);
  if (!isDigits(t)) fail(`${what} must be a non-negative integer`);
  const n = parseUintMax(t, max);
  if (n < 0) fail(`${what} exceeds ${max}`);
  return n;
}

// word chars, with "@" allowed once as the separator of the two words
const CALL_ID_RE = /^[A-Za-z0-9\-.!%*_+`'~()<>:\\"/[\]?{}]+(?:@[A-Za-z0-9\-.!%*_+`'~()<>:\\"/[\]?{}]+)?$/;

export function parseCallIdOrFail(v: string): string {
  const t = trimWsp(v);
  if (!CALL_ID_RE.test(t)) fail('Call-ID must be word [@ word]');
  return t;
}

export function isMethod(s: string): boolean {
  return isToken(s);
}
