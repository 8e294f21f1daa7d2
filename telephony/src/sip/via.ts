import { C_DIGIT, is, isWsp, parseUintMax } from './chars.ts';
import { classifyHost, isIPv4, isIPv6, isIPv6Reference } from './ip.ts';
import type { Param } from './params.ts';
import { getParam, parseParams, serializeParams } from './params.ts';
import { ParseFail, Scanner, fail } from './scanner.ts';

// Via (RFC 3261 §20.42, §25; RFC 3581 rport; RFC 5118 §4.5/4.6 received with IPv6):
//
//   via-parm      = sent-protocol LWS sent-by *( SEMI via-params )
//   sent-protocol = protocol-name SLASH protocol-version SLASH transport
//   transport     = "UDP" / "TCP" / "TLS" / "SCTP" / other-transport      (other-transport = token)
//   sent-by       = host [ COLON port ]
//   via-params    = via-ttl / via-maddr / via-received / via-branch / response-port / via-extension
//   via-ttl       = "ttl" EQUAL ttl                 ttl = 1*3DIGIT ; 0 to 255
//   via-maddr     = "maddr" EQUAL host
//   via-received  = "received" EQUAL (IPv4address / IPv6address)   — RFC 5118 also allows [IPv6]
//   via-branch    = "branch" EQUAL token
//   response-port = "rport" [EQUAL 1*DIGIT]
//
// LWS is legal around every "/" (RFC 4475 wsinv: "SIP  /   2.0 /UDP"). An unknown transport is a
// token like any other and is kept (RFC 4475 §3.1.1.10); only the transport layer decides whether
// it can answer over it.

export interface Via {
  /** protocol-name, upper-cased ("SIP"). */
  protocol: string;
  /** protocol-version as sent ("2.0"). */
  version: string;
  /** Transport token upper-cased: UDP, TCP, TLS, SCTP, WS, WSS, or anything else received. */
  transport: string;
  host: string;
  port?: number;
  /** branch, received, rport, maddr, ttl and extensions, in received order. */
  params: Param[];
}

/** RFC 3261 §8.1.1.7: a branch starting with the magic cookie (and carrying more) is globally unique. */
export const BRANCH_COOKIE = 'z9hG4bK';

export function viaBranch(via: Via): string | undefined {
  const b = getParam(via.params, 'branch');
  return b === null ? undefined : b;
}

/**
 * True when transactions can be matched by branch (RFC 3261 §17.2.3). A bare cookie with nothing
 * after it (RFC 4475 §3.2.1, badbranch) or no cookie at all means RFC 2543 matching rules apply.
 */
export function isRfc3261Branch(branch: string | undefined): boolean {
  return branch !== undefined && branch.length > BRANCH_COOKIE.length && branch.startsWith(BRANCH_COOKIE);
}

export function parseViaOrFail(v: string): Via {
  const sc = new Scanner(v);
  sc.skipWs();
  const protocol = sc.token('protocol name').toUpperCase();
  sc.expectSep(47, '"/" in Via');
  const version = sc.token('protocol version');
  sc.expectSep(47, '"/" in Via');
  const transport = sc.token('transport').toUpperCase();
  const beforeWs = sc.i;
  sc.skipWs();
  if (sc.i === beforeWs) fail('Via needs LWS before sent-by');
  const hostStart = sc.i;
  if (sc.peek() === 91) {
    const close = v.indexOf(']', sc.i);
    if (close < 0) fail('unterminated IPv6 reference in Via');
    sc.i = close + 1;
  } else {
    while (sc.i < sc.end) {
      const c = v.charCodeAt(sc.i);
      if (c === 58 || c === 59 || isWsp(c)) break;
      sc.i++;
    }
  }
  const host = v.slice(hostStart, sc.i);
  if (classifyHost(host) === null) fail(`invalid Via host ${JSON.stringify(host.slice(0, 64))}`);
  const via: Via = { protocol, version, transport, host, params: [] };
  if (sc.eatSep(58)) {
    const start = sc.i;
    while (sc.i < sc.end && is(v.charCodeAt(sc.i), C_DIGIT)) sc.i++;
    const port = parseUintMax(v.slice(start, sc.i), 65535);
    if (port < 0) fail('invalid Via port');
    via.port = port;
  }
  parseParams(sc, via.params);
  sc.expectEnd('Via');
  for (const p of via.params) checkViaParam(p);
  return via;
}

function checkViaParam(p: Param): void {
  const v = p.value;
  switch (p.name) {
    case 'branch':
      if (v === null || v.charCodeAt(0) === 34) fail('branch must be a token');
      break;
    case 'received':
      if (v === null || !(isIPv4(v) || isIPv6(v) || isIPv6Reference(v))) fail('received must be an IP address');
      break;
    case 'ttl':
      if (v === null || parseUintMax(v, 255) < 0) fail('ttl must be 0-255');
      break;
    case 'maddr':
      if (v === null || classifyHost(v) === null) fail('maddr must be a host');
      break;
    case 'rport':
      if (v !== null && parseUintMax(v, 65535) < 0) fail('rport must be a port');
      break;
  }
}

export function parseVia(v: string): Via | null {
  try {
    return parseViaOrFail(v);
  } catch (e) {
    if (e instanceof ParseFail) return null;
    throw e;
  }
}

export function serializeVia(via: Via): string {
  const port = via.port === undefined ? '' : ':' + via.port;
  return `${via.protocol}/${via.version}/${via.transport} ${via.host}${port}${serializeParams(via.params)}`;
}
