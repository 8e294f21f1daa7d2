import type { FastifyInstance } from 'fastify';
import { solvePow } from '../pow.ts';

/** A multipart/form-data body with one file field, as a browser's FormData sends it. */
export function multipartFile(data: Buffer, fileName: string, mime: string, field = 'file') {
  const boundary = `----portalTest${Math.random().toString(16).slice(2)}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\nContent-Type: ${mime}\r\n\r\n`;
  return {
    payload: Buffer.concat([Buffer.from(head), data, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

/** Bytes that sniff as each accepted type, padded to `size`. */
export const fakeFile = {
  jpeg: (size = 64) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(Math.max(0, size - 4), 7)]),
  png: (size = 64) => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(Math.max(0, size - 8), 7)]),
  webp: (size = 64) => Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WEBP'), Buffer.alloc(Math.max(0, size - 12), 7)]),
  mp4: (size = 64) => Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypmp42'), Buffer.alloc(Math.max(0, size - 12), 7)]),
};

/** Fetches a challenge and solves it, as the portal's browser code does. */
export async function solvedPow(app: FastifyInstance, purpose: 'appeal' | 'chat' = 'appeal') {
  const res = await app.inject({ url: `/api/v1/public/pow?purpose=${purpose}` });
  if (res.statusCode !== 200) throw new Error(`pow: ${res.body}`);
  const { challenge, difficulty } = res.json() as { challenge: string; difficulty: number };
  return { challenge, nonce: solvePow(challenge, difficulty).nonce };
}

export async function upload(app: FastifyInstance, data: Buffer, fileName: string, mime: string) {
  const res = await app.inject({ method: 'POST', url: '/api/v1/public/uploads', ...multipartFile(data, fileName, mime) });
  return { status: res.statusCode, body: res.json() };
}
