// IP address literals as they appear in SIP (RFC 3261 §25, corrected by RFC 5118 §4.10/4.11) and
// SDP. Hand-written scanners: an IPv6 regex that accepts every legal form is long and easy to get
// wrong, and the RFC 5118 torture cases are exactly about getting it wrong.
//
//   IPv4address   = 1*3DIGIT "." 1*3DIGIT "." 1*3DIGIT "." 1*3DIGIT
//   IPv6reference = "[" IPv6address "]"
//   IPv6address   = RFC 4291 §2.2 text form: eight 16-bit hex groups, at most one "::" standing
//                   for one or more zero groups, and optionally an IPv4 address as the last 32 bits.
//                   "2001:db8:::192.0.2.1" (three colons, RFC 5118 §4.10) is NOT legal.

/** Parses dotted-quad IPv4; returns the 4 octets or null. Leading zeros are accepted (1*3DIGIT). */
export function parseIPv4(s: string, start = 0, end = s.length): number[] | null {
  const out: number[] = [];
  let i = start;
  for (let part = 0; part < 4; part++) {
    if (part > 0) {
      if (i >= end || s.charCodeAt(i) !== 46) return null; // "."
      i++;
    }
    let v = 0;
    let n = 0;
    while (i < end && n < 4) {
      const c = s.charCodeAt(i);
      if (c < 48 || c > 57) break;
      v = v * 10 + (c - 48);
      n++;
      i++;
    }
    if (n === 0 || n > 3 || v > 255) return null;
    out.push(v);
  }
  return i === end ? out : null;
}

export function isIPv4(s: string): boolean {
  return parseIPv4(s) !== null;
}

/** Parses an IPv6 address (no brackets) to its 16 octets, or null when it is not one. */
export function parseIPv6(s: string, start = 0, end = s.length): Uint8Array | null {
  if (end - start < 2 || end - start > 45) return null;
  const groups: number[] = [];
  let gap = -1; // index in groups where "::" stands
  let i = start;
  if (s.charCodeAt(i) === 58) {
    // leading ":" must be "::"
    if (s.charCodeAt(i + 1) !== 58) return null;
    gap = 0;
    i += 2;
    if (i === end) return finish(groups, gap);
  }
  for (;;) {
    // one group: 1-4 hex digits, or a trailing dotted IPv4
    let v = 0;
    let n = 0;
    const groupStart = i;
    while (i < end && n < 5) {
      const c = s.charCodeAt(i);
      const h = c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : c >= 65 && c <= 70 ? c - 55 : -1;
      if (h < 0) break;
      v = v * 16 + h;
      n++;
      i++;
    }
    if (i < end && s.charCodeAt(i) === 46) {
      // embedded IPv4 takes the last 32 bits and must end the address
      const v4 = parseIPv4(s, groupStart, end);
      if (v4 === null || groups.length > 6) return null;
      groups.push((v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!);
      return finish(groups, gap);
    }
    if (n === 0 || n > 4) return null;
    groups.push(v);
    if (groups.length > 8) return null;
    if (i === end) return finish(groups, gap);
    if (s.charCodeAt(i) !== 58) return null;
    i++;
    if (i < end && s.charCodeAt(i) === 58) {
      if (gap >= 0) return null; // a second "::"
      gap = groups.length;
      i++;
      if (i === end) return finish(groups, gap);
      if (s.charCodeAt(i) === 58) return null; // ":::"
    } else if (i === end) {
      return null; // trailing single ":"
    }
  }
}

function finish(groups: number[], gap: number): Uint8Array | null {
  if (gap < 0 ? groups.length !== 8 : groups.length > 7) return null;
  const out = new Uint8Array(16);
  const tail = gap < 0 ? 0 : groups.length - gap;
  const head = gap < 0 ? groups.length : gap;
  for (let g = 0; g < head; g++) {
    out[g * 2] = groups[g]! >> 8;
    out[g * 2 + 1] = groups[g]! & 0xff;
  }
  for (let t = 0; t < tail; t++) {
    const g = 8 - tail + t;
    const v = groups[gap + t]!;
    out[g * 2] = v >> 8;
    out[g * 2 + 1] = v & 0xff;
  }
  return out;
}

export function isIPv6(s: string): boolean {
  return parseIPv6(s) !== null;
}

/** "[" IPv6address "]" */
export function isIPv6Reference(s: string): boolean {
  return s.length > 2 && s.charCodeAt(0) === 91 && s.charCodeAt(s.length - 1) === 93 && parseIPv6(s, 1, s.length - 1) !== null;
}

export type HostKind = 'ipv4' | 'ipv6' | 'domain';

/**
 * Validates a `host` of RFC 3261 (hostname / IPv4address / IPv6reference) and says which it is,
 * or returns null when it is none of them.
 *   hostname    = *( domainlabel "." ) toplabel [ "." ]
 *   domainlabel = alphanum / alphanum *( alphanum / "-" ) alphanum
 *   toplabel    = ALPHA / ALPHA *( alphanum / "-" ) alphanum
 * A name made only of digits and dots must be an IPv4 address, otherwise "1.2.3.999" would slip
 * through as a "hostname".
 */
export function classifyHost(s: string): HostKind | null {
  let n = s.length;
  if (n === 0 || n > 255) return null;
  if (s.charCodeAt(0) === 91) return isIPv6Reference(s) ? 'ipv6' : null;
  if (s.charCodeAt(n - 1) === 46) n--; // one trailing dot: a fully qualified name
  if (n === 0) return null;
  let allDigitsDots = true;
  let labelStart = 0;
  let lastLabelFirst = 0;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? s.charCodeAt(i) : 46;
    if (c === 46) {
      const len = i - labelStart;
      if (len === 0 || len > 63) return null;
      if (s.charCodeAt(labelStart) === 45 || s.charCodeAt(i - 1) === 45) return null; // "-" at an end
      lastLabelFirst = s.charCodeAt(labelStart);
      labelStart = i + 1;
      continue;
    }
    const digit = c >= 48 && c <= 57;
    if (!digit) {
      allDigitsDots = false;
      const alpha = (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
      if (!alpha && c !== 45) return null;
    }
  }
  if (allDigitsDots) return n === s.length && isIPv4(s) ? 'ipv4' : null;
  // toplabel must start with a letter
  const f = lastLabelFirst;
  return (f >= 65 && f <= 90) || (f >= 97 && f <= 122) ? 'domain' : null;
}

/** Compares two hosts the way RFC 3261 §19.1.4 wants: names case-insensitively, addresses by value. */
export function hostsEqual(a: string, b: string): boolean {
  if (a === b) return true;
  const ka = classifyHost(a);
  const kb = classifyHost(b);
  if (ka !== kb) return false;
  if (ka === 'ipv6') {
    const x = parseIPv6(a, 1, a.length - 1);
    const y = parseIPv6(b, 1, b.length - 1);
    if (x === null || y === null) return false;
    for (let i = 0; i < 16; i++) if (x[i] !== y[i]) return false;
    return true;
  }
  if (ka === 'ipv4') {
    const x = parseIPv4(a);
    const y = parseIPv4(b);
    return x !== null && y !== null && x.every((v, i) => v === y[i]);
  }
  return a.toLowerCase() === b.toLowerCase();
}
