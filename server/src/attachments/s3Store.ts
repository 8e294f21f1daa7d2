import { createHash, createHmac, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import type { AttachmentStore } from './attachmentStore.ts';
import { systemClock } from '../clock.ts';
import type { Clock } from '../clock.ts';

// S3-compatible object storage (AWS S3, MinIO, Aliyun OSS, Tencent COS) over plain fetch, signed with
// AWS Signature Version 4 as documented for S3 ("Signature Calculations for the Authorization Header:
// Transferring Payload in a Single Chunk"). Hand-written so the server needs no SDK dependency.

export interface S3StoreOptions {
  /** Scheme + host (+ port), e.g. http://127.0.0.1:9000 or https://s3.cn-north-1.amazonaws.com.cn */
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** true (default): http://endpoint/bucket/key, which MinIO needs; false: http://bucket.endpoint/key. */
  pathStyle?: boolean;
  /** Prepended verbatim to every key, e.g. "attachments/". */
  prefix?: string;
}

export interface SigV4Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
}

export interface SigV4Request {
  method: string;
  /** Exactly the Host header the HTTP client will send (fetch sends URL.host, port included if not default). */
  host: string;
  /** Unencoded path, e.g. "/bucket/a$b.txt"; encoded here per S3 rules so callers cannot double-encode. */
  path: string;
  query?: Record<string, string>;
  /** Extra headers to send and sign (content-type, range, ...). */
  headers?: Record<string, string>;
  /** Hex SHA-256 of the body; also sent as x-amz-content-sha256, which S3 requires. */
  payloadHash: string;
}

export const sha256Hex = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');
export const hmac = (key: string | Uint8Array, data: string): Buffer => createHmac('sha256', key).update(data).digest();
export const EMPTY_SHA256 = sha256Hex('');

/**
 * AWS UriEncode: every byte except A-Z a-z 0-9 - . _ ~ becomes %XY (uppercase hex). Written out because
 * encodeURIComponent leaves !'()* alone, which S3 would then encode differently and reject the signature.
 */
export function uriEncode(s: string, encodeSlash = true): string {
  let out = '';
  for (const b of Buffer.from(s, 'utf8')) {
    const c = String.fromCharCode(b);
    if (/[A-Za-z0-9\-._~]/.test(c) || (c === '/' && !encodeSlash)) out += c;
    else out += `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/**
 * Pure SigV4 signer: returns the headers to send (the caller's, x-amz-date, x-amz-content-sha256,
 * authorization). Host is signed but not returned, since fetch sets it itself from the URL.
 * `now` is a parameter so the AWS published vectors can be replayed exactly.
 */
export function signV4(req: SigV4Request, creds: SigV4Credentials, now: Date): Record<string, string> {
  const amzDate = now.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, ''); // 20130524T000000Z
  const day = amzDate.slice(0, 8);
  const canon = new Map<string, string>();
  for (const [k, v] of Object.entries(req.headers ?? {})) canon.set(k.toLowerCase(), v.trim().replace(/\s+/g, ' '));
  canon.set('host', req.host);
  canon.set('x-amz-date', amzDate);
  canon.set('x-amz-content-sha256', req.payloadHash);
  const names = [...canon.keys()].sort();
  const signedHeaders = names.join(';');
  const query = Object.entries(req.query ?? {})
    .map(([k, v]) => [uriEncode(k), uriEncode(v)] as const)
    .sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const canonicalRequest = [
    req.method.toUpperCase(),
    uriEncode(req.path, false), // S3 encodes once and keeps '/' in object keys
    query,
    names.map((n) => `${n}:${canon.get(n)}\n`).join(''),
    signedHeaders,
    req.payloadHash,
  ].join('\n');
  const scope = `${day}/${creds.region}/s3/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256Hex(canonicalRequest)].join('\n');
  const kDate = hmac(`AWS4${creds.secretAccessKey}`, day);
  const kSigning = hmac(hmac(hmac(kDate, creds.region), 's3'), 'aws4_request');
  const signature = createHmac('sha256', kSigning).update(stringToSign).digest('hex');
  return {
    ...req.headers,
    'x-amz-date': amzDate,
    'x-amz-content-sha256': req.payloadHash,
    authorization: `AWS4-HMAC-SHA256 Credential=${creds.accessKeyId}/${scope},SignedHeaders=${signedHeaders},Signature=${signature}`,
  };
}

