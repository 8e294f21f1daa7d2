import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { alawEncodeSample, ulawEncodeSample } from './g711.ts';
import { toneAmplitude } from './goertzel.ts';
import { parseWav, readWavFile, serializeWav, wavHeader, wavToTelephony } from './wav.ts';
import { sine } from './testSignals.ts';

interface Fmt {
  tag: number;
  channels: number;
  rate: number;
  bits: number;
  extensible?: boolean;
}

/** Builds a WAV file by hand, independently of serializeWav. */
function buildWav(f: Fmt, data: Buffer, opts: { dataSize?: number; leadingChunk?: Buffer } = {}): Buffer {
  const fmt = Buffer.alloc(f.extensible ? 40 : 16);
  fmt.writeUInt16LE(f.extensible ? 0xfffe : f.tag, 0);
  fmt.writeUInt16LE(f.channels, 2);
  fmt.writeUInt32LE(f.rate, 4);
  fmt.writeUInt32LE((f.rate * f.channels * f.bits) / 8, 8);
  fmt.writeUInt16LE((f.channels * f.bits) / 8, 12);
  fmt.writeUInt16LE(f.bits, 14);
  if (f.extensible) {
    fmt.writeUInt16LE(22, 16);
    fmt.writeUInt16LE(f.bits, 18);
    fmt.writeUInt16LE(f.tag, 24); // SubFormat GUID starts with the format tag
    Buffer.from('000000001000800000aa00389b71', 'hex').copy(fmt, 26);
  }
  const chunk = (id: string, body: Buffer, size = body.length) => {
    const h = Buffer.alloc(8);
    h.write(id, 0, 'ascii');
    h.writeUInt32LE(size, 4);
    return Buffer.concat([h, body, body.length & 1 ? Buffer.alloc(1) : Buffer.alloc(0)]);
  };
  const body = Buffer.concat([opts.leadingChunk ? chunk('LIST', opts.leadingChunk) : Buffer.alloc(0), chunk('fmt ', fmt), chunk('data', data, opts.dataSize)]);
  const riff = Buffer.alloc(12);
  riff.write('RIFF', 0, 'ascii');
  riff.writeUInt32LE(4 + body.length, 4);
  riff.write('WAVE', 8, 'ascii');
  return Buffer.concat([riff, body]);
}

const encode = (samples: Int16Array, bits: number, f: (x: number, b: Buffer, o: number) => void): Buffer => {
  const b = Buffer.alloc((samples.length * bits) / 8);
  samples.forEach((x, i) => f(x, b, (i * bits) / 8));
  return b;
};
const interleave = (l: Int16Array, r: Int16Array): Int16Array => Int16Array.from({ length: l.length * 2 }, (_, i) => (i & 1 ? r[i >> 1]! : l[i >> 1]!));

function expectTone(bytes: Buffer, freq: number, amplitude: number, tolerance = 0.05): void {
  const r = wavToTelephony(bytes);
  if (!r.ok) throw new Error(r.error);
  expect(r.samples.length).toBeGreaterThan(7900);
  const mid = r.samples.subarray(2000, 6000);
  expect(toneAmplitude(mid, freq) / amplitude).toBeGreaterThan(1 - tolerance);
  expect(toneAmplitude(mid, freq) / amplitude).toBeLessThan(1 + tolerance);
}

