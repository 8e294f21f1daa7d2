import { C_TOKEN, is, isWsp } from './chars.ts';
import type { Param } from './params.ts';
import { parseParams, quote, serializeParams } from './params.ts';
import { ParseFail, Scanner, fail } from './scanner.ts';
import type { Uri } from './uri.ts';
import { parseUriOrFail, serializeUri } from './uri.ts';

// From, To, Contact, Route, Record-Route, Reply-To, Refer-To… all carry a name-addr or addr-spec
// followed by header parameters (RFC 3261 §20.10, §25):
//
//   from-spec    = ( name-addr / addr-spec ) *( SEMI from-param )
//   name-addr    = [ display-name ] LAQUOT addr-spec RAQUOT
//   display-name = *(token LWS) / quoted-string
//   LAQUOT       = SWS "<"        RAQUOT = ">" SWS
//
// Points the torture tests probe:
//  - no whitespace is allowed inside <…> (RFC 4475 §3.1.2.14, badaspec);
//  - an unquoted display name is tokens only: "Bell, Alexander" is invalid (§3.1.2.15, baddn);
//  - no LWS is needed between display name and "<" (§3.1.1.6, lwsdisp);
//  - without <…>, ";" after the URI starts *header* parameters (§3.3.12, cparam01), and a URI
//    that holds headers ("?") must be bracketed (§20, §3.1.2.13 regbadct).

export interface NameAddr {
  /** Display name, unescaped (quotes and quoted-pairs removed; tokens joined by one SP). */
  displayName?: string;
  uri: Uri;
  /** Header parameters after the address (tag, q, expires, lr…), names lowercased. */
  params: Param[];
}

/** Parses one name-addr / addr-spec with its parameters. `requireBrackets` for Route/Record-Route. */
export function parseNameAddrOrFail(v: string, requireBrackets = false): NameAddr {
  const sc = new Scanner(v);
  sc.skipWs();
  let displayName: string | undefined;
  const c0 = sc.peek();
  if (c0 === 34) {
    displayName = sc.quotedString().value;
    sc.skipWs();
    if (sc.peek() !== 60) fail('display name must be followed by <URI>');
  } else if (c0 !== 60) {
    // tokens followed by "<" form a display name; anything else must be an addr-spec
    let j = sc.i;
    while (j < sc.end) {
      const c = v.charCodeAt(j);
      if (!is(c, C_TOKEN) && !isWsp(c)) break;
      j++;
    }
    if (j < sc.end && v.charCodeAt(j) === 60) {
      displayName = collapseWs(v.slice(sc.i, j));
      sc.i = j;
    }
  }
  let uri: Uri;
  if (sc.peek() === 60) {
    const close = v.indexOf('>', sc.i + 1);
    if (close < 0) fail('missing ">"');
    if (isWsp(v.charCodeAt(sc.i + 1)) || isWsp(v.charCodeAt(close - 1))) fail('whitespace inside <>');
    uri = parseUriOrFail(v.slice(sc.i + 1, close));
    sc.i = close + 1;
  } else {
    if (requireBrackets) fail('address must be enclosed in <>');
    const start = sc.i;
    while (sc.i < sc.end) {
      const c = v.charCodeAt(sc.i);
      if (c === 59 || c === 44 || isWsp(c)) break;
      if (c === 63) fail('a URI with headers must be enclosed in <>');
      sc.i++;
    }
    if (v.indexOf('<', sc.i) >= 0) fail('an unquoted display name may only hold tokens');
    uri = parseUriOrFail(v.slice(start, sc.i));
  }
  const params = parseParams(sc);
  sc.expectEnd('address header');
  const out: NameAddr = { uri, params };
  if (displayName !== undefined) out.displayName = displayName;
  return out;
}

export function parseNameAddr(v: string): NameAddr | null {
  try {
    return parseNameAddrOrFail(v);
  } catch (e) {
    if (e instanceof ParseFail) return null;
    throw e;
  }
}

function collapseWs(s: string): string {
  let out = '';
  let pendingSpace = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isWsp(c)) {
      pendingSpace = out.length > 0;
      continue;
    }
    if (pendingSpace) out += ' ';
    pendingSpace = false;
    out += s[i]!;
  }
  return out;
}

/** Canonical form: always `"Display" <uri>;params` (the bracketed form is legal for every URI). */
export function serializeNameAddr(na: NameAddr): string {
  const dn = na.displayName === undefined ? '' : quote(na.displayName) + ' ';
  return dn + '<' + serializeUri(na.uri) + '>' + serializeParams(na.params);
}
