// Character classes of the RFC 3261 §25 grammar. Scanners that walk a value char by char use the
// bit table; whole-range checks use single-class regexes (one native linear scan — a lone
// character class followed by an anchor cannot backtrack more than linearly). Codes >= 128 are in
// no class here: non-ASCII is legal only where a scanner allows UTF8-NONASCII explicitly.

const TABLE = new Uint8Array(128);

export const C_ALNUM = 1 << 0;
/** token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~") */
export const C_TOKEN = 1 << 1;
/** unreserved = alphanum / mark; mark = "-" / "_" / "." / "!" / "~" / "*" / "'" / "(" / ")" */
export const C_UNRESERVED = 1 << 2;
export const C_DIGIT = 1 << 3;
export const C_ALPHA = 1 << 4;

function mark(chars: string, bit: number): void {
  for (let i = 0; i < chars.length; i++) TABLE[chars.charCodeAt(i)]! |= bit;
}

const DIGITS = '0123456789';
const ALPHAS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
mark(DIGITS, C_DIGIT);
mark(ALPHAS, C_ALPHA);
mark(DIGITS + ALPHAS, C_ALNUM | C_TOKEN | C_UNRESERVED);
mark("-.!%*_+`'~", C_TOKEN);
mark("-_.!~*'()", C_UNRESERVED);

/** True when char code `c` belongs to at least one of the classes in `mask`. */
export function is(c: number, mask: number): boolean {
  return c < 128 && (TABLE[c]! & mask) !== 0;
}

// Whole-string class checks run as native regex scans: a single anchored character class cannot
// backtrack more than linearly, and irregexp beats a charCodeAt loop by a wide margin.
const TOKEN_RE = /^[A-Za-z0-9\-.!%*_+`'~]+$/;

export function isToken(s: string): boolean {
  return TOKEN_RE.test(s);
}

export function isDigits(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** SP or HTAB: the only whitespace left in a header value once folding has been undone. */
export function isWsp(c: number): boolean {
  return c === 32 || c === 9;
}

/** Trim SP/HTAB (not the wider set String.prototype.trim removes, which includes e.g. U+00A0). */
export function trimWsp(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && isWsp(s.charCodeAt(a))) a++;
  while (b > a && isWsp(s.charCodeAt(b - 1))) b--;
  return a === 0 && b === s.length ? s : s.slice(a, b);
}

export function hexVal(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 70) return c - 55;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}

/**
 * Parses an unsigned decimal of any length (leading zeros allowed, as in "0068") and returns it
 * when it is <= max, else -1. Works digit by digit and stops as soon as the value exceeds max,
 * so "1000…0000" with a hundred digits costs nothing and never goes through a lossy float.
 */
export function parseUintMax(s: string, max: number): number {
  if (s.length === 0) return -1;
  let v = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return -1;
    v = v * 10 + (c - 48);
    if (v > max) return -1;
  }
  return v;
}

export const UINT32_MAX = 0xffffffff;
