import { randomBytes } from 'node:crypto';
import { parseMessage, serializeMessage } from '../sip/message.ts';
import type { SipRequest, SipResponse } from '../sip/messageTypes.ts';
import { getParam, withParam } from '../sip/params.ts';
import { hostsEqual } from '../sip/ip.ts';
import type { Via } from '../sip/via.ts';
import { BRANCH_COOKIE } from '../sip/via.ts';
import { statelessResponseText } from './statelessResponse.ts';
import type { Flow, SipTransport, TransportProtocol } from './types.ts';
import { defaultPort, isReliable, parseModeOf, viaTransportToken } from './types.ts';

// The transport-agnostic face of the transport layer (RFC 3261 §18): bytes in from any transport
// are parsed (never throwing), stamped with where they really came from (§18.2.1 received, RFC
// 3581 rport) and handed up; messages from above are serialised and sent over the transport and,
// for responses, to the address §18.2.2 / RFC 3581 §4 prescribe. A request that cannot be parsed
// but whose Via can be is answered statelessly (400/505/513); anything else broken is dropped.

export interface StackUser {
  onRequest(req: SipRequest, flow: Flow): void;
  onResponse(res: SipResponse, flow: Flow): void;
}

export interface StackOptions {
  /** Largest message accepted (parser limit; stream framers get the same). Default 65536. */
  maxMessageBytes?: number;
  /** The host to advertise in Via and Contact. Default: the transport's bound address. */
  publicHost?: string;
}

export interface StackStats {
  received: number;
  malformed: number;
  answeredMalformed: number;
  dispatchErrors: number;
}

export class SipStack {
  readonly transports = new Map<TransportProtocol, SipTransport>();
  user: StackUser | null = null;
  readonly stats: StackStats = { received: 0, malformed: 0, answeredMalformed: 0, dispatchErrors: 0 };
  readonly maxMessageBytes: number;
  readonly #publicHost: string | undefined;

  constructor(opts: StackOptions = {}) {
    this.maxMessageBytes = opts.maxMessageBytes ?? 65536;
    this.#publicHost = opts.publicHost;
  }

  addTransport(t: SipTransport): void {
    this.transports.set(t.protocol, t);
    t.onMessage = (data, flow) => this.receive(data, flow);
  }

  /** Entry point for raw bytes (transports call it; tests may too). */
  receive(data: Buffer, flow: Flow): void {
    this.stats.received++;
    const r = parseMessage(data, { transport: parseModeOf(flow.protocol), maxMessageBytes: this.maxMessageBytes });
    if (!r.ok) {
      if (r.keepAlive === true) return;
      this.stats.malformed++;
      if (r.canRespond && r.method !== 'ACK' && r.rawHeaders !== undefined) {
        this.stats.answeredMalformed++;
        this.sendRaw(flow, statelessResponseText(r.status, r.reason, r.rawHeaders, newTag()));
      }
      return;
    }
    const msg = r.message;
    try {
      if (msg.kind === 'request') {
        stampReceived(msg.via[0]!, flow);
        this.user?.onRequest(msg, flow);
      } else {
        this.user?.onResponse(msg, flow);
      }
    } catch {
      // A bug above must not take the socket loop down; the peer will retransmit or time out.
      this.stats.dispatchErrors++;
    }
  }

  /** Sends a request to `flow` (the caller chose the destination, RFC 3263-style). */
  sendRequest(req: SipRequest, flow: Flow): boolean {
    return this.sendRaw(flow, serializeMessage(req));
  }

  /** Sends a response to where its top Via says (§18.2.2), over the request's connection if open. */
  sendResponse(res: SipResponse, requestFlow: Flow): boolean {
    return this.sendRaw(responseFlow(res.via[0], requestFlow), serializeMessage(res));
  }

  sendRaw(flow: Flow, data: Buffer): boolean {
    const t = this.transports.get(flow.protocol);
    return t === undefined ? false : t.send(flow, data);
  }

  /** Our Via for a new request over `protocol` (RFC 3261 §8.1.1.7; rport asked for, RFC 3581). */
  via(protocol: TransportProtocol, branch = newBranch()): Via {
    const { host, port } = this.sentBy(protocol);
    return { protocol: 'SIP', version: '2.0', transport: viaTransportToken(protocol), host, port, params: [
      { name: 'branch', value: branch },
      { name: 'rport', value: null },
    ] };
  }

  /** host:port we advertise for `protocol` (Via sent-by, Contact). */
  sentBy(protocol: TransportProtocol): { host: string; port: number } {
    const t = this.transports.get(protocol) ?? this.transports.values().next().value;
    let host = this.#publicHost ?? t?.localAddress ?? '127.0.0.1';
    if (host === '0.0.0.0' || host === '::') host = '127.0.0.1';
    if (host.includes(':') && !host.startsWith('[')) host = `[${host}]`;
    return { host, port: t?.localPort ?? defaultPort(protocol) };
  }

  async close(): Promise<void> {
    await Promise.all([...this.transports.values()].map((t) => t.close()));
  }
}

/** RFC 3261 §18.2.1 received, RFC 3581 §4 rport: record the real source in the top Via. */
export function stampReceived(via: Via, flow: Flow): void {
  const rport = getParam(via.params, 'rport');
  if (rport !== undefined) {
    via.params = withParam(via.params, 'rport', String(flow.port));
    via.params = withParam(via.params, 'received', flow.address);
  } else if (!hostsEqual(via.host.replace(/^\[|\]$/g, ''), flow.address)) {
    via.params = withParam(via.params, 'received', flow.address);
  }
}

/** Where a response goes (RFC 3261 §18.2.2, RFC 3581 §4). */
export function responseFlow(via: Via | undefined, requestFlow: Flow): Flow {
  if (via === undefined || isReliable(requestFlow.protocol)) return requestFlow;
  const received = getParam(via.params, 'received');
  const rport = getParam(via.params, 'rport');
  const address = typeof received === 'string' ? received.replace(/^\[|\]$/g, '') : via.host.replace(/^\[|\]$/g, '');
  const port = typeof rport === 'string' ? Number(rport) : (via.port ?? defaultPort(requestFlow.protocol));
  return { protocol: requestFlow.protocol, address, port };
}

export function newBranch(): string {
  return BRANCH_COOKIE + randomBytes(9).toString('base64url');
}

export function newTag(): string {
  return randomBytes(6).toString('hex');
}

export function newCallId(host: string): string {
  return `${randomBytes(12).toString('base64url')}@${host.replace(/[[\]]/g, '')}`;
}
