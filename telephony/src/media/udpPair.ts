// Binds the RTP/RTCP socket pair of a session on ports from a PortAllocator, moving on to the
// next pair when another process holds one (EADDRINUSE).
//
// The sockets get a lookup function that answers synchronously for IP literals: dgram's default
// lookup defers every send to the next tick, even for "127.0.0.1", which would batch all the
// sends of a pacer tick at its end and blur the send time. Remote addresses must be IP literals.

import { type Socket, createSocket } from 'node:dgram';
import { isIP } from 'node:net';
import { MediaError } from './errors.ts';
import type { PortAllocator } from './portAllocator.ts';

export interface UdpPair {
  port: number;
  rtp: Socket;
  rtcp: Socket;
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string, family: number) => void;

function literalLookup(host: string, _options: unknown, callback: LookupCallback): void {
  const family = isIP(host);
  if (family === 0) callback(Object.assign(new Error(`not an IP address: ${host}`), { code: 'EINVAL' }), host, 4);
  else callback(null, host, family);
}

function bind(address: string, port: number): Promise<Socket> {
  const socket = createSocket({ type: isIP(address) === 6 ? 'udp6' : 'udp4', lookup: literalLookup as never });
  return new Promise((resolve, reject) => {
    const onError = (err: Error) => {
      socket.close();
      reject(err);
    };
    socket.once('error', onError);
    socket.bind({ port, address, exclusive: true }, () => {
      socket.off('error', onError);
      resolve(socket);
    });
  });
}

export async function bindUdpPair(ports: PortAllocator, address: string, maxAttempts = 16): Promise<UdpPair> {
  if (isIP(address) === 0) throw new TypeError(`bind address must be an IP literal, got ${address}`);
  let lastError: unknown = null;
  for (let attempt = 0; attempt < Math.min(maxAttempts, ports.capacity); attempt++) {
    const port = ports.reserve();
    let rtp: Socket | null = null;
    try {
      rtp = await bind(address, port);
      const rtcp = await bind(address, port + 1);
      return { port, rtp, rtcp };
    } catch (err) {
      rtp?.close();
      ports.release(port);
      lastError = err;
      if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') break;
    }
  }
  throw new MediaError('BIND_FAILED', `could not bind an RTP/RTCP pair on ${address}: ${(lastError as Error | null)?.message ?? 'no attempt'}`, { cause: lastError });
}