describe('parseWav / wavToTelephony', () => {
  it('reads 16-bit PCM mono at every common rate and converts to 8 kHz', () => {
    for (const rate of [8000, 11025, 16000, 22050, 44100, 48000]) {
      const pcm = sine(1000, 10000, rate, rate);
      expectTone(buildWav({ tag: 1, channels: 1, rate, bits: 16 }, encode(pcm, 16, (x, b, o) => b.writeInt16LE(x, o))), 1000, 10000);
    }
  });

  it('mixes stereo down to mono (the average of the channels)', () => {
    const l = sine(1000, 10000, 44100, 44100);
    const r = sine(2000, 10000, 44100, 44100);
    const file = buildWav({ tag: 1, channels: 2, rate: 44100, bits: 16 }, encode(interleave(l, r), 16, (x, b, o) => b.writeInt16LE(x, o)));
    expectTone(file, 1000, 5000);
    expectTone(file, 2000, 5000);
    const parsed = parseWav(file);
    expect(parsed.ok && parsed.wav.channelData.length).toBe(2);
  });

  it('reads 8-bit unsigned PCM, 24-bit PCM, 32-bit float and the extensible header', () => {
    const at = (rate: number) => sine(1000, 10000, rate, rate);
    expectTone(buildWav({ tag: 1, channels: 1, rate: 11025, bits: 8 }, encode(at(11025), 8, (x, b, o) => b.writeUInt8((x >> 8) + 128, o))), 1000, 10000);
    expectTone(buildWav({ tag: 1, channels: 1, rate: 22050, bits: 24 }, encode(at(22050), 24, (x, b, o) => b.writeIntLE(x * 256, o, 3))), 1000, 10000);
    expectTone(buildWav({ tag: 3, channels: 1, rate: 48000, bits: 32 }, encode(at(48000), 32, (x, b, o) => b.writeFloatLE(x / 32768, o))), 1000, 10000);
    expectTone(buildWav({ tag: 1, channels: 1, rate: 16000, bits: 16, extensible: true }, encode(at(16000), 16, (x, b, o) => b.writeInt16LE(x, o))), 1000, 10000);
  });

  it('reads G.711 µ-law and A-law files', () => {
    const pcm = sine(1000, 10000, 8000);
    expectTone(buildWav({ tag: 7, channels: 1, rate: 8000, bits: 8 }, encode(pcm, 8, (x, b, o) => b.writeUInt8(ulawEncodeSample(x), o))), 1000, 10000);
    expectTone(buildWav({ tag: 6, channels: 1, rate: 8000, bits: 8 }, encode(pcm, 8, (x, b, o) => b.writeUInt8(alawEncodeSample(x), o))), 1000, 10000);
  });

  it('skips unknown chunks (odd-sized, padded) and reads a data chunk whose size was never written', () => {
    const data = encode(sine(1000, 10000, 8000), 16, (x, b, o) => b.writeInt16LE(x, o));
    expectTone(buildWav({ tag: 1, channels: 1, rate: 8000, bits: 16 }, data, { leadingChunk: Buffer.from('INFOabc') }), 1000, 10000);
    expectTone(buildWav({ tag: 1, channels: 1, rate: 8000, bits: 16 }, data, { dataSize: 0 }), 1000, 10000);
    expectTone(buildWav({ tag: 1, channels: 1, rate: 8000, bits: 16 }, data, { dataSize: 0xffffffff }), 1000, 10000);
  });

  it('returns an error value for files it cannot read', () => {
    const data = Buffer.alloc(100);
    expect(parseWav(Buffer.from('hello world, not a wave file'))).toEqual({ ok: false, error: 'not a RIFF/WAVE file' });
    expect(parseWav(Buffer.from('RIFF\x04\x00\x00\x00WAVE', 'latin1'))).toEqual({ ok: false, error: 'no fmt chunk' });
    expect(parseWav(buildWav({ tag: 2, channels: 1, rate: 8000, bits: 4 }, data))).toMatchObject({ ok: false, error: 'unsupported WAV format tag 0x2' });
    expect(parseWav(buildWav({ tag: 1, channels: 1, rate: 8000, bits: 12 }, data))).toMatchObject({ ok: false });
    expect(parseWav(buildWav({ tag: 1, channels: 0, rate: 8000, bits: 16 }, data))).toMatchObject({ ok: false });
    expect(parseWav(buildWav({ tag: 1, channels: 1, rate: 8000, bits: 16 }, data).subarray(0, 30))).toMatchObject({ ok: false });
  });
});

describe('serializeWav', () => {
  it('writes the canonical 44-byte header for 8 kHz 16-bit stereo', () => {
    expect(wavHeader(8000, 2, 64000).toString('hex')).toBe(
      '52494646' + '24fa0000' + '57415645' + '666d7420' + '10000000' + '0100' + '0200' + '401f0000' + '007d0000' + '0400' + '1000' + '64617461' + '00fa0000',
    );
  });

  it('round-trips stereo samples through parseWav', () => {
    const samples = Int16Array.from([0, 1, -1, 32767, -32768, 1234]);
    const r = parseWav(serializeWav(samples, 8000, 2));
    expect(r.ok && r.wav).toMatchObject({ encoding: 'pcm', sampleRate: 8000, channels: 2, bitsPerSample: 16 });
    expect(r.ok && r.wav.channelData.map((c) => Array.from(c))).toEqual([
      [0, -1, -32768],
      [1, 32767, 1234],
    ]);
  });
});

describe('readWavFile', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'wav-test-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a prompt from disk, and reports a missing file as an error value', async () => {
    const file = path.join(dir, 'prompt.wav');
    writeFileSync(file, serializeWav(sine(1000, 8000, 16000, 16000), 16000));
    const r = await readWavFile(file);
    expect(r.ok && r.samples.length).toBe(8000);
    expect(r.ok && r.source).toEqual({ encoding: 'pcm', sampleRate: 16000, channels: 1, bitsPerSample: 16 });
    expect(await readWavFile(path.join(dir, 'missing.wav'))).toMatchObject({ ok: false });
  });
});
