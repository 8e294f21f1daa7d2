import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';

/** Where attachment bytes live. Disk by default; an object store implements the same three calls. */
export interface AttachmentStore {
  put(data: Buffer): Promise<{ key: string; sha256: string }>;
  open(key: string): Promise<Readable>;
  remove(key: string): Promise<void>;
}

export class DiskAttachmentStore implements AttachmentStore {
  constructor(private readonly root: string) {}

  private file(key: string): string {
    if (!/^[0-9a-f]{2}\/[0-9a-f-]{36}$/.test(key)) throw new Error('bad attachment key');
    return path.join(this.root, key);
  }

  async put(data: Buffer) {
    const id = randomUUID();
    const key = `${id.slice(0, 2)}/${id}`;
    const target = this.file(key);
    await mkdir(path.dirname(target), { recursive: true });
    // Write then rename, so a crash never leaves a half-written file under a live key.
    await writeFile(`${target}.part`, data);
    await rename(`${target}.part`, target);
    return { key, sha256: createHash('sha256').update(data).digest('hex') };
  }

  async open(key: string) {
    const f = this.file(key);
    await stat(f);
    return createReadStream(f);
  }

  async remove(key: string) {
    await rm(this.file(key), { force: true });
  }
}

/** Content sniffing: the declared type must match the file's magic bytes where the type has them. */
export function sniffMime(data: Buffer): string | null {
  const starts = (...bytes: number[]) => bytes.every((b, i) => data[i] === b);
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x89, 0x50, 0x4e, 0x47)) return 'image/png';
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'image/gif';
  if (starts(0x52, 0x49, 0x46, 0x46) && data.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  if (starts(0x52, 0x49, 0x46, 0x46) && data.subarray(8, 12).toString('latin1') === 'WAVE') return 'audio/wav';
  if (starts(0x25, 0x50, 0x44, 0x46)) return 'application/pdf';
  if (starts(0x49, 0x44, 0x33) || starts(0xff, 0xfb)) return 'audio/mpeg';
  if (data.subarray(4, 8).toString('latin1') === 'ftyp') return 'video/mp4';
  return null;
}
