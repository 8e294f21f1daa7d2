import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface GatewayRequest {
  headers: IncomingHttpHeaders;
  body: { phoneNumbers: string; signName: string; content: string; outId: string };
}

/**
 * A local HTTP server standing in for the SMS gateway: records every POST and answers with the
 * next queued status (200 with {"code":"OK","bizId":…} when none is queued).
 */
export class FakeSmsGateway {
  readonly requests: GatewayRequest[] = [];
  private readonly answers: { status: number; body: string }[] = [];
  private server: Server | null = null;
  private n = 0;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        this.requests.push({ headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
        const next = this.answers.shift() ?? { status: 200, body: JSON.stringify({ code: 'OK', bizId: `biz-${++this.n}` }) };
        res.writeHead(next.status, { 'content-type': 'application/json' }).end(next.body);
      });
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/sms/send`;
    return this;
  }

  /** The next answers, in order (e.g. a 503 to make the adapter retry). */
  answer(...answers: { status: number; body?: unknown }[]): void {
    this.answers.push(...answers.map((a) => ({ status: a.status, body: typeof a.body === 'string' ? a.body : JSON.stringify(a.body ?? {}) })));
  }

  to(phone: string): string[] {
    return this.requests.filter((r) => r.body.phoneNumbers === phone).map((r) => r.body.content);
  }

  close(): Promise<void> {
    return new Promise((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}
