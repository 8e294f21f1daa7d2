import { C_ALNUM, C_ALPHA, C_DIGIT, C_UNRESERVED, hexVal, is } from './chars.ts';
import { classifyHost, hostsEqual } from './ip.ts';
import type { Param } from './params.ts';
import { ParseFail, fail } from './scanner.ts';

// SIP, SIPS and tel URIs (RFC 3261 §19.1, §25; RFC 3966), plus any other scheme kept as an opaque
// absolute URI (RFC 4475 §3.3.2–3.3.4: unknown schemes are legal in To/From/Contact and must not
// break the parser; only a UAS decides whether it can serve one, with 416).
//
//   SIP-URI   = "sip:" [ userinfo ] hostport uri-parameters [ headers ]
//   SIPS-URI  = "sips:" [ userinfo ] hostport uri-parameters [ headers ]
//   userinfo  = ( user / telephone-subscriber ) [ ":" password ] "@"
//   user      = 1*( unreserved / escaped / user-unreserved )
//   password  = *( unreserved / escaped / "&" / "=" / "+" / "$" / "," )
//   hostport  = host [ ":" port ]
//   uri-parameters = *( ";" uri-parameter )    uri-parameter = pname [ "=" pvalue ]
//   pname / pvalue = 1*paramchar    paramchar = param-unreserved / unreserved / escaped
//   headers   = "?" header *( "&" header )     header = hname "=" hvalue
//
// Escapes are normalised at parse time: an escaped *unreserved* character is decoded ("%75" → "u")
// and every other escape keeps its escaped form with upper-case hex ("%3a" → "%3A"). RFC 3261
// §19.1.4 makes exactly those pairs equivalent ("characters other than those in the reserved set
// are equivalent to their %HEX HEX encoding"), so after normalisation equal components are equal
// strings, and serialising gives the canonical form. Escaped octets that cannot appear literally
// (%00, %20, non-ASCII…) stay escaped: "%00" is data, never a terminator (RFC 4475 §3.1.1.4).

export interface UriHeader {
  name: string;
  value: string;
}

export interface SipUri {
  kind: 'sip';
  scheme: 'sip' | 'sips';
  /** User part in normalised escaped form (see above); absent when the URI has no userinfo. */
  user?: string;
  password?: string;
  /** Host as written; an IPv6 reference keeps its brackets. */
  host: string;
  port?: number;
  /** uri-parameters in order; names lowercased, values in normalised escaped form. */
  params: Param[];
  /** `?name=value&…` headers in order (illegal in a Request-URI — RFC 3261 §19.1.1). */
  headers: UriHeader[];
}

/** RFC 3966 tel URI: `tel:+1-201-555-0123;ext=1234`. */
export interface TelUri {
  kind: 'tel';
  /** The telephone-subscriber digits as written (visual separators included). */
  number: string;
  params: Param[];
}

/** Any other scheme: kept verbatim after the colon, scheme lowercased. */
export interface AbsoluteUri {
  kind: 'absolute';
  scheme: string;
  opaque: string;
}

export type Uri = SipUri | TelUri | AbsoluteUri;

const HEX = '0123456789ABCDEF';

// Component character classes as sticky regexes (without "%"; escapes are handled between runs).
// A sticky run of one character class is a single linear native scan, far cheaper than a
// charCodeAt loop, and it never looks past the end of the component.
const UNRESERVED = "A-Za-z0-9\\-_.!~*'()";
const USER_Y = new RegExp(`[${UNRESERVED}&=+$,;?/]+`, 'y');
const PASSWORD_Y = new RegExp(`[${UNRESERVED}&=+$,]+`, 'y');
const PARAM_Y = new RegExp(`[${UNRESERVED}\\[\\]/:&+$]+`, 'y');
const HNV_Y = new RegExp(`[${UNRESERVED}\\[\\]/?:+$]+`, 'y');
const URIC_Y = new RegExp(`[${UNRESERVED};/?:@&=+$,\\[\\]]+`, 'y');
const HOST_Y = /[A-Za-z0-9.-]+/y;
const DIGITS_Y = /[0-9]+/y;

/** End of the run of `re`'s class starting at `i` (`i` itself when there is none). */
function runEnd(re: RegExp, s: string, i: number): number {
  re.lastIndex = i;
  return re.test(s) ? re.lastIndex : i;
}

