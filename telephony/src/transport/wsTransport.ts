import { createServer as createHttpServer } from 'node:http';
import type { IncomingMessage, Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';
import type { ConnectionLimits, Connection } from './connectionTable.ts';
import { ConnectionTable } from './connectionTable.ts';
import { stripV4Mapped } from './tcpTransport.ts';
import type { TlsMaterial } from './tcpTransport.ts';
import type { Flow, SipTransport } from './types.ts';

// SIP over WebSocket (RFC 7118), for browser agents. The handshake must negotiate the "sip"
// subprotocol (§4); each WebSocket message carries exactly one SIP message (§5.2), so no framer
// is needed and the parser treats it like a datagram. We are only ever the server: a browser
// cannot be connected to, so a request for it must go over the connection it registered on.
//
// Three ways in: accept() takes a socket the HTTP server has already upgraded (the server mounts
// us under /sip), handleUpgrade() does the upgrade itself, and listen() runs a standalone
// listener (tests; WSS when a key and certificate are given). Limits as for TCP, plus: WebSocket
// pings detect dead peers, and maxPayload bounds a message before it is buffered.

export interface WsOptions extends ConnectionLimits {
  maxMessageBytes?: number;
  /** Ping every this often; a peer that has not answered the previous ping is dropped. Default 30 s. */
  pingIntervalMs?: number;
}

export interface WsListenOptions extends WsOptions {
  host?: string;
  port?: number;
  path?: string;
  tls?: TlsMaterial;
}

export const SIP_SUBPROTOCOL = 'sip';

/** For a WebSocketServer's handleProtocols: accept only the "sip" subprotocol (RFC 7118 §4.1). */
export function chooseSipProtocol(protocols: Set<string>): string | false {
  return protocols.has(SIP_SUBPROTOCOL) ? SIP_SUBPROTOCOL : false;
}

export class WsTransport implements SipTransport {
  readonly protocol: 'ws' | 'wss';
  onMessage: ((data: Buffer, flow: Flow) => void) | null = null;
  readonly connections: ConnectionTable;
  readonly #wss: WebSocketServer;
  readonly #ping: NodeJS.Timeout;
  #server: Server | undefined;
  #localAddress = '0.0.0.0';
  #localPort = 0;

  constructor(opts: WsOptions & { secure?: boolean } = {}) {
    this.protocol = opts.secure === true ? 'wss' : 'ws';
    this.connections = new ConnectionTable({ idleTimeoutMs: 900_000, ...opts });
    this.#wss = new WebSocketServer({
      noServer: true,
      handleProtocols: chooseSipProtocol,
      maxPayload: opts.maxMessageBytes ?? 65536,
      perMessageDeflate: false,
    });
    this.#ping = setInterval(() => this.#pingAll(), opts.pingIntervalMs ?? 30_000);
    this.#ping.unref();
  }

  get localAddress(): string {
    return this.#localAddress;
  }

  get localPort(): number {
    return this.#localPort;
  }

  /** The address to put in Via/Contact when mounted under someone else's HTTP server. */
  setLocal(address: string, port: number): void {
    this.#localAddress = address;
    this.#localPort = port;
  }

  static async listen(opts: WsListenOptions = {}): Promise<WsTransport> {
    const t = new WsTransport({ ...opts, secure: opts.tls !== undefined });
    // A handshake that dribbles in (slowloris) is cut by the HTTP server's own timeouts, which it
    // checks every connectionsCheckingInterval.
    const timeout = opts.messageTimeoutMs ?? 10_000;
    const httpOpts = { headersTimeout: timeout, requestTimeout: timeout, connectionsCheckingInterval: Math.max(50, Math.min(30_000, timeout / 2)) };
    const server = opts.tls === undefined ? createHttpServer(httpOpts) : createHttpsServer({ ...httpOpts, key: opts.tls.key, cert: opts.tls.cert });
    server.maxConnections = opts.maxConnections ?? 1024;
    const path = opts.path ?? '/sip';
    server.on('request', (_req, res) => res.writeHead(426, { Connection: 'close' }).end());
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      if ((req.url ?? '').split('?')[0] !== path) socket.destroy();
      else t.handleUpgrade(req, socket, head);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(opts.port ?? 0, opts.host ?? '0.0.0.0', () => resolve());
    });
    const a = server.address();
    t.#server = server;
    t.setLocal(opts.host ?? '0.0.0.0', typeof a === 'object' && a !== null ? a.port : 0);
    return t;
  }

  /** Performs the upgrade of an HTTP request the caller routed to us. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    if (this.connections.full) {
      socket.destroy();
      return;
    }
    this.#wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws, req));
  }

  /** Adopts an already-upgraded WebSocket; `req` is the upgrade request (for the peer's address). */
  accept(ws: WebSocket, req: IncomingMessage): void {
    const table = this.connections;
    if (ws.protocol !== SIP_SUBPROTOCOL || table.full) {
      ws.close(1008, 'the sip subprotocol is required');
      return;
    }
    const id = table.nextId();
    const raw = req.socket;
    const flow: Flow = { protocol: this.protocol, address: stripV4Mapped(raw.remoteAddress ?? ''), port: raw.remotePort ?? 0, connectionId: id };
    let alive = true;
    const conn: Connection & { ping(): void } = {
      id,
      flow,
      write: (data) => {
        if (ws.readyState !== ws.OPEN) return false;
        if (ws.bufferedAmount > table.maxWriteBufferBytes) {
          ws.terminate();
          return false;
        }
        // Text frames: every SIP message we send is UTF-8 (RFC 7118 §5.2 allows either).
        ws.send(data.toString('utf8'));
        return true;
      },
      destroy: () => ws.terminate(),
      ping: () => {
        if (!alive) return ws.terminate();
        alive = false;
        ws.ping();
      },
    };
    table.add(conn);
    this.#pingers.add(conn);
    // Bytes of a frame that does not complete start the message clock (slowloris). Prepended, so
    // it runs before ws parses the chunk: a frame that completes clears the clock again.
    const onRaw = (): void => table.partial(id);
    raw.prependListener('data', onRaw);
    ws.on('pong', () => {
      alive = true;
      table.activity(id);
    });
    ws.on('message', (data) => {
      table.activity(id);
      const buf = Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data);
      // A bare CRLF(CRLF) message is a keep-alive, answered like on TCP (RFC 5626 §3.5.1).
      if (buf.length <= 4 && buf.toString('latin1').replace(/\r\n/g, '') === '') {
        if (buf.length === 4) conn.write(Buffer.from('\r\n'));
        return;
      }
      this.onMessage?.(buf, flow);
    });
    ws.on('error', () => undefined);
    ws.on('close', () => {
      raw.off('data', onRaw);
      this.#pingers.delete(conn);
      table.remove(id);
    });
  }

  readonly #pingers = new Set<{ ping(): void }>();

  #pingAll(): void {
    for (const c of this.#pingers) c.ping();
  }

  send(flow: Flow, data: Buffer): boolean {
    const conn = this.connections.find(flow);
    return conn === undefined ? false : conn.write(data);
  }

  async close(): Promise<void> {
    clearInterval(this.#ping);
    this.connections.destroyAll();
    this.#wss.close();
    const server = this.#server;
    if (server !== undefined) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
