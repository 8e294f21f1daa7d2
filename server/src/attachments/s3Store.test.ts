import { createHash, createHmac, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { S3AttachmentStore, signV4 } from './s3Store.ts';

const sha = (d: string | Uint8Array) => createHash('sha256').update(d).digest('hex');
const EMPTY = sha('');

// The worked examples from the S3 SigV4 documentation (sig-v4-header-based-auth, "Examples").
describe('signV4 against the AWS published S3 examples', () => {
  const creds = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', region: 'us-east-1' };
  const now = new Date('2013-05-24T00:00:00Z');
  const host = 'examplebucket.s3.amazonaws.com';
  const sig = (h: Record<string, string>) => /Signature=([0-9a-f]{64})$/.exec(h.authorization ?? '')?.[1];

  it('GET Object with a Range header', () => {
    const h = signV4({ method: 'GET', host, path: '/test.txt', headers: { Range: 'bytes=0-9' }, payloadHash: EMPTY }, creds, now);
    expect(h.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,' +
        'SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,' +
        'Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
    );
    expect(h['x-amz-date']).toBe('20130524T000000Z');
  });

  it('PUT Object (signed payload, "$" in the key is URI-encoded)', () => {
    const headers = { Date: 'Fri, 24 May 2013 00:00:00 GMT', 'x-amz-storage-class': 'REDUCED_REDUNDANCY' };
    const h = signV4({ method: 'PUT', host, path: '/test$file.text', headers, payloadHash: sha('Welcome to Amazon S3.') }, creds, now);
    expect(sig(h)).toBe('98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd');
  });

  it('GET Bucket lifecycle and list (canonical query string)', () => {
    expect(sig(signV4({ method: 'GET', host, path: '/', query: { lifecycle: '' }, payloadHash: EMPTY }, creds, now)))
      .toBe('fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543');
    expect(sig(signV4({ method: 'GET', host, path: '/', query: { prefix: 'J', 'max-keys': '2' }, payloadHash: EMPTY }, creds, now)))
      .toBe('34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7');
  });
});

// --- A fake S3 that checks every signature by its own reading of the spec (no code shared with the signer). ---

const REGION = 'cn-north-1';
const SECRETS: Record<string, string> = { AKIDHOTLINE: 'hotline/Secret+Key=1' };
const xmlError = (code: string) => `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${code}</Message></Error>`;
// RFC 3986 unreserved set only; encodeURIComponent also spares !'()*, which the spec says to encode.
const enc = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

function verify(req: IncomingMessage, body: Buffer): string | null {
  const m = /^AWS4-HMAC-SHA256 Credential=(\w+)\/(\d{8})\/([\w-]+)\/s3\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/
    .exec(req.headers.authorization ?? '');
  if (!m) return 'AccessDenied';
  const [, akid = '', day, region, signedHeaders = '', signature] = m;
  const secret = SECRETS[akid];
  if (secret === undefined) return 'InvalidAccessKeyId';
  const amzDate = String(req.headers['x-amz-date'] ?? '');
  if (region !== REGION || day !== amzDate.slice(0, 8)) return 'AuthorizationHeaderMalformed';
  const sent = Date.parse(amzDate.replace(/^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/, '$1-$2-$3T$4:$5:$6Z'));
  if (!(Math.abs(Date.now() - sent) < 15 * 60_000)) return 'RequestTimeTooSkewed';
  const names = signedHeaders.split(';').sort(); // the server sorts; a client that did not will mismatch
  if (!['host', 'x-amz-date', 'x-amz-content-sha256'].every((n) => names.includes(n))) return 'AccessDenied';
  const url = new URL(req.url ?? '/', 'http://fake');
  const canonicalUri = url.pathname.split('/').map((seg) => enc(decodeURIComponent(seg))).join('/');
  const canonicalQuery = [...url.searchParams].map(([k, v]) => `${enc(k)}=${enc(v)}`).sort().join('&');
  const canonicalHeaders = names.map((n) => `${n}:${String(req.headers[n] ?? '').trim().replace(/\s+/g, ' ')}\n`).join('');
  const payloadHash = String(req.headers['x-amz-content-sha256']);
  const creq = `${req.method}\n${canonicalUri}\n${canonicalQuery}\n${canonicalHeaders}\n${names.join(';')}\n${payloadHash}`;
  const scope = `${day}/${region}/s3/aws4_request`;
  const toSign = `AWS4-HMAC-SHA256\n${amzDate}\n${scope}\n${sha(creq)}`;
  let key: Buffer = createHmac('sha256', `AWS4${secret}`).update(day ?? '').digest();
  for (const part of [region ?? '', 's3', 'aws4_request']) key = createHmac('sha256', key).update(part).digest();
  if (createHmac('sha256', key).update(toSign).digest('hex') !== signature) return 'SignatureDoesNotMatch';
  if (payloadHash !== sha(body)) return 'XAmzContentSHA256Mismatch';
  return null;
}

const objects = new Map<string, Buffer>();
const seen: { method: string; headers: IncomingMessage['headers']; bodySha: string }[] = [];
let server: Server;
let endpoint = '';

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    seen.push({ method: req.method ?? '', headers: req.headers, bodySha: sha(body) });
    const reply = (status: number, code: string) => res.writeHead(status, { 'content-type': 'application/xml' }).end(xmlError(code));
    const problem = verify(req, body);
    if (problem) return reply(problem === 'XAmzContentSHA256Mismatch' ? 400 : 403, problem);
    const [, bucket, ...rest] = decodeURIComponent(new URL(req.url ?? '/', 'http://fake').pathname).split('/');
    if (bucket !== 'hotline') return reply(404, 'NoSuchBucket');
    const key = rest.join('/');
    if (req.method === 'PUT') objects.set(key, body);
    else if (!objects.has(key)) return reply(404, 'NoSuchKey'); // real S3 answers DELETE of a missing key 204; 404 exercises our tolerance
    else if (req.method === 'GET') return res.writeHead(200, { 'content-length': objects.get(key)?.length }).end(objects.get(key));
    else if (req.method === 'DELETE') objects.delete(key);
    res.writeHead(req.method === 'DELETE' ? 204 : 200).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const store = (secretAccessKey = SECRETS.AKIDHOTLINE ?? '') =>
  new S3AttachmentStore({ endpoint, bucket: 'hotline', region: REGION, accessKeyId: 'AKIDHOTLINE', secretAccessKey, prefix: 'att/' });
const drain = async (r: Readable) => {
  const parts: Buffer[] = [];
  for await (const c of r) parts.push(c as Buffer);
  return Buffer.concat(parts);
};

describe('S3AttachmentStore against a signature-checking fake S3', () => {
  it('round-trips 1 MB of binary, then removes it', async () => {
    const s = store();
    const data = randomBytes(1024 * 1024);
    const { key, sha256 } = await s.put(data);
    expect(key).toMatch(/^att\/[0-9a-f]{2}\/[0-9a-f-]{36}$/);
    expect(sha256).toBe(sha(data));
    const put = seen.at(-1);
    expect(put?.method).toBe('PUT');
    expect(put?.headers['x-amz-content-sha256']).toBe(sha(data));
    expect(put?.bodySha).toBe(sha(data));
    expect(put?.headers['content-length']).toBe(String(data.length));
    expect(put?.headers['content-type']).toBe('application/octet-stream');

    expect((await drain(await s.open(key))).equals(data)).toBe(true);
    expect(seen.at(-1)?.headers['x-amz-content-sha256']).toBe(EMPTY);

    await s.remove(key);
    expect(seen.at(-1)).toMatchObject({ method: 'DELETE', headers: { 'x-amz-content-sha256': EMPTY } });
    await expect(s.open(key)).rejects.toThrow(/not found/);
    await expect(s.remove(key)).resolves.toBeUndefined(); // already gone: fine
  });

  it('surfaces SignatureDoesNotMatch when the secret is wrong', async () => {
    await expect(store('not-the-secret').put(Buffer.from('x'))).rejects.toThrow(/SignatureDoesNotMatch/);
    const { key } = await store().put(Buffer.from('kept'));
    await expect(store('not-the-secret').open(key)).rejects.toThrow(/403 SignatureDoesNotMatch/);
  });

  it('refuses keys it did not mint', async () => {
    await expect(store().open('att/../../other-bucket/x')).rejects.toThrow(/bad attachment key/);
  });

  it('addresses bucket.endpoint when pathStyle is false', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch').mockResolvedValue(new Response(null, { status: 200 }));
    try {
      const s = new S3AttachmentStore({ endpoint: 'https://oss-cn-hangzhou.aliyuncs.com', bucket: 'hl', region: 'oss-cn-hangzhou',
        accessKeyId: 'a', secretAccessKey: 'b', pathStyle: false });
      const { key } = await s.put(Buffer.from('v'));
      const [url, init] = fetchSpy.mock.calls[0] ?? [];
      expect(url).toBe(`https://hl.oss-cn-hangzhou.aliyuncs.com/${key}`);
      expect((init?.headers as Record<string, string>).authorization).toContain('/oss-cn-hangzhou/s3/aws4_request,');
    } finally {
      fetchSpy.mockRestore();
    }
  });
});
