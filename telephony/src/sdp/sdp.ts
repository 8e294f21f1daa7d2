import { isIPv4, isIPv6, classifyHost } from '../sip/ip.ts';

// SDP (RFC 4566 — RFC 8866 kept the same syntax) for offer/answer (RFC 3264): parse to a plain
// structure, serialise back in the RFC's field order. IPv6 addresses appear unbracketed after
// "IP6" (RFC 4566 §5.7, RFC 5118 §4.8/§4.12).
//
//   session-description = proto-version origin-field session-name-field information-field
//                         uri-field email-fields phone-fields connection-field bandwidth-fields
//                         time-fields key-field attribute-fields media-descriptions
//   origin-field     = %x6f "=" username SP sess-id SP sess-version SP nettype SP addrtype SP unicast-address CRLF
//   connection-field = %x63 "=" nettype SP addrtype SP connection-address CRLF
//   media-field      = %x6d "=" media SP port ["/" integer] SP proto 1*(SP fmt) CRLF
//   attribute        = (att-field ":" att-value) / att-field
//
// Tolerances, all seen in the field: LF-only line ends (RFC 4566 §5 says parsers SHOULD accept
// them), a missing final line end, and an empty s= (RFC 5118 §4.8 uses one). Anything else that
// breaks the grammar — unknown type letter, v≠0, bad port, malformed address — is an error value.

export interface SdpOrigin {
  username: string;
  /** Kept as text: it may be larger than 2^53 (RFC 5118 §4.9 uses 971731711378798081). */
  sessionId: string;
  sessionVersion: string;
  netType: string;
  addrType: string;
  address: string;
}

export interface SdpConnection {
  netType: string;
  addrType: string;
  address: string;
  /** IP4 multicast TTL (`/ttl`). */
  ttl?: number;
  /** Number of addresses (`/n`). */
  count?: number;
}

export interface SdpBandwidth {
  type: string;
  value: number;
}

export interface SdpTiming {
  start: string;
  stop: string;
  repeats: string[];
}

export interface SdpAttribute {
  name: string;
  /** null for a property attribute such as `a=sendrecv`. */
  value: string | null;
}

export interface SdpMedia {
  type: string;
  port: number;
  portCount?: number;
  protocol: string;
  formats: string[];
  information?: string;
  connections: SdpConnection[];
  bandwidths: SdpBandwidth[];
  key?: string;
  attributes: SdpAttribute[];
}

export interface SessionDescription {
  version: 0;
  origin: SdpOrigin;
  sessionName: string;
  information?: string;
  uri?: string;
  emails: string[];
  phones: string[];
  connection?: SdpConnection;
  bandwidths: SdpBandwidth[];
  timing: SdpTiming[];
  timeZones?: string;
  key?: string;
  attributes: SdpAttribute[];
  media: SdpMedia[];
}

export type SdpParseResult = { ok: true; sdp: SessionDescription } | { ok: false; error: string; line: number };

class SdpFail {
  constructor(
    readonly error: string,
    readonly line: number,
  ) {}
}

const MAX_SDP_BYTES = 65536;

/** Parses an SDP body (bytes or text). Never throws. */
export function parseSdp(input: Buffer | string): SdpParseResult {
  try {
    return { ok: true, sdp: parseInner(input) };
  } catch (e) {
    if (e instanceof SdpFail) return { ok: false, error: e.error, line: e.line };
    return { ok: false, error: `internal SDP parser error: ${e instanceof Error ? e.message : String(e)}`, line: 0 };
  }
}

function isDigitStr(s: string, maxLen = 20): boolean {
  if (s.length === 0 || s.length > maxLen) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** Non-empty run of visible chars (no SP, no controls) — the SDP `token`/`non-ws-string` shape. */
function isWord(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c <= 32 || c === 127) return false;
  }
  return true;
}

