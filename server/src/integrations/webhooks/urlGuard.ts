import { BlockList, isIP, type LookupFunction } from 'node:net';
import dns from 'node:dns';
import { AppError } from '../../errors.ts';

// SSRF guard. A webhook URL is typed by an administrator but fetched by the server, from inside
// the network: it must not become a way to reach the cloud metadata service or the hosts next
// to us. Link-local (169.254/16, fe80::/10 — metadata endpoints), unspecified, multicast and
// reserved addresses are always refused; loopback and private ranges are refused unless
// WEBHOOK_ALLOW_PRIVATE is set (an intranet deployment whose apps live on private addresses).
// The check runs on the addresses the connection actually uses (a lookup hook), so a name that
// resolves to a public address at registration and a private one later (DNS rebinding) is
// still refused. Redirects are not followed.

const NEVER = new BlockList();
NEVER.addSubnet('0.0.0.0', 8, 'ipv4');
NEVER.addSubnet('169.254.0.0', 16, 'ipv4');
NEVER.addSubnet('224.0.0.0', 4, 'ipv4');
NEVER.addSubnet('240.0.0.0', 4, 'ipv4');
NEVER.addAddress('::', 'ipv6');
NEVER.addSubnet('fe80::', 10, 'ipv6');
NEVER.addSubnet('ff00::', 8, 'ipv6');

const PRIVATE = new BlockList();
PRIVATE.addSubnet('127.0.0.0', 8, 'ipv4');
PRIVATE.addSubnet('10.0.0.0', 8, 'ipv4');
PRIVATE.addSubnet('172.16.0.0', 12, 'ipv4');
PRIVATE.addSubnet('192.168.0.0', 16, 'ipv4');
PRIVATE.addSubnet('100.64.0.0', 10, 'ipv4');
PRIVATE.addSubnet('198.18.0.0', 15, 'ipv4');
PRIVATE.addAddress('::1', 'ipv6');
PRIVATE.addSubnet('fc00::', 7, 'ipv6');

/** Why an address may not be called, or null when it may. */
export function addressProblem(address: string, allowPrivate: boolean): string | null {
  const family = isIP(address);
  if (!family) return `${address} is not an IP address`;
  const type = family === 4 ? 'ipv4' : 'ipv6';
  if (NEVER.check(address, type)) return `${address} is a link-local, multicast or reserved address`;
  if (!allowPrivate && PRIVATE.check(address, type)) return `${address} is a private or loopback address (set WEBHOOK_ALLOW_PRIVATE for an intranet)`;
  return null;
}

const hostOf = (u: URL) => u.hostname.replace(/^\[(.*)\]$/, '$1');

/** Checks what can be checked without the network: scheme, credentials, literal addresses. */
export function checkWebhookUrl(raw: string, allowPrivate: boolean): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new AppError('WEBHOOK_URL_REJECTED', 'the webhook URL is not a URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new AppError('WEBHOOK_URL_REJECTED', 'the webhook URL must be http or https');
  if (url.username || url.password) throw new AppError('WEBHOOK_URL_REJECTED', 'the webhook URL must not carry credentials; the signature authenticates us');
  if (raw.length > 2000) throw new AppError('WEBHOOK_URL_REJECTED', 'the webhook URL is too long');
  const host = hostOf(url);
  const problem = isIP(host) ? addressProblem(host, allowPrivate) : !allowPrivate && /^localhost\.?$/i.test(host) ? 'localhost is a loopback name' : null;
  if (problem) throw new AppError('WEBHOOK_URL_REJECTED', `the webhook URL is refused: ${problem}`);
  return url;
}

/** A `lookup` for http.request that refuses names resolving to a forbidden address. */
export function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '', 0);
      const list = addresses as dns.LookupAddress[];
      const bad = list.map((a) => addressProblem(a.address, allowPrivate)).find(Boolean);
      if (bad || !list.length) return callback(new Error(`refused: ${hostname} resolves to ${bad ?? 'nothing'}`), '', 0);
      if (options.all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, list);
      return callback(null, list[0]!.address, list[0]!.family);
    });
  };
}
