import type { Clock } from '../../clock.ts';

/** An error answer of the WeChat API (`{"errcode":…, "errmsg":…}`). */
export class WechatApiError extends Error {
  constructor(
    readonly errcode: number,
    readonly errmsg: string,
  ) {
    super(`WeChat API error ${errcode}: ${errmsg}`);
  }
}

// 40001 invalid credential, 40014 invalid access_token, 42001 access_token expired: fetch a new
// token and try once more (another server with the same appid may have refreshed it).
const TOKEN_ERRORS = new Set([40001, 40014, 42001]);
const TIMEOUT_MS = 10_000;

export interface WechatApiOptions {
  base: string;
  appId: string;
  secret: string;
  clock: Clock;
}

export interface TemplateData {
  [field: string]: { value: string };
}

/** The parts of WeChat's server API the hotline uses: access token, customer-service and template messages, media. */
export class WechatApi {
  private token: { value: string; expiresAt: number } | null = null;
  private fetching: Promise<string> | null = null;
  private readonly base: string;

  constructor(private readonly opts: WechatApiOptions) {
    this.base = opts.base.replace(/\/+$/, '');
  }

  /** The cached access token, fetched again five minutes before it expires. */
  async accessToken(force = false): Promise<string> {
    const now = this.opts.clock.now().getTime();
    if (!force && this.token && this.token.expiresAt - 300_000 > now) return this.token.value;
    // One fetch at a time: each fetch invalidates the previous token.
    this.fetching ??= this.fetchToken().finally(() => (this.fetching = null));
    return this.fetching;
  }

  private async fetchToken(): Promise<string> {
    const url = `${this.base}/cgi-bin/token?grant_type=client_credential&appid=${encodeURIComponent(this.opts.appId)}&secret=${encodeURIComponent(this.opts.secret)}`;
    const body = await this.json(await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS) }));
    if (typeof body.access_token !== 'string') throw new WechatApiError(-1, 'no access_token in the answer');
    const ttl = typeof body.expires_in === 'number' ? body.expires_in : 7200;
    this.token = { value: body.access_token, expiresAt: this.opts.clock.now().getTime() + ttl * 1000 };
    return body.access_token;
  }

  /** Customer-service message (客服消息): allowed within 48 hours of the citizen's last message. */
  async sendText(openid: string, content: string): Promise<void> {
    await this.post('/cgi-bin/message/custom/send', { touser: openid, msgtype: 'text', text: { content } });
  }

  /** Template message (模板消息): the status notifications; returns WeChat's msgid. */
  async sendTemplate(openid: string, templateId: string, data: TemplateData, url?: string): Promise<string | null> {
    const body = await this.post('/cgi-bin/message/template/send', { touser: openid, template_id: templateId, ...(url ? { url } : {}), data });
    return body.msgid === undefined ? null : String(body.msgid);
  }

  /**
   * A temporary media file the citizen sent (image, voice, video), by its MediaId. Images and
   * voice come back as the file itself; a video as JSON with a `video_url` to fetch it from.
   */
  async getMedia(mediaId: string, maxBytes: number): Promise<{ data: Buffer; contentType: string | null; fileName: string | null }> {
    return this.withToken(async (token) => {
      const res = await fetch(`${this.base}/cgi-bin/media/get?access_token=${encodeURIComponent(token)}&media_id=${encodeURIComponent(mediaId)}`, {
        signal: AbortSignal.timeout(TIMEOUT_MS * 3),
      });
      const type = res.headers.get('content-type');
      if (type?.includes('json') || type?.startsWith('text/plain')) {
        const body = await this.json(res);
        if (typeof body.video_url !== 'string' || !/^https?:\/\//.test(body.video_url)) throw new WechatApiError(-1, 'no media in the answer');
        return this.download(await fetch(body.video_url, { signal: AbortSignal.timeout(TIMEOUT_MS * 3) }), maxBytes);
      }
      return this.download(res, maxBytes);
    });
  }

  private async download(res: Response, maxBytes: number) {
    if (!res.ok) throw new WechatApiError(-1, `HTTP ${res.status}`);
    const size = Number(res.headers.get('content-length') ?? 0);
    if (size > maxBytes) throw new WechatApiError(-1, `media of ${size} bytes is over the limit`);
    const data = Buffer.from(await res.arrayBuffer());
    if (data.length > maxBytes) throw new WechatApiError(-1, `media of ${data.length} bytes is over the limit`);
    const fileName = /filename="?([^";]+)"?/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? null;
    return { data, contentType: res.headers.get('content-type'), fileName };
  }

  private async post(path: string, payload: unknown): Promise<Record<string, unknown>> {
    return this.withToken(async (token) => {
      const res = await fetch(`${this.base}${path}?access_token=${encodeURIComponent(token)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify(payload),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      return this.json(res);
    });
  }

  private async withToken<T>(fn: (token: string) => Promise<T>): Promise<T> {
    try {
      return await fn(await this.accessToken());
    } catch (err) {
      if (!(err instanceof WechatApiError) || !TOKEN_ERRORS.has(err.errcode)) throw err;
      return fn(await this.accessToken(true));
    }
  }

  private async json(res: Response): Promise<Record<string, unknown>> {
    let body: Record<string, unknown>;
    try {
      body = (await res.json()) as Record<string, unknown>;
    } catch {
      throw new WechatApiError(-1, `HTTP ${res.status}: not JSON`);
    }
    const code = typeof body.errcode === 'number' ? body.errcode : 0;
    if (code !== 0) throw new WechatApiError(code, typeof body.errmsg === 'string' ? body.errmsg : '');
    return body;
  }
}