function parseInner(input: Buffer | string): SessionDescription {
  if (typeof input !== 'string') {
    if (input.length > MAX_SDP_BYTES) throw new SdpFail('SDP too large', 0);
    input = input.toString('utf8');
  } else if (input.length > MAX_SDP_BYTES) throw new SdpFail('SDP too large', 0);
  const rawLines = input.split('\n');
  // a final line end leaves one empty element; trailing blank lines are tolerated
  while (rawLines.length > 0 && (rawLines[rawLines.length - 1] === '' || rawLines[rawLines.length - 1] === '\r')) rawLines.pop();
  if (rawLines.length === 0) throw new SdpFail('empty SDP', 0);

  let sdp: Partial<SessionDescription> & { media: SdpMedia[] } = { media: [] };
  const session = {
    emails: [] as string[],
    phones: [] as string[],
    bandwidths: [] as SdpBandwidth[],
    timing: [] as SdpTiming[],
    attributes: [] as SdpAttribute[],
  };
  let media: SdpMedia | undefined;

  for (let n = 0; n < rawLines.length; n++) {
    const lineNo = n + 1;
    let line = rawLines[n]!;
    if (line.endsWith('\r')) line = line.slice(0, -1);
    const bad: (why: string) => never = (why) => {
      throw new SdpFail(why, lineNo);
    };
    if (line.length < 2 || line.charCodeAt(1) !== 61) bad('line is not <type>=<value>');
    for (let i = 0; i < line.length; i++) {
      const c = line.charCodeAt(i);
      if ((c < 32 && c !== 9) || c === 127) bad('control character');
    }
    const type = line[0]!;
    const value = line.slice(2);
    if (n === 0 && type !== 'v') bad('SDP must start with v=');

    switch (type) {
      case 'v':
        if (n !== 0) bad('v= must be the first line');
        if (value !== '0') bad('unsupported SDP version');
        sdp.version = 0;
        break;
      case 'o': {
        if (n !== 1 || sdp.origin !== undefined) bad('o= must be the second line');
        const f = value.split(' ');
        if (f.length !== 6 || !f.every(isWord)) bad('o= needs 6 fields');
        const [username, sessionId, sessionVersion, netType, addrType, address] = f as [string, string, string, string, string, string];
        if (!isDigitStr(sessionId) || !isDigitStr(sessionVersion)) bad('o= session id/version must be numeric');
        checkAddress(netType, addrType, address, bad);
        sdp.origin = { username, sessionId, sessionVersion, netType, addrType, address };
        break;
      }
      case 's':
        if (sdp.sessionName !== undefined || media !== undefined) bad('duplicate or misplaced s=');
        sdp.sessionName = value;
        break;
      case 'i':
        if (media !== undefined) {
          if (media.information !== undefined) bad('duplicate i=');
          media.information = value;
        } else {
          if (sdp.information !== undefined) bad('duplicate i=');
          sdp.information = value;
        }
        break;
      case 'u':
        if (media !== undefined || sdp.uri !== undefined) bad('misplaced u=');
        sdp.uri = value;
        break;
      case 'e':
        if (media !== undefined) bad('misplaced e=');
        session.emails.push(value);
        break;
      case 'p':
        if (media !== undefined) bad('misplaced p=');
        session.phones.push(value);
        break;
      case 'c': {
        const c = parseConnection(value, bad);
        if (media !== undefined) media.connections.push(c);
        else {
          if (sdp.connection !== undefined) bad('duplicate session c=');
          sdp.connection = c;
        }
        break;
      }
      case 'b': {
        const colon = value.indexOf(':');
        const bwType = value.slice(0, colon);
        const bw = value.slice(colon + 1);
        if (colon <= 0 || !isWord(bwType) || !isDigitStr(bw, 15)) bad('bad b= line');
        (media !== undefined ? media.bandwidths : session.bandwidths).push({ type: bwType, value: Number(bw) });
        break;
      }
      case 't': {
        if (media !== undefined) bad('misplaced t=');
        const f = value.split(' ');
        if (f.length !== 2 || !isDigitStr(f[0]!) || !isDigitStr(f[1]!)) bad('bad t= line');
        session.timing.push({ start: f[0]!, stop: f[1]!, repeats: [] });
        break;
      }
      case 'r': {
        const last = session.timing[session.timing.length - 1];
        if (media !== undefined || last === undefined) bad('r= must follow t=');
        last.repeats.push(value);
        break;
      }
      case 'z':
        if (media !== undefined || sdp.timeZones !== undefined) bad('misplaced z=');
        sdp.timeZones = value;
        break;
      case 'k':
        if (media !== undefined) media.key = value;
        else sdp.key = value;
        break;
      case 'a': {
        if (value.length === 0) bad('empty attribute');
        const colon = value.indexOf(':');
        const attr: SdpAttribute = colon < 0 ? { name: value, value: null } : { name: value.slice(0, colon), value: value.slice(colon + 1) };
        if (!isWord(attr.name)) bad('bad attribute name');
        (media !== undefined ? media.attributes : session.attributes).push(attr);
        break;
      }
      case 'm': {
        const f = value.split(' ');
        if (f.length < 4 || !f.every(isWord)) bad('m= needs media, port, proto and formats');
        const [mtype, portField, proto] = f as [string, string, string];
        const slash = portField.indexOf('/');
        const portText = slash < 0 ? portField : portField.slice(0, slash);
        const port = isDigitStr(portText, 5) ? Number(portText) : -1;
        if (port < 0 || port > 65535) bad('bad media port');
        media = { type: mtype, port, protocol: proto, formats: f.slice(3), connections: [], bandwidths: [], attributes: [] };
        if (slash >= 0) {
          const count = portField.slice(slash + 1);
          if (!isDigitStr(count, 5) || Number(count) === 0) bad('bad port count');
          media.portCount = Number(count);
        }
        sdp.media.push(media);
        break;
      }
      default:
        // RFC 4566 §5: a description with a type letter we do not understand must be ignored whole.
        bad(`unknown line type ${JSON.stringify(type)}`);
    }
  }
  if (sdp.version === undefined) throw new SdpFail('missing v=', 1);
  if (sdp.origin === undefined) throw new SdpFail('missing o=', 2);
  if (sdp.sessionName === undefined) throw new SdpFail('missing s=', 3);
  if (session.timing.length === 0) throw new SdpFail('missing t=', 0);
  // RFC 4566 §5.7: every media stream needs a connection address, at session or media level.
  if (sdp.connection === undefined) {
    const i = sdp.media.findIndex((m) => m.connections.length === 0);
    if (i >= 0) throw new SdpFail(`media ${i + 1} has no c= and there is no session c=`, 0);
  }
  sdp = { ...sdp, ...session };
  return sdp as SessionDescription;
}

