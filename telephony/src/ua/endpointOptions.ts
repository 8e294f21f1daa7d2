import type { DigestAlgorithm } from '../auth/digest.ts';
import type { BindingStore } from '../registrar/bindingStore.ts';
import type { TrunkConfig } from '../registrar/trunk.ts';
import type { Clock } from '../transaction/clock.ts';
import type { TimerConfig } from '../transaction/timers.ts';
import type { ConnectionLimits } from '../transport/connectionTable.ts';
import type { TlsMaterial } from '../transport/tcpTransport.ts';

// Configuration of a SipEndpoint. Everything has a default fit for the demo: realm "hotline",
// public number 12345, no trunks, RFC timers on the real clock.

export interface EndpointLimits {
  /** Largest SIP message accepted on any transport. Default 65536. */
  maxMessageBytes?: number;
  /** Out-of-dialog requests in flight before 503. Default 5000. */
  maxServerTransactions?: number;
  /** Calls (answered sessions plus offered calls) before new INVITEs get 503. Default 2000. */
  maxDialogs?: number;
  /** Retry-After seconds on those 503s. Default 5. */
  retryAfterSeconds?: number;
  /** An offered call nobody answers or rejects gets 480 after this long. Default 120 s. */
  ringTimeoutMs?: number;
  /** Limits of TCP/TLS and WebSocket connections. */
  connections?: ConnectionLimits;
}

export interface SipEndpointOptions {
  /** Address advertised in Via and Contact (default: the bound address, 127.0.0.1 for 0.0.0.0). */
  publicHost?: string;
  /** Digest realm for agents. Default "hotline". */
  realm?: string;
  /**
   * Digest algorithms offered (one challenge each, in this order) and accepted. Default ["MD5"]:
   * widely deployed phones fail on any challenge they do not know — libre/baresip 1.x gives up
   * registering when a SHA-256 challenge is present at all, even below an MD5 one. Deployments
   * whose phones support RFC 8760 set ["SHA-256", "MD5"] or ["SHA-256"].
   */
  digestAlgorithms?: DigestAlgorithm[];
  /** Numbers anyone may call (the hotline). Default ["12345"]. */
  publicNumbers?: string[];
  /** Password of an agent extension, or undefined when there is no such extension. */
  agentPassword?: (extension: string) => string | undefined;
  trunks?: TrunkConfig[];
  bindings?: BindingStore;
  clock?: Clock;
  timers?: Partial<TimerConfig>;
  limits?: EndpointLimits;
  userAgent?: string;
}

export interface ListenOptions {
  host?: string;
  /** UDP port (0 = any free port). Omit to not listen on UDP. */
  udpPort?: number;
  tcpPort?: number;
  /** Standalone WebSocket listener (tests); the server mounts the transport under /sip instead. */
  wsPort?: number;
  /** TLS and WSS listeners, only when `tls` material is given. */
  tlsPort?: number;
  wssPort?: number;
  tls?: TlsMaterial;
}

/** Methods the endpoint implements (Allow, and validateRequest's profile). */
export const ENDPOINT_METHODS = ['INVITE', 'ACK', 'BYE', 'CANCEL', 'OPTIONS', 'REGISTER', 'INFO', 'REFER', 'NOTIFY'];
