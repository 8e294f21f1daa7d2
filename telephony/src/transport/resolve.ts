import { lookup } from 'node:dns/promises';
import { getParam } from '../sip/params.ts';
import { isIPv4, isIPv6Reference } from '../sip/ip.ts';
import type { Uri } from '../sip/uri.ts';
import type { Flow, TransportProtocol } from './types.ts';
import { defaultPort, protocolFromToken } from './types.ts';

// Where to send a request for a URI (a reduced RFC 3263 §4): the transport from `transport=` (else
// the caller's default), the port from the URI (else the transport's default), and the host
// resolved by A/AAAA lookup. NAPTR/SRV are not consulted: trunks and phones are configured by
// address here, and a deployment that needs SRV can put the resolved host in the trunk config.

export async function resolveUri(uri: Uri, fallback: TransportProtocol = 'udp'): Promise<Flow | undefined> {
  if (uri.kind !== 'sip') return undefined;
  const t = getParam(uri.params, 'transport');
  const protocol = (typeof t === 'string' ? protocolFromToken(t) : undefined) ?? (uri.scheme === 'sips' ? 'tls' : fallback);
  return resolveHost(uri.host, uri.port, protocol);
}

export async function resolveHost(host: string, port: number | undefined, protocol: TransportProtocol): Promise<Flow | undefined> {
  const p = port ?? defaultPort(protocol);
  if (isIPv4(host)) return { protocol, address: host, port: p };
  if (isIPv6Reference(host)) return { protocol, address: host.slice(1, -1), port: p };
  try {
    const a = await lookup(host);
    return { protocol, address: a.address, port: p };
  } catch {
    return undefined;
  }
}