function checkAddress(netType: string, addrType: string, address: string, bad: (why: string) => never): void {
  if (netType !== 'IN') return; // other network types: opaque
  if (addrType === 'IP4') {
    if (!isIPv4(address) && classifyHost(address) !== 'domain') bad('bad IP4 address');
  } else if (addrType === 'IP6') {
    if (!isIPv6(address) && classifyHost(address) !== 'domain') bad('bad IP6 address');
  }
}

function parseConnection(value: string, bad: (why: string) => never): SdpConnection {
  const f = value.split(' ');
  if (f.length !== 3 || !f.every(isWord)) bad('c= needs nettype, addrtype and address');
  const [netType, addrType, addrField] = f as [string, string, string];
  const parts = addrField.split('/');
  const address = parts[0]!;
  checkAddress(netType, addrType, address, bad);
  const c: SdpConnection = { netType, addrType, address };
  if (parts.length > 3) bad('bad connection address');
  const nums = parts.slice(1);
  for (const x of nums) if (!isDigitStr(x, 5)) bad('bad connection address suffix');
  if (addrType === 'IP4' && nums.length >= 1) {
    c.ttl = Number(nums[0]);
    if (c.ttl > 255) bad('TTL over 255');
    if (nums.length === 2) c.count = Number(nums[1]);
  } else if (addrType === 'IP6') {
    if (nums.length > 1) bad('IP6 connection takes no TTL');
    if (nums.length === 1) c.count = Number(nums[0]);
  }
  return c;
}

/** One `x=value` line; a CR or LF inside a value would smuggle in extra lines, so it is refused. */
function field(type: string, value: string): string {
  if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) throw new TypeError(`CR/LF inside SDP ${type}= field`);
  return `${type}=${value}\r\n`;
}

function connectionText(c: SdpConnection): string {
  let a = c.address;
  if (c.ttl !== undefined) a += '/' + c.ttl;
  if (c.count !== undefined) a += '/' + c.count;
  return field('c', `${c.netType} ${c.addrType} ${a}`);
}

function attrText(a: SdpAttribute): string {
  return field('a', a.value === null ? a.name : `${a.name}:${a.value}`);
}