/** Where the last scan() stopped (a side channel, to return two values without allocating). */
let scanEnd = 0;

/**
 * Reads a component made of `re`'s class and "%" HEX HEX escapes, starting at `i`, and returns it
 * in normalised escaped form; scanEnd is set to the first index after it. Fails on a bad escape.
 */
function scan(re: RegExp, s: string, i: number, what: string): string {
  let j = runEnd(re, s, i);
  if (s.charCodeAt(j) !== 37) {
    scanEnd = j;
    return s.slice(i, j);
  }
  let out = s.slice(i, j);
  while (s.charCodeAt(j) === 37) {
    const h1 = hexVal(s.charCodeAt(j + 1));
    const h2 = h1 >= 0 ? hexVal(s.charCodeAt(j + 2)) : -1;
    if (h2 < 0) fail(`bad %-escape in ${what}`);
    const b = h1 * 16 + h2;
    out += is(b, C_UNRESERVED) ? String.fromCharCode(b) : '%' + HEX[h1]! + HEX[h2]!;
    j += 3;
    const k = runEnd(re, s, j);
    out += s.slice(j, k);
    j = k;
  }
  scanEnd = j;
  return out;
}

/** The whole range [start,end) as one component of `re`'s class; fails on any other character. */
function whole(re: RegExp, s: string, start: number, end: number, what: string): string {
  const v = scan(re, s, start, what);
  if (scanEnd !== end) fail(`illegal character in ${what}`);
  return v;
}

/** Percent-decodes to octets (so "%00" becomes a real NUL byte, and multi-byte escapes stay bytes). */
export function percentDecode(s: string): Buffer {
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 37 && i + 2 < s.length) {
      const h1 = hexVal(s.charCodeAt(i + 1));
      const h2 = hexVal(s.charCodeAt(i + 2));
      if (h1 >= 0 && h2 >= 0) {
        bytes.push(h1 * 16 + h2);
        i += 2;
        continue;
      }
    }
    if (c < 0x80) bytes.push(c);
    else for (const b of Buffer.from(s[i]!, 'utf8')) bytes.push(b);
  }
  return Buffer.from(bytes);
}

/** The user part of a SIP URI as octets (escapes decoded), or undefined when there is none. */
export function uriUserBytes(uri: SipUri): Buffer | undefined {
  return uri.user === undefined ? undefined : percentDecode(uri.user);
}

function parseSipUri(s: string, scheme: 'sip' | 'sips', i0: number): SipUri {
  const end = s.length;
  let user: string | undefined;
  let password: string | undefined;
  let i = i0;
  // "@" cannot appear unescaped anywhere but at the end of userinfo, so it alone finds the
  // userinfo — which is what lets a user part contain ";", "?" and "," (RFC 4475 §3.1.1.9).
  const at = s.indexOf('@', i0);
  if (at >= 0) {
    user = scan(USER_Y, s, i0, 'user part');
    const userEnd = scanEnd;
    if (userEnd === i0) fail('empty or invalid user part');
    if (userEnd > at) fail('illegal character in user part');
    if (userEnd < at) {
      if (s.charCodeAt(userEnd) !== 58) fail('illegal character in user part');
      password = whole(PASSWORD_Y, s, userEnd + 1, at, 'password');
    }
    i = at + 1;
  }
  let hostEnd: number;
  if (s.charCodeAt(i) === 91) {
    hostEnd = s.indexOf(']', i) + 1;
    if (hostEnd === 0) fail('unterminated IPv6 reference');
  } else {
    hostEnd = runEnd(HOST_Y, s, i);
  }
  const host = s.slice(i, hostEnd);
  if (classifyHost(host) === null) fail(`invalid host ${JSON.stringify(host.slice(0, 64))}`);
  const uri: SipUri = { kind: 'sip', scheme, host, params: [], headers: [] };
  if (user !== undefined) uri.user = user;
  if (password !== undefined) uri.password = password;
  i = hostEnd;
  if (i < end && s.charCodeAt(i) === 58) {
    const portEnd = runEnd(DIGITS_Y, s, i + 1);
    if (portEnd === i + 1 || portEnd - i > 6) fail('invalid port');
    const port = Number(s.slice(i + 1, portEnd));
    if (port > 65535) fail('invalid port');
    uri.port = port;
    i = portEnd;
  }
  while (i < end && s.charCodeAt(i) === 59) {
    const name = scan(PARAM_Y, s, i + 1, 'URI parameter').toLowerCase();
    if (scanEnd === i + 1) fail('empty or invalid URI parameter');
    i = scanEnd;
    let value: string | null = null;
    if (i < end && s.charCodeAt(i) === 61) {
      value = scan(PARAM_Y, s, i + 1, 'URI parameter value');
      if (scanEnd === i + 1) fail('empty or invalid URI parameter value');
      i = scanEnd;
    }
    uri.params.push({ name, value });
  }
  if (i < end && s.charCodeAt(i) === 63) {
    do {
      const name = scan(HNV_Y, s, i + 1, 'URI header name');
      const nameEnd = scanEnd;
      if (nameEnd === i + 1 || s.charCodeAt(nameEnd) !== 61) fail('URI header needs name=value');
      const value = scan(HNV_Y, s, nameEnd + 1, 'URI header value');
      uri.headers.push({ name, value });
      i = scanEnd;
    } while (i < end && s.charCodeAt(i) === 38);
  }
  if (i !== end) fail('illegal character in SIP URI');
  return uri;
}

