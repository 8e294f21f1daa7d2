import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
}

/**
 * A real HTTP endpoint on 127.0.0.1 for webhook tests: records every request and answers with
 * the next status of `script` (then `fallback`).
 */
export async function startReceiver() {
  const received: Received[] = [];
  const state = { script: [] as number[], fallback: 200, hold: 0 };
  const held: http.ServerResponse[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      if (state.hold > 0) {
        state.hold--;
        held.push(res);
        return;
      }
      res.statusCode = state.script.shift() ?? state.fallback;
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/hotline`,
    received,
    /** Answer the next requests with these statuses, in order. */
    answer(...statuses: number[]) {
      state.script.push(...statuses);
    },
    /** Keep the next `n` requests waiting for an answer until `release`. */
    hold(n = 1) {
      state.hold += n;
    },
    release(status: number) {
      for (const res of held.splice(0)) res.writeHead(status).end();
    },
    set fallback(status: number) {
      state.fallback = status;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
