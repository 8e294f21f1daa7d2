import { createSocket } from 'node:dgram';
import type { Socket } from 'node:dgram';
import { isIPv6 } from '../sip/ip.ts';
import type { Flow, SipTransport } from './types.ts';

// SIP over UDP (RFC 3261 §18): one message per datagram. Size limits are the stack's business
// (it refuses oversized input before parsing); a datagram can never exceed 64 KiB anyway.

export interface UdpOptions {
  host?: string;
  /** 0 picks a free port (tests). */
  port?: number;
  /** Kernel receive buffer, to ride out bursts (benchmarks). */
  receiveBufferBytes?: number;
}

export class UdpTransport implements SipTransport {
  readonly protocol = 'udp' as const;
  onMessage: ((data: Buffer, flow: Flow) => void) | null = null;
  #socket: Socket;
  #closed = false;

  private constructor(
    socket: Socket,
    readonly localAddress: string,
    readonly localPort: number,
  ) {
    this.#socket = socket;
    socket.on('message', (data, rinfo) => {
      this.onMessage?.(data, { protocol: 'udp', address: rinfo.address, port: rinfo.port });
    });
    // ICMP unreachable and the like: nothing to do, the transaction timers take over.
    socket.on('error', () => undefined);
  }

  static bind(opts: UdpOptions = {}): Promise<UdpTransport> {
    const host = opts.host ?? '0.0.0.0';
    const socket = createSocket({ type: isIPv6(host) ? 'udp6' : 'udp4' });
    return new Promise((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(opts.port ?? 0, host, () => {
        socket.off('error', reject);
        if (opts.receiveBufferBytes !== undefined) {
          try {
            socket.setRecvBufferSize(opts.receiveBufferBytes);
          } catch {
            // the kernel may cap it; the default still works
          }
        }
        const a = socket.address();
        resolve(new UdpTransport(socket, a.address, a.port));
      });
    });
  }

  send(flow: Flow, data: Buffer): boolean {
    if (this.#closed) return false;
    try {
      // Throws at once for a bad port (a Via may say :0) or a malformed address.
      this.#socket.send(data, flow.port, flow.address, () => undefined);
      return true;
    } catch {
      return false;
    }
  }

  close(): Promise<void> {
    if (this.#closed) return Promise.resolve();
    this.#closed = true;
    return new Promise((resolve) => this.#socket.close(() => resolve()));
  }
}
