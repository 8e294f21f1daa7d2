// Header field names: case-insensitive (RFC 3261 §7.3.1), with single-letter compact forms
// (RFC 3261 §7.3.3 and later extensions, from the IANA "Header Fields" registry). Every name we
// know is mapped to one canonical spelling; unknown names are kept exactly as received.

/** Compact form → full name. */
export const COMPACT_FORMS: Readonly<Record<string, string>> = {
  a: 'Accept-Contact', // RFC 3841
  b: 'Referred-By', // RFC 3892
  c: 'Content-Type',
  d: 'Request-Disposition', // RFC 3841
  e: 'Content-Encoding',
  f: 'From',
  i: 'Call-ID',
  j: 'Reject-Contact', // RFC 3841
  k: 'Supported',
  l: 'Content-Length',
  m: 'Contact',
  n: 'Identity-Info', // RFC 4474 (historic)
  o: 'Event', // RFC 6665
  r: 'Refer-To', // RFC 3515
  s: 'Subject',
  t: 'To',
  u: 'Allow-Events', // RFC 6665
  v: 'Via',
  x: 'Session-Expires', // RFC 4028
  y: 'Identity', // RFC 8224
};

const KNOWN = [
  'Accept', 'Accept-Contact', 'Accept-Encoding', 'Accept-Language', 'Alert-Info', 'Allow', 'Allow-Events',
  'Authentication-Info', 'Authorization', 'Call-ID', 'Call-Info', 'Contact', 'Content-Disposition',
  'Content-Encoding', 'Content-Language', 'Content-Length', 'Content-Type', 'CSeq', 'Date', 'Error-Info',
  'Event', 'Expires', 'From', 'Identity', 'Identity-Info', 'In-Reply-To', 'Max-Forwards', 'Min-Expires',
  'Min-SE', 'MIME-Version', 'Organization', 'P-Asserted-Identity', 'P-Preferred-Identity', 'Path', 'Priority',
  'Privacy', 'Proxy-Authenticate', 'Proxy-Authorization', 'Proxy-Require', 'RAck', 'Reason', 'Record-Route',
  'Refer-To', 'Referred-By', 'Reject-Contact', 'Replaces', 'Reply-To', 'Request-Disposition', 'Require',
  'Retry-After', 'Route', 'RSeq', 'Server', 'Service-Route', 'Session-Expires', 'SIP-ETag', 'SIP-If-Match',
  'Subject', 'Subscription-State', 'Supported', 'Timestamp', 'To', 'Unsupported', 'User-Agent', 'Via',
  'Warning', 'WWW-Authenticate',
];

const CANONICAL = new Map<string, string>();
for (const n of KNOWN) CANONICAL.set(n.toLowerCase(), n);
for (const [k, n] of Object.entries(COMPACT_FORMS)) CANONICAL.set(k, n);

// Hot path: header names are looked up once per header line of every message. Hashing a freshly
// sliced string for a Map lookup costs more than comparing it against the one or two known names
// that share its first letter and length, so known names are bucketed that way.
const BUCKETS = new Map<number, string[]>();
for (const n of KNOWN) {
  const key = ((n.charCodeAt(0) | 0x20) << 8) | Math.min(n.length, 255);
  const b = BUCKETS.get(key);
  if (b === undefined) BUCKETS.set(key, [n]);
  else b.push(n);
}
// Dense arrays (filled up front): assigning far indexes into an empty array would leave it in
// slow dictionary mode.
const BUCKET_ARRAY: (string[] | undefined)[] = Array.from({ length: 1 << 15 }, () => undefined);
for (const [k, v] of BUCKETS) BUCKET_ARRAY[k] = v;
const COMPACT_ARRAY: (string | undefined)[] = Array.from({ length: 128 }, () => undefined);
for (const [k, n] of Object.entries(COMPACT_FORMS)) COMPACT_ARRAY[k.charCodeAt(0)] = n;

function equalsIgnoreCase(a: string, b: string): boolean {
  for (let i = 0; i < a.length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y && ((x | 0x20) !== (y | 0x20) || (x | 0x20) < 97 || (x | 0x20) > 122)) return false;
  }
  return true;
}

/** The canonical spelling when `name` is a known header or compact form, else undefined. */
export function knownHeaderName(name: string): string | undefined {
  const n = name.length;
  if (n === 0) return undefined;
  const c = name.charCodeAt(0) | 0x20;
  if (n === 1) return COMPACT_ARRAY[c];
  if (n > 255 || c > 127) return undefined;
  const bucket = BUCKET_ARRAY[(c << 8) | n];
  if (bucket === undefined) return undefined;
  for (const k of bucket) if (k === name) return k;
  for (const k of bucket) if (equalsIgnoreCase(k, name)) return k;
  return undefined;
}

/** Canonical spelling for a known name or compact form; unknown names come back unchanged. */
export function canonicalHeaderName(name: string): string {
  return knownHeaderName(name) ?? name;
}

/** Key for comparing header names: the lowercased canonical name ("v", "VIA", "via" → "via"). */
export function headerKey(name: string): string {
  const lower = name.toLowerCase();
  const canon = CANONICAL.get(lower);
  return canon === undefined ? lower : canon.toLowerCase();
}
