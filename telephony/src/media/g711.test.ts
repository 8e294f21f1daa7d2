import { describe, expect, it } from 'vitest';
import {
  ALAW_SILENCE,
  ULAW_SILENCE,
  alawDecode,
  alawDecodeSample,
  alawEncode,
  alawEncodeSample,
  decodeG711,
  encodeG711,
  ulawDecode,
  ulawDecodeSample,
  ulawEncode,
  ulawEncodeSample,
} from './g711.ts';

describe('G.711 µ-law', () => {
  it('encodes silence as 0xFF and decodes the known code points of the law', () => {
    expect(ULAW_SILENCE).toBe(0xff);
    expect(ulawEncodeSample(0)).toBe(0xff);
    expect(ulawDecodeSample(0xff)).toBe(0);
    expect(ulawDecodeSample(0x7f)).toBe(0); // negative zero
    expect(ulawDecodeSample(0x80)).toBe(32124);
    expect(ulawDecodeSample(0x00)).toBe(-32124);
    expect(ulawDecodeSample(0xfe)).toBe(8);
    expect(ulawDecodeSample(0x7e)).toBe(-8);
    expect(ulawEncodeSample(32767)).toBe(0x80);
    expect(ulawEncodeSample(-32768)).toBe(0x00);
  });

  it('maps every code except −0 back to itself (decode then encode)', () => {
    for (let c = 0; c < 256; c++) {
      if (c === 0x7f) continue;
      expect(ulawEncodeSample(ulawDecodeSample(c))).toBe(c);
    }
  });

  it('round-trips every 16-bit sample within half a quantisation step (|x|/32 + 8) and is monotonic', () => {
    const violations: number[] = [];
    let prev = -Infinity;
    for (let x = -32768; x <= 32767; x++) {
      const y = ulawDecodeSample(ulawEncodeSample(x));
      const ok = Math.abs(x) <= 32124 ? Math.abs(y - x) <= Math.abs(x) / 32 + 8 : Math.abs(y) === 32124; // beyond: clipped
      if (!ok || y < prev) violations.push(x);
      prev = y;
    }
    expect(violations).toEqual([]);
  });
});

describe('G.711 A-law', () => {
  it('encodes silence as 0xD5 and decodes the known code points of the law', () => {
    expect(ALAW_SILENCE).toBe(0xd5);
    expect(alawEncodeSample(0)).toBe(0xd5);
    expect(alawDecodeSample(0xd5)).toBe(8);
    expect(alawDecodeSample(0x55)).toBe(-8);
    expect(alawDecodeSample(0xaa)).toBe(32256);
    expect(alawDecodeSample(0x2a)).toBe(-32256);
    expect(alawEncodeSample(-1)).toBe(0x55);
    expect(alawEncodeSample(32767)).toBe(0xaa);
    expect(alawEncodeSample(-32768)).toBe(0x2a);
  });

  it('maps every code back to itself (A-law has no −0)', () => {
    for (let c = 0; c < 256; c++) expect(alawEncodeSample(alawDecodeSample(c))).toBe(c);
  });

  it('round-trips every 16-bit sample within half a quantisation step and is monotonic', () => {
    const violations: number[] = [];
    let prev = -Infinity;
    for (let x = -32768; x <= 32767; x++) {
      const y = alawDecodeSample(alawEncodeSample(x));
      if (Math.abs(y - x) > Math.abs(x) / 32 + 8 || y < prev) violations.push(x);
      prev = y;
    }
    expect(violations).toEqual([]);
  });
});

describe('G.711 block codecs', () => {
  it('encode/decode whole frames the same way as the per-sample functions', () => {
    const pcm = Int16Array.from({ length: 160 }, (_, i) => Math.round(12000 * Math.sin((2 * Math.PI * 1000 * i) / 8000)));
    const u = new Uint8Array(160);
    const a = new Uint8Array(160);
    expect(ulawEncode(pcm, u)).toBe(160);
    expect(alawEncode(pcm, a)).toBe(160);
    const du = new Int16Array(160);
    const da = new Int16Array(160);
    ulawDecode(u, du);
    alawDecode(a, da);
    for (let i = 0; i < 160; i++) {
      expect(u[i]).toBe(ulawEncodeSample(pcm[i]!));
      expect(a[i]).toBe(alawEncodeSample(pcm[i]!));
      expect(du[i]).toBe(ulawDecodeSample(u[i]!));
      expect(da[i]).toBe(alawDecodeSample(a[i]!));
    }
    const viaLaw = new Uint8Array(160);
    encodeG711('PCMA', pcm, viaLaw);
    expect(viaLaw).toEqual(a);
    const back = new Int16Array(160);
    decodeG711('PCMU', u, back);
    expect(back).toEqual(du);
  });

  it('encodes a frame of zeros to the silence byte of each law', () => {
    const zeros = new Int16Array(160);
    const u = new Uint8Array(160);
    const a = new Uint8Array(160);
    ulawEncode(zeros, u);
    alawEncode(zeros, a);
    expect(u.every((b) => b === 0xff)).toBe(true);
    expect(a.every((b) => b === 0xd5)).toBe(true);
  });
});
