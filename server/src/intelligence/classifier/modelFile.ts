// Model files: one JSON document, gzip-compressed when the file name ends in .gz. Reading
// recognises gzip by its magic bytes, whatever the name.

import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';

export function encodeModel(json: unknown, gzip: boolean): Buffer {
  const text = Buffer.from(JSON.stringify(json));
  return gzip ? gzipSync(text, { level: 9 }) : text;
}

export function decodeModel(bytes: Buffer): unknown {
  const raw = bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes;
  return JSON.parse(raw.toString('utf8'));
}

/** Writes the model's JSON to `file`; returns the number of bytes written. */
export function writeModelFile(file: string, json: unknown): number {
  const bytes = encodeModel(json, file.endsWith('.gz'));
  writeFileSync(file, bytes);
  return bytes.length;
}

export function readModelFile(file: string): unknown {
  return decodeModel(readFileSync(file));
}