// RFC 3966:  telephone-subscriber = global-number / local-number
//   global-number-digits = "+" *phonedigit DIGIT *phonedigit
//   local-number-digits  = *phonedigit-hex (HEXDIG / "*" / "#") *phonedigit-hex
//   visual-separator     = "-" / "." / "(" / ")"
//   parameter = ";" pname ["=" pvalue ]   pname = 1*( alphanum / "-" )
function parseTelUri(s: string, i0: number): TelUri {
  const end = s.length;
  let i = i0;
  const global = s.charCodeAt(i) === 43;
  if (global) i++;
  let digits = 0;
  while (i < end && s.charCodeAt(i) !== 59) {
    const c = s.charCodeAt(i);
    const sep = c === 45 || c === 46 || c === 40 || c === 41;
    const digit = global ? is(c, C_DIGIT) : hexVal(c) >= 0 || c === 42 || c === 35;
    if (digit) digits++;
    else if (!sep) fail('illegal character in tel number');
    i++;
  }
  if (digits === 0) fail('tel URI without digits');
  const uri: TelUri = { kind: 'tel', number: s.slice(i0, i), params: [] };
  while (i < end) {
    i++; // ";"
    let k = i;
    let eq = -1;
    while (k < end && s.charCodeAt(k) !== 59) {
      if (s.charCodeAt(k) === 61 && eq < 0) eq = k;
      k++;
    }
    const nameEnd = eq >= 0 ? eq : k;
    if (nameEnd === i) fail('empty tel parameter');
    for (let p = i; p < nameEnd; p++) {
      const c = s.charCodeAt(p);
      if (!is(c, C_ALNUM) && c !== 45) fail('illegal tel parameter name');
    }
    let value: string | null = null;
    if (eq >= 0) {
      if (eq + 1 === k) fail('empty tel parameter value');
      value = whole(PARAM_Y, s, eq + 1, k, 'tel parameter value');
    }
    uri.params.push({ name: s.slice(i, nameEnd).toLowerCase(), value });
    i = k;
  }
  if (!global && !uri.params.some((p) => p.name === 'phone-context')) fail('local tel number needs phone-context');
  return uri;
}

/** Parses any URI; throws ParseFail (internal). */
export function parseUriOrFail(s: string): Uri {
  const colon = s.indexOf(':');
  if (colon <= 0) fail('URI has no scheme');
  // scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )
  if (!is(s.charCodeAt(0), C_ALPHA)) fail('URI scheme must start with a letter');
  for (let k = 1; k < colon; k++) {
    const c = s.charCodeAt(k);
    if (!is(c, C_ALNUM) && c !== 43 && c !== 45 && c !== 46) fail('illegal character in URI scheme');
  }
  const scheme = s.slice(0, colon).toLowerCase();
  if (scheme === 'sip' || scheme === 'sips') return parseSipUri(s, scheme, colon + 1);
  if (scheme === 'tel') return parseTelUri(s, colon + 1);
  if (colon + 1 === s.length) fail('empty URI');
  // RFC 3986 §6.2.2.2: decoding escaped unreserved characters preserves equivalence here too.
  return { kind: 'absolute', scheme, opaque: whole(URIC_Y, s, colon + 1, s.length, 'URI') };
}

