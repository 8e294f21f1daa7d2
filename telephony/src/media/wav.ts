// WAV (RIFF WAVE) files: read any common prompt format, write 16-bit PCM.
//
//   offset  field                      offset  field (chunk "fmt ", 16, 18 or 40 bytes)
//   0       "RIFF"                     0       format tag: 1 PCM, 3 IEEE float, 6 A-law,
//   4       file size − 8                      7 µ-law, 0xFFFE extensible (real tag in SubFormat)
//   8       "WAVE"                     2       channels
//   12      chunks: id (4), size (4),  4       sample rate
//           data, pad byte if odd      8       byte rate;  12 block align;  14 bits per sample
//                                      24      (extensible) SubFormat GUID, first 2 bytes = tag
//
// Read: PCM 8 (unsigned), 16, 24, 32-bit; float 32/64-bit; G.711 µ-law and A-law; any number of
// channels (mixed down to mono) at any rate, then resampled to 8 kHz (see resample.ts). A data
// chunk whose size is 0 or runs past the end of the file (a recorder that never finalised its
// header) is read to the end of the file. Errors are values, never exceptions.

import { readFile } from 'node:fs/promises';
import { alawDecodeSample, ulawDecodeSample } from './g711.ts';
import { resample } from './resample.ts';

export type WavEncoding = 'pcm' | 'float' | 'mulaw' | 'alaw';

export interface WavAudio {
  encoding: WavEncoding;
  sampleRate: number;
  channels: number;
  bitsPerSample: number;
  /** Each channel at the file's own rate, in 16-bit units (not rounded). */
  channelData: Float32Array[];
}

export type WavResult = { ok: true; wav: WavAudio } | { ok: false; error: string };
export type TelephonyAudioResult = { ok: true; samples: Int16Array; source: Omit<WavAudio, 'channelData'> } | { ok: false; error: string };

const TAGS: Record<number, WavEncoding> = { 1: 'pcm', 3: 'float', 6: 'alaw', 7: 'mulaw' };

function sampleReader(view: DataView, encoding: WavEncoding, bits: number): ((offset: number) => number) | null {
  if (encoding === 'pcm' && bits === 8) return (o) => (view.getUint8(o) - 128) * 256;
  if (encoding === 'pcm' && bits === 16) return (o) => view.getInt16(o, true);
  if (encoding === 'pcm' && bits === 24) return (o) => ((view.getUint8(o + 2) << 24) | (view.getUint8(o + 1) << 16) | (view.getUint8(o) << 8)) / 65536;
  if (encoding === 'pcm' && bits === 32) return (o) => view.getInt32(o, true) / 65536;
  if (encoding === 'float' && bits === 32) return (o) => view.getFloat32(o, true) * 32768;
  if (encoding === 'float' && bits === 64) return (o) => view.getFloat64(o, true) * 32768;
  if (encoding === 'mulaw' && bits === 8) return (o) => ulawDecodeSample(view.getUint8(o));
  if (encoding === 'alaw' && bits === 8) return (o) => alawDecodeSample(view.getUint8(o));
  return null;
}

