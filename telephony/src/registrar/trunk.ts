import { isIPv4 } from '../sip/ip.ts';
import type { Flow } from '../transport/types.ts';

// A carrier trunk: where outbound calls go, whether (and as whom) we register there, and which
// source addresses are the carrier — INVITEs from those are accepted without digest (carriers
// authenticate by address, not by challenge).

export interface TrunkConfig {
  name: string;
  host: string;
  port?: number;
  transport?: 'udp' | 'tcp' | 'tls';
  username?: string;
  password?: string;
  /** Register to the carrier with the credentials above. */
  register: boolean;
  /** Requested registration lifetime in seconds. Default 3600. */
  registerExpires?: number;
  /** IPv4/IPv6 addresses or IPv4 CIDR blocks accepted as the carrier. */
  allowFrom: string[];
  /** OPTIONS keep-alive interval in seconds; 0 disables. Default 30. */
  keepAliveSeconds?: number;
}

function ipv4ToInt(a: string): number {
  return a.split('.').reduce((n, part) => (n << 8) + Number(part), 0) >>> 0;
}

/** Whether `address` is one of `allow` (exact address, or inside an IPv4 a.b.c.d/n block). */
export function addressAllowed(address: string, allow: readonly string[]): boolean {
  for (const entry of allow) {
    const slash = entry.indexOf('/');
    if (slash < 0) {
      if (entry.toLowerCase() === address.toLowerCase()) return true;
      continue;
    }
    const net = entry.slice(0, slash);
    const bits = Number(entry.slice(slash + 1));
    if (!isIPv4(net) || !isIPv4(address) || !Number.isInteger(bits) || bits < 0 || bits > 32) continue;
    const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
    if ((ipv4ToInt(net) & mask) === (ipv4ToInt(address) & mask)) return true;
  }
  return false;
}

/** The trunk a flow comes from, if any. */
export function trunkOf(flow: Flow, trunks: readonly TrunkConfig[]): TrunkConfig | undefined {
  return trunks.find((t) => addressAllowed(flow.address, t.allowFrom));
}
