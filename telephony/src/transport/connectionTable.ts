import type { Flow } from './types.ts';
import { flowKey } from './types.ts';

// The open connections of a stream transport (TCP, TLS, WS), with the limits that keep a hostile
// peer from holding resources: a cap on connections, an idle timeout (no complete message or
// keep-alive for that long — which also reaps half-open connections whose peer vanished), and a
// message timeout (a message started but not finished in time — slowloris).

export interface ConnectionLimits {
  /** Default 1024. New connections beyond it are refused (closed at once). */
  maxConnections?: number;
  /** Close after this long without a complete message or keep-alive. Default 600 s. */
  idleTimeoutMs?: number;
  /** Close when a message has been arriving for this long without completing. Default 10 s. */
  messageTimeoutMs?: number;
  /** Close when this many bytes wait to be written to a peer that does not read. Default 1 MiB. */
  maxWriteBufferBytes?: number;
}

export interface Connection {
  readonly id: number;
  readonly flow: Flow;
  write(data: Buffer): boolean;
  destroy(): void;
}

interface Entry {
  conn: Connection;
  idle: NodeJS.Timeout | undefined;
  message: NodeJS.Timeout | undefined;
}

export class ConnectionTable {
  readonly maxConnections: number;
  readonly idleTimeoutMs: number;
  readonly messageTimeoutMs: number;
  readonly maxWriteBufferBytes: number;
  #nextId = 1;
  readonly #byId = new Map<number, Entry>();
  /** Latest connection per remote address, to reuse when sending to a Flow without an id. */
  readonly #byKey = new Map<string, number>();

  constructor(limits: ConnectionLimits = {}) {
    this.maxConnections = limits.maxConnections ?? 1024;
    this.idleTimeoutMs = limits.idleTimeoutMs ?? 600_000;
    this.messageTimeoutMs = limits.messageTimeoutMs ?? 10_000;
    this.maxWriteBufferBytes = limits.maxWriteBufferBytes ?? 1024 * 1024;
  }

  get size(): number {
    return this.#byId.size;
  }

  get full(): boolean {
    return this.#byId.size >= this.maxConnections;
  }

  nextId(): number {
    return this.#nextId++;
  }

  add(conn: Connection): void {
    const e: Entry = { conn, idle: undefined, message: undefined };
    this.#byId.set(conn.id, e);
    this.#byKey.set(flowKey(conn.flow), conn.id);
    this.#armIdle(e);
  }

  get(id: number): Connection | undefined {
    return this.#byId.get(id)?.conn;
  }

  /** The connection for a flow: by id when it is still open, else the latest to that address. */
  find(flow: Flow): Connection | undefined {
    if (flow.connectionId !== undefined) {
      const c = this.#byId.get(flow.connectionId);
      if (c !== undefined) return c.conn;
    }
    const id = this.#byKey.get(flowKey(flow));
    return id === undefined ? undefined : this.#byId.get(id)?.conn;
  }

  /** A complete message or keep-alive arrived: the connection is alive and not mid-message. */
  activity(id: number): void {
    const e = this.#byId.get(id);
    if (e === undefined) return;
    this.#armIdle(e);
    if (e.message !== undefined) clearTimeout(e.message);
    e.message = undefined;
  }

  /** Bytes of an unfinished message are buffered: start the message clock if not running. */
  partial(id: number): void {
    const e = this.#byId.get(id);
    if (e === undefined || e.message !== undefined) return;
    e.message = setTimeout(() => e.conn.destroy(), this.messageTimeoutMs);
    e.message.unref();
  }

  remove(id: number): void {
    const e = this.#byId.get(id);
    if (e === undefined) return;
    clearTimeout(e.idle);
    clearTimeout(e.message);
    this.#byId.delete(id);
    const key = flowKey(e.conn.flow);
    if (this.#byKey.get(key) === id) this.#byKey.delete(key);
  }

  destroyAll(): void {
    for (const e of [...this.#byId.values()]) e.conn.destroy();
  }

  #armIdle(e: Entry): void {
    if (e.idle !== undefined) clearTimeout(e.idle);
    e.idle = setTimeout(() => e.conn.destroy(), this.idleTimeoutMs);
    e.idle.unref();
  }
}
