import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';

// WeChat's side of the callback for tests: signs and (in safe mode) encrypts pushes the way the
// WeChat server does, written from the documentation independently of the code under test, and
// decrypts the answers the way WeChat would.

export interface PeerConfig {
  token: string;
  appId: string;
  aesKey: string;
  path: string;
}

const sha1 = (...parts: string[]) => createHash('sha1').update([...parts].sort().join('')).digest('hex');

export class WechatPeer {
  private seq = 0;
  constructor(
    private readonly app: FastifyInstance,
    private readonly cfg: PeerConfig,
  ) {}

  private key() {
    const key = Buffer.from(`${this.cfg.aesKey}=`, 'base64');
    return { key, iv: key.subarray(0, 16) };
  }

  encrypt(xml: string, appId = this.cfg.appId): string {
    const { key, iv } = this.key();
    const body = Buffer.from(xml);
    const head = Buffer.alloc(20);
    randomBytes(16).copy(head);
    head.writeUInt32BE(body.length, 16);
    const plain = Buffer.concat([head, body, Buffer.from(appId)]);
    const pad = 32 - (plain.length % 32);
    const cipher = createCipheriv('aes-256-cbc', key, iv).setAutoPadding(false);
    return Buffer.concat([cipher.update(Buffer.concat([plain, Buffer.alloc(pad, pad)])), cipher.final()]).toString('base64');
  }

  decrypt(encrypted: string): { xml: string; appId: string } {
    const { key, iv } = this.key();
    const d = createDecipheriv('aes-256-cbc', key, iv).setAutoPadding(false);
    const plain = Buffer.concat([d.update(Buffer.from(encrypted, 'base64')), d.final()]);
    const content = plain.subarray(0, plain.length - plain[plain.length - 1]!);
    const len = content.readUInt32BE(16);
    return { xml: content.subarray(20, 20 + len).toString(), appId: content.subarray(20 + len).toString() };
  }

  /** A user message or event as XML, CDATA for text as WeChat sends it. */
  static xml(fields: Record<string, string | number>): string {
    return `<xml>${Object.entries(fields)
      .map(([k, v]) => `<${k}>${typeof v === 'number' ? v : `<![CDATA[${v}]]>`}</${k}>`)
      .join('')}</xml>`;
  }

  verifyUrl(opts: { signature?: string; echostr?: string } = {}) {
    const timestamp = '1795395600';
    const nonce = '20261123';
    const signature = opts.signature ?? sha1(this.cfg.token, timestamp, nonce);
    const q = new URLSearchParams({ signature, timestamp, nonce, echostr: opts.echostr ?? '6912345678901234567' });
    return this.app.inject({ method: 'GET', url: `${this.cfg.path}?${q}` });
  }

  /** Pushes XML in plain mode (signature over token, timestamp, nonce). */
  plain(xml: string, opts: { signature?: string; contentType?: string } = {}) {
    const timestamp = String(1795395600 + ++this.seq);
    const nonce = String(100000 + this.seq);
    const signature = opts.signature ?? sha1(this.cfg.token, timestamp, nonce);
    const q = new URLSearchParams({ signature, timestamp, nonce, openid: 'x' });
    return this.app.inject({ method: 'POST', url: `${this.cfg.path}?${q}`, headers: { 'content-type': opts.contentType ?? 'text/xml' }, payload: xml });
  }

  /** Pushes XML in safe mode: encrypted into <Encrypt>, with msg_signature over the ciphertext. */
  safe(xml: string, opts: { encrypt?: string; msgSignature?: string; appId?: string } = {}) {
    const timestamp = String(1795395600 + ++this.seq);
    const nonce = String(200000 + this.seq);
    const encrypted = opts.encrypt ?? this.encrypt(xml, opts.appId);
    const q = new URLSearchParams({
      signature: sha1(this.cfg.token, timestamp, nonce),
      timestamp,
      nonce,
      openid: 'x',
      encrypt_type: 'aes',
      msg_signature: opts.msgSignature ?? sha1(this.cfg.token, timestamp, nonce, encrypted),
    });
    const body = `<xml><ToUserName><![CDATA[gh_0a1b2c3d4e5f]]></ToUserName><Encrypt><![CDATA[${encrypted}]]></Encrypt></xml>`;
    return this.app.inject({ method: 'POST', url: `${this.cfg.path}?${q}`, headers: { 'content-type': 'text/xml' }, payload: body });
  }

  /** Checks an encrypted answer's signature as WeChat does and returns the XML inside. */
  openSafeReply(body: string): string {
    const field = (k: string) => new RegExp(`<${k}>(?:<!\\[CDATA\\[)?([^<\\]]*)(?:\\]\\]>)?</${k}>`).exec(body)?.[1] ?? '';
    const encrypted = field('Encrypt');
    if (sha1(this.cfg.token, field('TimeStamp'), field('Nonce'), encrypted) !== field('MsgSignature')) throw new Error('reply signature does not verify');
    const { xml, appId } = this.decrypt(encrypted);
    if (appId !== this.cfg.appId) throw new Error(`reply encrypted for ${appId}`);
    return xml;
  }
}
