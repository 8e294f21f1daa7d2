import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';

// HTTP upgrades (WebSocket) share the API's port: SIP over WebSocket at /sip (RFC 7118), live
// event streams under /api. Fastify does not route upgrades, so this does, by exact path; any
// other path is refused with 404 instead of leaving the socket hanging.

export type UpgradeHandler = (req: IncomingMessage, socket: Duplex, head: Buffer) => void;

export class UpgradeRouter {
  readonly #routes = new Map<string, UpgradeHandler>();

  add(path: string, handler: UpgradeHandler): void {
    this.#routes.set(path, handler);
  }

  attach(server: Server): void {
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      const path = (req.url ?? '/').split('?')[0]!;
      const handler = this.#routes.get(path);
      if (!handler) {
        socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
        return;
      }
      try {
        handler(req, socket, head);
      } catch {
        socket.destroy();
      }
    });
  }
}