/** Serialises in RFC 4566 order with CRLF line ends. Throws TypeError on CR/LF inside a field. */
export function serializeSdp(sdp: SessionDescription): string {
  const o = sdp.origin;
  let out = 'v=0\r\n' + field('o', `${o.username} ${o.sessionId} ${o.sessionVersion} ${o.netType} ${o.addrType} ${o.address}`);
  out += field('s', sdp.sessionName);
  if (sdp.information !== undefined) out += field('i', sdp.information);
  if (sdp.uri !== undefined) out += field('u', sdp.uri);
  for (const e of sdp.emails) out += field('e', e);
  for (const p of sdp.phones) out += field('p', p);
  if (sdp.connection !== undefined) out += connectionText(sdp.connection);
  for (const b of sdp.bandwidths) out += field('b', `${b.type}:${b.value}`);
  for (const t of sdp.timing) {
    out += field('t', `${t.start} ${t.stop}`);
    for (const r of t.repeats) out += field('r', r);
  }
  if (sdp.timeZones !== undefined) out += field('z', sdp.timeZones);
  if (sdp.key !== undefined) out += field('k', sdp.key);
  for (const a of sdp.attributes) out += attrText(a);
  for (const m of sdp.media) {
    const port = m.portCount === undefined ? String(m.port) : `${m.port}/${m.portCount}`;
    out += field('m', `${m.type} ${port} ${m.protocol} ${m.formats.join(' ')}`);
    if (m.information !== undefined) out += field('i', m.information);
    for (const c of m.connections) out += connectionText(c);
    for (const b of m.bandwidths) out += field('b', `${b.type}:${b.value}`);
    if (m.key !== undefined) out += field('k', m.key);
    for (const a of m.attributes) out += attrText(a);
  }
  return out;
}

// ---- offer/answer helpers (RFC 3264, RFC 4566 §6)

export interface RtpMap {
  payloadType: number;
  encoding: string;
  clockRate: number;
  channels?: number;
}

/** The a=rtpmap lines of a media section. Malformed ones are skipped. */
export function rtpMaps(m: SdpMedia): RtpMap[] {
  const out: RtpMap[] = [];
  for (const a of m.attributes) {
    if (a.name !== 'rtpmap' || a.value === null) continue;
    // a=rtpmap:<payload type> <encoding name>/<clock rate>[/<encoding parameters>]
    const sp = a.value.indexOf(' ');
    const pt = a.value.slice(0, sp);
    const parts = a.value.slice(sp + 1).split('/');
    if (sp <= 0 || !isDigitStr(pt, 3) || Number(pt) > 127 || parts.length < 2 || parts.length > 3) continue;
    const [encoding, rate, ch] = parts as [string, string, string | undefined];
    if (!isWord(encoding) || !isDigitStr(rate, 10)) continue;
    const r: RtpMap = { payloadType: Number(pt), encoding, clockRate: Number(rate) };
    if (ch !== undefined) {
      if (!isDigitStr(ch, 3)) continue;
      r.channels = Number(ch);
    }
    out.push(r);
  }
  return out;
}

/** a=fmtp parameters by payload type: `a=fmtp:101 0-15` → Map { 101 → "0-15" }. */
export function fmtps(m: SdpMedia): Map<number, string> {
  const out = new Map<number, string>();
  for (const a of m.attributes) {
    if (a.name !== 'fmtp' || a.value === null) continue;
    const sp = a.value.indexOf(' ');
    const pt = sp < 0 ? a.value : a.value.slice(0, sp);
    if (isDigitStr(pt, 3)) out.set(Number(pt), sp < 0 ? '' : a.value.slice(sp + 1));
  }
  return out;
}

/** a=ptime in milliseconds (media level first, then session level). */
export function ptime(sdp: SessionDescription, m: SdpMedia): number | undefined {
  for (const attrs of [m.attributes, sdp.attributes]) {
    const a = attrs.find((x) => x.name === 'ptime');
    if (a?.value != null) {
      const v = Number(a.value);
      if (Number.isFinite(v) && v > 0) return v;
    }
  }
  return undefined;
}

export type Direction = 'sendrecv' | 'sendonly' | 'recvonly' | 'inactive';
const DIRECTIONS: readonly string[] = ['sendrecv', 'sendonly', 'recvonly', 'inactive'];

/** Media direction: media-level attribute, else session-level, else sendrecv (RFC 3264 §5.1). */
export function direction(sdp: SessionDescription, m?: SdpMedia): Direction {
  for (const attrs of m === undefined ? [sdp.attributes] : [m.attributes, sdp.attributes]) {
    const a = attrs.find((x) => x.value === null && DIRECTIONS.includes(x.name));
    if (a !== undefined) return a.name as Direction;
  }
  return 'sendrecv';
}

/** The connection that applies to a media section (media-level c= wins). */
export function connectionFor(sdp: SessionDescription, m: SdpMedia): SdpConnection | undefined {
  return m.connections[0] ?? sdp.connection;
}