/** Carries the S3 error Code (NoSuchKey, SignatureDoesNotMatch, ...) so callers can branch without parsing text. */
export class S3Error extends Error {
  constructor(message: string, readonly status: number, readonly code: string) {
    super(message);
    this.name = 'S3Error';
  }
}

async function failure(op: string, key: string, res: Response): Promise<S3Error> {
  const body = await res.text().catch(() => '');
  const code = /<Code>([^<]*)<\/Code>/.exec(body)?.[1] ?? `HTTP${res.status}`;
  return new S3Error(`S3 ${op} ${key} failed: ${res.status} ${code}`, res.status, code);
}

const KEY_TAIL = /^[0-9a-f]{2}\/[0-9a-f-]{36}$/;

export class S3AttachmentStore implements AttachmentStore {
  private readonly base: URL;
  private readonly prefix: string;
  private readonly creds: SigV4Credentials;

  // The clock must be wall time in production: S3 refuses requests more than 15 minutes off.
  constructor(private readonly opts: S3StoreOptions, private readonly clock: Clock = systemClock) {
    this.base = new URL(opts.endpoint);
    this.prefix = opts.prefix ?? '';
    if (!/^([A-Za-z0-9._-]+\/)*[A-Za-z0-9._-]*$/.test(this.prefix)) throw new Error('bad S3 key prefix');
    this.creds = { accessKeyId: opts.accessKeyId, secretAccessKey: opts.secretAccessKey, region: opts.region };
  }

  // Same key discipline as the disk store: only keys this store minted, so a stored key cannot reach other objects.
  private check(key: string): void {
    if (!key.startsWith(this.prefix) || !KEY_TAIL.test(key.slice(this.prefix.length))) throw new Error('bad attachment key');
  }

  private async send(method: 'PUT' | 'GET' | 'DELETE', key: string, body?: Buffer): Promise<Response> {
    const pathStyle = this.opts.pathStyle ?? true;
    const host = pathStyle ? this.base.host : `${this.opts.bucket}.${this.base.host}`;
    const root = this.base.pathname.replace(/\/+$/, ''); // endpoint may sit under a path behind a proxy
    const path = pathStyle ? `${root}/${this.opts.bucket}/${key}` : `${root}/${key}`;
    const headers: Record<string, string> = body
      ? { 'content-type': 'application/octet-stream', 'content-length': String(body.length) }
      : {};
    const signed = signV4({ method, host, path, headers, payloadHash: body ? sha256Hex(body) : EMPTY_SHA256 }, this.creds, this.clock.now());
    // The URL carries the very encoding that was signed, so the server's canonical URI matches ours.
    return fetch(`${this.base.protocol}//${host}${uriEncode(path, false)}`, { method, headers: signed, body });
  }

  async put(data: Buffer) {
    const id = randomUUID();
    const key = `${this.prefix}${id.slice(0, 2)}/${id}`;
    const res = await this.send('PUT', key, data);
    if (!res.ok) throw await failure('PUT', key, res);
    await res.body?.cancel(); // release the connection back to the pool
    return { key, sha256: sha256Hex(data) };
  }

  async open(key: string) {
    this.check(key);
    const res = await this.send('GET', key);
    if (res.status === 404) {
      const err = await failure('GET', key, res);
      throw new S3Error(`attachment not found: ${key}`, 404, err.code);
    }
    if (!res.ok) throw await failure('GET', key, res);
    // Stream rather than buffer: attachments may be up to ATTACHMENT_MAX_BYTES.
    return res.body ? Readable.fromWeb(res.body as NodeReadableStream<Uint8Array>) : Readable.from([]);
  }

  async remove(key: string) {
    this.check(key);
    const res = await this.send('DELETE', key);
    // Deleting something already gone is success: removal is idempotent, as with the disk store's force.
    if (!res.ok && res.status !== 404) throw await failure('DELETE', key, res);
    await res.body?.cancel();
  }
}