/** Parses a URI; null when it is not a valid SIP/SIPS/tel/absolute URI. Never throws. */
export function parseUri(s: string): Uri | null {
  try {
    return parseUriOrFail(s);
  } catch (e) {
    if (e instanceof ParseFail) return null;
    throw e;
  }
}

function serializeUriParams(params: readonly Param[]): string {
  let out = '';
  for (const p of params) out += p.value === null ? `;${p.name}` : `;${p.name}=${p.value}`;
  return out;
}

export function serializeUri(uri: Uri): string {
  switch (uri.kind) {
    case 'sip': {
      let out = uri.scheme + ':';
      if (uri.user !== undefined) {
        out += uri.user;
        if (uri.password !== undefined) out += ':' + uri.password;
        out += '@';
      }
      out += uri.host;
      if (uri.port !== undefined) out += ':' + uri.port;
      out += serializeUriParams(uri.params);
      for (let k = 0; k < uri.headers.length; k++) {
        const h = uri.headers[k]!;
        out += (k === 0 ? '?' : '&') + h.name + '=' + h.value;
      }
      return out;
    }
    case 'tel':
      return 'tel:' + uri.number + serializeUriParams(uri.params);
    case 'absolute':
      return uri.scheme + ':' + uri.opaque;
  }
}

/** Parameters that make URIs differ even when only one side carries them (RFC 3261 §19.1.4). */
const STICKY_PARAMS = new Set(['user', 'ttl', 'method', 'maddr', 'transport']);

function paramsEqual(a: readonly Param[], b: readonly Param[]): boolean {
  const mb = new Map<string, string | null>();
  for (const p of b) mb.set(p.name, p.value === null ? null : p.value.toLowerCase());
  const seen = new Set<string>();
  for (const p of a) {
    seen.add(p.name);
    if (mb.has(p.name)) {
      const va = p.value === null ? null : p.value.toLowerCase();
      if (va !== mb.get(p.name)) return false;
    } else if (STICKY_PARAMS.has(p.name)) return false;
  }
  for (const p of b) if (!seen.has(p.name) && STICKY_PARAMS.has(p.name)) return false;
  return true;
}

function headersEqual(a: readonly UriHeader[], b: readonly UriHeader[]): boolean {
  if (a.length !== b.length) return false;
  const key = (h: UriHeader): string => `${h.name.toLowerCase()}=${h.value}`;
  const ka = a.map(key).sort();
  const kb = b.map(key).sort();
  return ka.every((v, i) => v === kb[i]);
}

/** Digits of a tel number with visual separators removed, hex lowercased (RFC 3966 §4). */
function telDigits(n: string): string {
  let out = '';
  for (let i = 0; i < n.length; i++) {
    const c = n[i]!;
    if (c !== '-' && c !== '.' && c !== '(' && c !== ')') out += c;
  }
  return out.toLowerCase();
}

/**
 * URI equivalence of RFC 3261 §19.1.4 (SIP/SIPS), RFC 3966 §4 (tel), else scheme
 * case-insensitively plus the exact remainder:
 *  - user and password case-sensitive (escapes already normalised), host case-insensitive;
 *  - a port, or a user/ttl/method/maddr/transport parameter, on one side only ⇒ different;
 *  - parameters on both sides compare case-insensitively; other one-sided ones are ignored;
 *  - URI headers must all be present on both sides and equal, in any order.
 */
export function uriEquals(a: Uri, b: Uri): boolean {
  if (a.kind === 'sip' && b.kind === 'sip') {
    return (
      a.scheme === b.scheme &&
      a.user === b.user &&
      a.password === b.password &&
      a.port === b.port &&
      hostsEqual(a.host, b.host) &&
      paramsEqual(a.params, b.params) &&
      headersEqual(a.headers, b.headers)
    );
  }
  if (a.kind === 'tel' && b.kind === 'tel') {
    if (telDigits(a.number) !== telDigits(b.number) || a.params.length !== b.params.length) return false;
    const key = (p: Param): string => `${p.name}=${p.value === null ? '' : p.value.toLowerCase()}`;
    const ka = a.params.map(key).sort();
    const kb = b.params.map(key).sort();
    return ka.every((v, i) => v === kb[i]);
  }
  if (a.kind === 'absolute' && b.kind === 'absolute') return a.scheme === b.scheme && a.opaque === b.opaque;
  return false;
}