export function parseWav(bytes: Uint8Array): WavResult {
  const ascii = (o: number): string => String.fromCharCode(...bytes.subarray(o, o + 4));
  if (bytes.length < 12 || ascii(0) !== 'RIFF' || ascii(8) !== 'WAVE') return { ok: false, error: 'not a RIFF/WAVE file' };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  let fmt: { tag: number; channels: number; rate: number; align: number; bits: number } | null = null;
  let data: Uint8Array | null = null;
  for (let o = 12; o + 8 <= bytes.length; ) {
    const id = ascii(o);
    const size = view.getUint32(o + 4, true);
    const body = o + 8;
    if (id === 'fmt ') {
      if (size < 16 || body + size > bytes.length) return { ok: false, error: 'truncated fmt chunk' };
      let tag = view.getUint16(body, true);
      if (tag === 0xfffe && size >= 40) tag = view.getUint16(body + 24, true);
      const channels = view.getUint16(body + 2, true);
      fmt = { tag, channels, rate: view.getUint32(body + 4, true), align: view.getUint16(body + 12, true), bits: view.getUint16(body + 14, true) };
    } else if (id === 'data') {
      const end = size === 0 || body + size > bytes.length ? bytes.length : body + size;
      data = bytes.subarray(body, end);
      if (fmt) break;
    }
    o = body + size + (size & 1);
  }
  if (!fmt) return { ok: false, error: 'no fmt chunk' };
  if (!data) return { ok: false, error: 'no data chunk' };
  const encoding = TAGS[fmt.tag];
  if (!encoding) return { ok: false, error: `unsupported WAV format tag 0x${fmt.tag.toString(16)}` };
  if (fmt.channels < 1 || fmt.rate < 1000 || fmt.rate > 384000) return { ok: false, error: `bad channels/rate ${fmt.channels}/${fmt.rate}` };
  const bytesPerSample = fmt.bits / 8;
  const dv = new DataView(data.buffer, data.byteOffset, data.length);
  const read = Number.isInteger(bytesPerSample) ? sampleReader(dv, encoding, fmt.bits) : null;
  if (!read) return { ok: false, error: `unsupported ${encoding} at ${fmt.bits} bits` };
  const frameBytes = Math.max(fmt.align, bytesPerSample * fmt.channels);
  const frames = Math.floor(data.length / frameBytes);
  const channelData = Array.from({ length: fmt.channels }, () => new Float32Array(frames));
  for (let f = 0; f < frames; f++) {
    for (let c = 0; c < fmt.channels; c++) channelData[c]![f] = read(f * frameBytes + c * bytesPerSample);
  }
  return { ok: true, wav: { encoding, sampleRate: fmt.rate, channels: fmt.channels, bitsPerSample: fmt.bits, channelData } };
}

/** The average of the channels. */
export function mixDown(channelData: readonly Float32Array[]): Float32Array {
  const first = channelData[0];
  if (!first || channelData.length === 1) return first ?? new Float32Array(0);
  const mono = new Float32Array(first.length);
  for (const ch of channelData) for (let i = 0; i < mono.length; i++) mono[i]! += ch[i]!;
  for (let i = 0; i < mono.length; i++) mono[i]! /= channelData.length;
  return mono;
}

/** A WAV file's audio as 8 kHz 16-bit mono, ready for G.711. */
export function wavToTelephony(bytes: Uint8Array): TelephonyAudioResult {
  const r = parseWav(bytes);
  if (!r.ok) return r;
  const { channelData, ...source } = r.wav;
  return { ok: true, samples: resample(mixDown(channelData), source.sampleRate, 8000), source };
}

export async function readWavFile(path: string): Promise<TelephonyAudioResult> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (err) {
    return { ok: false, error: `cannot read ${path}: ${(err as Error).message}` };
  }
  return wavToTelephony(bytes);
}

/** The 44-byte header of a 16-bit PCM WAV file with `dataBytes` of samples. */
export function wavHeader(sampleRate: number, channels: number, dataBytes: number): Buffer {
  const h = Buffer.alloc(44);
  h.write('RIFF', 0, 'ascii');
  h.writeUInt32LE(Math.min(0xffffffff, 36 + dataBytes), 4);
  h.write('WAVEfmt ', 8, 'ascii');
  h.writeUInt32LE(16, 16);
  h.writeUInt16LE(1, 20);
  h.writeUInt16LE(channels, 22);
  h.writeUInt32LE(sampleRate, 24);
  h.writeUInt32LE(sampleRate * channels * 2, 28);
  h.writeUInt16LE(channels * 2, 32);
  h.writeUInt16LE(16, 34);
  h.write('data', 36, 'ascii');
  h.writeUInt32LE(Math.min(0xffffffff, dataBytes), 40);
  return h;
}

/** A whole 16-bit PCM WAV file; `samples` are interleaved when `channels` > 1. */
export function serializeWav(samples: Int16Array, sampleRate = 8000, channels = 1): Buffer {
  if (samples.length % channels !== 0) throw new RangeError('sample count is not a multiple of the channel count');
  const body = Buffer.alloc(samples.length * 2);
  for (let i = 0; i < samples.length; i++) body.writeInt16LE(samples[i]!, i * 2);
  return Buffer.concat([wavHeader(sampleRate, channels, body.length), body]);
}
