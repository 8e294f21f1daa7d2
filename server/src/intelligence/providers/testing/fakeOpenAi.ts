// A stand-in for an OpenAI-compatible API in tests: a real HTTP server on an ephemeral port of the
// loopback that answers chat completions and audio transcriptions in OpenAI's documented formats
// (including `{"error":{"message","type","code"}}` bodies and 401 for a wrong key) and records what
// it received: headers, the JSON body, or the multipart fields and file.

import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedFile {
  name: string;
  type: string;
  bytes: Buffer;
}

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  json?: { model?: string; messages?: { role: string; content: string }[]; temperature?: number; max_tokens?: number };
  fields?: Record<string, string>;
  file?: ReceivedFile;
}

/** What the server does with one request: answer (after a delay), or drop the connection. */
export interface FakeReply {
  status?: number;
  json?: unknown;
  /** A body sent as it is (for malformed answers). */
  raw?: string;
  delayMs?: number;
  /** Close the socket without an answer (a network failure). */
  destroy?: boolean;
}

export const openAiError = (status: number, message: string, type = 'invalid_request_error', code: string | null = null): FakeReply => ({
  status,
  json: { error: { message, type, param: null, code } },
});

export const chatAnswer = (content: string): FakeReply => ({
  json: { id: 'chatcmpl-test', object: 'chat.completion', model: 'test-model', choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }] },
});

export class FakeOpenAiServer {
  readonly requests: ReceivedRequest[] = [];
  /** Replies used first, in order; then `respond`. */
  readonly queue: FakeReply[] = [];
  respond: (r: ReceivedRequest) => FakeReply = () => chatAnswer('好的');
  url = '';
  private server: Server | null = null;
  private readonly sockets = new Set<import('node:net').Socket>();

  constructor(private readonly apiKey: string | null = null) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1`;
    return this;
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const r: ReceivedRequest = { method: req.method ?? '', path: new URL(req.url ?? '/', 'http://x').pathname, headers: req.headers };
    const type = req.headers['content-type'] ?? '';
    if (type.startsWith('application/json')) r.json = JSON.parse(body.toString('utf8')) as ReceivedRequest['json'];
    if (type.startsWith('multipart/form-data')) {
      // The platform's own multipart parser (undici's) reads what the client sent.
      const form = await new Response(body, { headers: { 'content-type': type } }).formData();
      r.fields = {};
      for (const [k, v] of form.entries()) {
        if (typeof v === 'string') r.fields[k] = v;
        else r.file = { name: v.name, type: v.type, bytes: Buffer.from(await v.arrayBuffer()) };
      }
    }
    this.requests.push(r);
    const reply = this.apiKey && req.headers.authorization !== `Bearer ${this.apiKey}`
      ? openAiError(401, 'Incorrect API key provided.', 'invalid_request_error', 'invalid_api_key')
      : (this.queue.shift() ?? this.respond(r));
    if (reply.delayMs) await new Promise((resolve) => setTimeout(resolve, reply.delayMs));
    if (reply.destroy) {
      req.socket.destroy();
      return;
    }
    if (res.destroyed) return;
    res.writeHead(reply.status ?? 200, { 'content-type': 'application/json' });
    res.end(reply.raw ?? JSON.stringify(reply.json ?? {}));
  }
}
