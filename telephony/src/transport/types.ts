// What the transport layer hands up and accepts from above. A Flow names the other end of one
// message exchange: for UDP just an address and port; for connection-oriented transports also
// the connection it arrived on, so that responses go back over that connection (RFC 3261
// §18.2.2: "the response MUST be sent using the existing connection") and so that a browser on a
// WebSocket — which cannot be connected to — stays reachable (RFC 7118 §5).

export type TransportProtocol = 'udp' | 'tcp' | 'tls' | 'ws' | 'wss';

export interface Flow {
  protocol: TransportProtocol;
  /** Remote IP address (no brackets for IPv6). */
  address: string;
  port: number;
  /** The connection a stream-transport message came on; absent for UDP and for "open one". */
  connectionId?: number;
}

export interface SipTransport {
  readonly protocol: TransportProtocol;
  /** The address and port the transport is bound to. */
  readonly localAddress: string;
  readonly localPort: number;
  /** Set by the stack: every complete message received, as raw bytes. */
  onMessage: ((data: Buffer, flow: Flow) => void) | null;
  /**
   * Queues bytes for `flow`. Returns false when it is known at once that they cannot go (the
   * connection is gone and this transport cannot open one, or limits are reached). Later
   * failures (a refused connect) are silent: the transaction timers notice them.
   */
  send(flow: Flow, data: Buffer): boolean;
  close(): Promise<void>;
}

/** The Via transport token for a protocol (RFC 3261 §18, RFC 7118 §5.3). */
export function viaTransportToken(p: TransportProtocol): string {
  return p.toUpperCase();
}

/** The protocol named by a Via transport token or a `transport=` URI parameter, if we have it. */
export function protocolFromToken(token: string): TransportProtocol | undefined {
  const t = token.toLowerCase();
  return t === 'udp' || t === 'tcp' || t === 'tls' || t === 'ws' || t === 'wss' ? t : undefined;
}

/** How parseMessage must treat the bytes: one datagram / WS message, or one framed stream message. */
export function parseModeOf(p: TransportProtocol): 'udp' | 'tcp' | 'ws' {
  return p === 'tls' ? 'tcp' : p === 'wss' ? 'ws' : p;
}

export function isReliable(p: TransportProtocol): boolean {
  return p !== 'udp';
}

/** Default port of a transport when a URI or Via gives none (RFC 3261 §19.1.2, RFC 7118). */
export function defaultPort(p: TransportProtocol): number {
  return p === 'tls' ? 5061 : p === 'ws' ? 80 : p === 'wss' ? 443 : 5060;
}

export function flowKey(f: Flow): string {
  return `${f.protocol}:${f.address}:${f.port}`;
}
