import { createServer as createTcpServer, connect as tcpConnect } from 'node:net';
import type { Server, Socket } from 'node:net';
import { createServer as createTlsServer, connect as tlsConnect } from 'node:tls';
import { SipStreamFramer } from '../sip/framer.ts';
import type { ConnectionLimits, Connection } from './connectionTable.ts';
import { ConnectionTable } from './connectionTable.ts';
import type { Flow, SipTransport } from './types.ts';

// SIP over TCP, and over TLS when a key and certificate are given (RFC 3261 §18, §26.2). Each
// connection has its own stream framer (bounded buffer; a framing error closes the connection,
// since the next message boundary cannot be found again). Outbound requests to an address with no
// open connection open one (RFC 3261 §18.1.1), which responses and later requests then reuse.
// CRLFCRLF keep-alive pings are answered with a CRLF pong (RFC 5626 §3.5.1).

export interface TlsMaterial {
  key: string | Buffer;
  cert: string | Buffer;
  /** Verify the peer's certificate on outbound connections. Default true. */
  rejectUnauthorized?: boolean;
}

export interface TcpOptions extends ConnectionLimits {
  host?: string;
  port?: number;
  maxMessageBytes?: number;
  tls?: TlsMaterial;
}

const PONG = Buffer.from('\r\n');

export class TcpTransport implements SipTransport {
  readonly protocol: 'tcp' | 'tls';
  onMessage: ((data: Buffer, flow: Flow) => void) | null = null;
  /** Called with the status and reason of a fatal framing error, before the connection closes. */
  onFramingError: ((flow: Flow, status: number, reason: string) => void) | null = null;
  readonly connections: ConnectionTable;
  readonly #server: Server;
  readonly #opts: TcpOptions;
  #closed = false;

  private constructor(
    server: Server,
    opts: TcpOptions,
    readonly localAddress: string,
    readonly localPort: number,
  ) {
    this.#server = server;
    this.#opts = opts;
    this.protocol = opts.tls === undefined ? 'tcp' : 'tls';
    this.connections = new ConnectionTable(opts);
  }

  static listen(opts: TcpOptions = {}): Promise<TcpTransport> {
    const server: Server =
      opts.tls === undefined
        ? createTcpServer()
        : createTlsServer({ key: opts.tls.key, cert: opts.tls.cert, handshakeTimeout: opts.messageTimeoutMs ?? 10_000 });
    // Counts connections still in the TLS handshake too, which the table does not see yet.
    server.maxConnections = opts.maxConnections ?? 1024;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(opts.port ?? 0, opts.host ?? '0.0.0.0', () => {
        server.off('error', reject);
        server.on('error', () => undefined);
        const a = server.address();
        const port = typeof a === 'object' && a !== null ? a.port : 0;
        const t = new TcpTransport(server, opts, opts.host ?? '0.0.0.0', port);
        server.on(opts.tls === undefined ? 'connection' : 'secureConnection', (s: Socket) => t.#adopt(s));
        resolve(t);
      });
    });
  }

  send(flow: Flow, data: Buffer): boolean {
    if (this.#closed) return false;
    let conn = this.connections.find(flow);
    if (conn === undefined) {
      if (this.connections.full || !(flow.port > 0 && flow.port < 65536)) return false;
      try {
        conn = this.#connect(flow);
      } catch {
        return false;
      }
    }
    return conn.write(data);
  }

  close(): Promise<void> {
    this.#closed = true;
    this.connections.destroyAll();
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }

  #connect(flow: Flow): Connection {
    const tls = this.#opts.tls;
    const socket =
      tls === undefined
        ? tcpConnect({ host: flow.address, port: flow.port })
        : tlsConnect({ host: flow.address, port: flow.port, rejectUnauthorized: tls.rejectUnauthorized ?? true });
    return this.#adopt(socket, flow);
  }

  #adopt(socket: Socket, outbound?: Flow): Connection {
    const table = this.connections;
    const id = table.nextId();
    const flow: Flow = outbound
      ? { ...outbound, connectionId: id }
      : { protocol: this.protocol, address: stripV4Mapped(socket.remoteAddress ?? ''), port: socket.remotePort ?? 0, connectionId: id };
    const conn: Connection = {
      id,
      flow,
      write: (data) => {
        if (socket.destroyed) return false;
        if (socket.writableLength > table.maxWriteBufferBytes) {
          socket.destroy();
          return false;
        }
        socket.write(data);
        return true;
      },
      destroy: () => socket.destroy(),
    };
    if (table.full) {
      socket.destroy();
      return conn;
    }
    table.add(conn);
    // OS keep-alive probes find a peer that vanished without a FIN long before the idle timeout.
    socket.setKeepAlive(true, 30_000);
    const framer = new SipStreamFramer({ maxMessageBytes: this.#opts.maxMessageBytes });
    socket.on('data', (chunk: Buffer) => {
      for (const ev of framer.push(chunk)) {
        if (ev.type === 'message') {
          table.activity(id);
          this.onMessage?.(ev.data, flow);
        } else if (ev.type === 'ping') {
          table.activity(id);
          conn.write(PONG);
        } else if (ev.type === 'pong') {
          table.activity(id);
        } else {
          this.onFramingError?.(flow, ev.status, ev.reason);
          socket.end();
          return;
        }
      }
      if (framer.bufferedBytes > 0) table.partial(id);
    });
    socket.on('error', () => undefined);
    socket.on('close', () => table.remove(id));
    return conn;
  }
}

/** "::ffff:1.2.3.4" (a v4 peer on a dual-stack socket) → "1.2.3.4", so addresses compare equal. */
export function stripV4Mapped(a: string): string {
  return a.startsWith('::ffff:') && a.includes('.') ? a.slice(7) : a;
}
