// G.711 (ITU-T Recommendation G.711, 1988) µ-law and A-law companding, table-driven.
//
// The reference algorithms below are the classic ones of the Sun/CCITT public-domain g711.c; they
// run once at module load to fill lookup tables, so the per-sample cost is one array read:
//   decode: 256-entry Int16Array per law;
//   encode: µ-law works on 14-bit magnitudes (sample >> 2), A-law on 13-bit (sample >> 3), so the
//           encode tables have 16384 and 8192 entries indexed by the shifted sample plus an offset.
//
// µ-law byte: bits are inverted on the wire; 0xFF is +0 (silence), 0x7F is −0, 0x80 / 0x00 are
// ±32124. A-law byte: even bits inverted (XOR 0x55); 0xD5 / 0x55 are ±8 (A-law has no zero code),
// 0xAA / 0x2A are ±32256. Quantisation error is at most half a step: 4 in the first µ-law segment
// growing to 512 in the last; 8 to 512 for A-law (values are 16-bit linear PCM).

const SEG_UEND = [0x3f, 0x7f, 0xff, 0x1ff, 0x3ff, 0x7ff, 0xfff, 0x1fff];
const SEG_AEND = [0x1f, 0x3f, 0x7f, 0xff, 0x1ff, 0x3ff, 0x7ff, 0xfff];

function segment(value: number, ends: readonly number[]): number {
  for (let i = 0; i < ends.length; i++) if (value <= ends[i]!) return i;
  return ends.length;
}

/** Reference µ-law encoder for one 16-bit sample. */
function ulawOf(pcm: number): number {
  let v = pcm >> 2;
  let mask = 0xff;
  if (v < 0) {
    v = -v;
    mask = 0x7f;
  }
  if (v > 8159) v = 8159;
  v += 0x84 >> 2;
  const seg = segment(v, SEG_UEND);
  if (seg >= 8) return 0x7f ^ mask;
  return ((seg << 4) | ((v >> (seg + 1)) & 0xf)) ^ mask;
}

function ulawToLinear(code: number): number {
  const u = ~code & 0xff;
  let t = ((u & 0x0f) << 3) + 0x84;
  t <<= (u & 0x70) >> 4;
  return u & 0x80 ? 0x84 - t : t - 0x84;
}

/** Reference A-law encoder for one 16-bit sample. */
function alawOf(pcm: number): number {
  let v = pcm >> 3;
  let mask: number;
  if (v >= 0) mask = 0xd5;
  else {
    mask = 0x55;
    v = -v - 1;
  }
  const seg = segment(v, SEG_AEND);
  if (seg >= 8) return 0x7f ^ mask;
  const quant = seg < 2 ? (v >> 1) & 0x0f : (v >> seg) & 0x0f;
  return ((seg << 4) | quant) ^ mask;
}

function alawToLinear(code: number): number {
  const a = code ^ 0x55;
  let t = (a & 0x0f) << 4;
  const seg = (a & 0x70) >> 4;
  if (seg === 0) t += 8;
  else if (seg === 1) t += 0x108;
  else t = (t + 0x108) << (seg - 1);
  return a & 0x80 ? t : -t;
}

const ULAW_DECODE = new Int16Array(256);
const ALAW_DECODE = new Int16Array(256);
for (let c = 0; c < 256; c++) {
  ULAW_DECODE[c] = ulawToLinear(c);
  ALAW_DECODE[c] = alawToLinear(c);
}
const ULAW_ENCODE = new Uint8Array(1 << 14);
for (let i = 0; i < ULAW_ENCODE.length; i++) ULAW_ENCODE[i] = ulawOf((i - 8192) << 2);
const ALAW_ENCODE = new Uint8Array(1 << 13);
for (let i = 0; i < ALAW_ENCODE.length; i++) ALAW_ENCODE[i] = alawOf((i - 4096) << 3);

/** µ-law code of silence (+0). */
export const ULAW_SILENCE = 0xff;
/** A-law code of the smallest positive value, used as silence. */
export const ALAW_SILENCE = 0xd5;

export function ulawEncodeSample(sample: number): number {
  return ULAW_ENCODE[(sample >> 2) + 8192]!;
}
export function ulawDecodeSample(code: number): number {
  return ULAW_DECODE[code & 0xff]!;
}
export function alawEncodeSample(sample: number): number {
  return ALAW_ENCODE[(sample >> 3) + 4096]!;
}
export function alawDecodeSample(code: number): number {
  return ALAW_DECODE[code & 0xff]!;
}

/** Encodes `pcm` into `out` (same length or longer); returns the number of bytes written. */
export function ulawEncode(pcm: Int16Array, out: Uint8Array): number {
  const n = pcm.length;
  for (let i = 0; i < n; i++) out[i] = ULAW_ENCODE[(pcm[i]! >> 2) + 8192]!;
  return n;
}
export function alawEncode(pcm: Int16Array, out: Uint8Array): number {
  const n = pcm.length;
  for (let i = 0; i < n; i++) out[i] = ALAW_ENCODE[(pcm[i]! >> 3) + 4096]!;
  return n;
}
/** Decodes `bytes` into `out` (same length or longer); returns the number of samples written. */
export function ulawDecode(bytes: Uint8Array, out: Int16Array): number {
  const n = bytes.length;
  for (let i = 0; i < n; i++) out[i] = ULAW_DECODE[bytes[i]!]!;
  return n;
}
export function alawDecode(bytes: Uint8Array, out: Int16Array): number {
  const n = bytes.length;
  for (let i = 0; i < n; i++) out[i] = ALAW_DECODE[bytes[i]!]!;
  return n;
}

export type G711Law = 'PCMU' | 'PCMA';

export function encodeG711(law: G711Law, pcm: Int16Array, out: Uint8Array): number {
  return law === 'PCMU' ? ulawEncode(pcm, out) : alawEncode(pcm, out);
}
export function decodeG711(law: G711Law, bytes: Uint8Array, out: Int16Array): number {
  return law === 'PCMU' ? ulawDecode(bytes, out) : alawDecode(bytes, out);
}
