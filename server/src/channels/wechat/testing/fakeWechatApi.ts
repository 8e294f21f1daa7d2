import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';

// A stand-in for api.weixin.qq.com in tests: a real HTTP server on an ephemeral port that answers
// in WeChat's documented formats (JSON with errcode/errmsg; the token endpoint's access_token and
// expires_in; media as bytes) and records what it was sent. Only the calls the hotline makes.

export interface SentCustomMessage {
  touser: string;
  msgtype: string;
  text?: { content: string };
}

export interface SentTemplateMessage {
  touser: string;
  template_id: string;
  url?: string;
  data: Record<string, { value: string }>;
}

export class FakeWechatApi {
  readonly customMessages: SentCustomMessage[] = [];
  readonly templateMessages: SentTemplateMessage[] = [];
  tokenRequests = 0;
  private tokens = new Set<string>();
  private readonly media = new Map<string, { data: Buffer; type: string }>();
  /** openid → errcode the customer-service API answers for it (e.g. 45015 after 48 hours). */
  readonly failFor = new Map<string, number>();
  private server: Server | null = null;
  url = '';

  constructor(
    private readonly appId: string,
    private readonly secret: string,
  ) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Every token issued so far stops working, as when another server fetched a new one. */
  expireTokens(): void {
    this.tokens.clear();
  }

  addMedia(mediaId: string, data: Buffer, type: string): void {
    this.media.set(mediaId, { data, type });
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://fake');
    const json = (body: unknown) => {
      res.writeHead(200, { 'content-type': 'application/json; encoding=utf-8' });
      res.end(JSON.stringify(body));
    };
    const err = (errcode: number, errmsg: string) => json({ errcode, errmsg: `${errmsg} rid: ${randomBytes(4).toString('hex')}` });
    if (url.pathname === '/cgi-bin/token' && req.method === 'GET') {
      this.tokenRequests++;
      if (url.searchParams.get('grant_type') !== 'client_credential') return err(40002, 'invalid grant_type');
      if (url.searchParams.get('appid') !== this.appId) return err(40013, 'invalid appid');
      if (url.searchParams.get('secret') !== this.secret) return err(40125, 'invalid appsecret');
      const token = randomBytes(24).toString('base64url');
      this.tokens.add(token);
      return json({ access_token: token, expires_in: 7200 });
    }
    // Where a video's bytes are, as the video_url of a media/get answer points.
    const video = /^\/media\/video\/([\w-]+)$/.exec(url.pathname);
    if (video && req.method === 'GET') {
      const m = this.media.get(video[1]!);
      if (!m) return res.writeHead(404).end();
      res.writeHead(200, { 'content-type': m.type, 'content-length': m.data.length });
      return res.end(m.data);
    }
    const token = url.searchParams.get('access_token');
    if (!token) return err(41001, 'access_token missing');
    if (!this.tokens.has(token)) return err(40001, 'invalid credential, access_token is invalid or not latest');
    if (url.pathname === '/cgi-bin/media/get' && req.method === 'GET') {
      const m = this.media.get(url.searchParams.get('media_id') ?? '');
      if (!m) return err(40007, 'invalid media_id');
      if (m.type.startsWith('video/')) return json({ video_url: `${this.url}/media/video/${url.searchParams.get('media_id')}` });
      res.writeHead(200, { 'content-type': m.type, 'content-length': m.data.length, 'content-disposition': `attachment; filename="${url.searchParams.get('media_id')}.jpg"` });
      return res.end(m.data);
    }
    if (req.method !== 'POST') return err(43002, 'require POST method');
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(await readBody(req)) as Record<string, unknown>;
    } catch {
      return err(47001, 'data format error');
    }
    if (url.pathname === '/cgi-bin/message/custom/send') {
      if (typeof body.touser !== 'string' || !body.touser) return err(40003, 'invalid openid');
      const fail = this.failFor.get(body.touser);
      if (fail) return err(fail, fail === 45015 ? 'response out of time limit or subscription is canceled' : 'failed');
      if (body.msgtype === 'text' && typeof (body.text as { content?: unknown } | undefined)?.content !== 'string') return err(44004, 'empty content');
      this.customMessages.push(body as unknown as SentCustomMessage);
      return json({ errcode: 0, errmsg: 'ok' });
    }
    if (url.pathname === '/cgi-bin/message/template/send') {
      if (typeof body.touser !== 'string' || !body.touser) return err(40003, 'invalid openid');
      if (typeof body.template_id !== 'string' || !body.template_id) return err(40037, 'invalid template_id');
      this.templateMessages.push(body as unknown as SentTemplateMessage);
      return json({ errcode: 0, errmsg: 'ok', msgid: 200_000_000 + this.templateMessages.length });
    }
    return err(48001, 'api unauthorized');
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
