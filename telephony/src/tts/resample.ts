// Sample-rate conversion for synthesized speech (eSpeak NG speaks at 22.05 kHz; the phone wants
// 8 kHz). A Kaiser-windowed sinc low-pass runs at the lower of the two Nyquist rates, so speech
// energy above 4 kHz is removed before it can fold back into the band as aliasing hiss.
//
// Private to tts/: media/wav.ts has its own converter for files; the two can merge later.

const ZERO_CROSSINGS = 32; // per side: 192 taps at 22.05 kHz → ~600 Hz transition band
const CUTOFF = 0.45; // of the lower sample rate: 3.6 kHz at 8 kHz, passband flat to ~3.3 kHz
const KAISER_BETA = 8; // ≈ 80 dB stopband
const MAX_TABLE_PHASES = 2048;

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/** Zeroth-order modified Bessel function of the first kind (power series; converges fast here). */
function besselI0(x: number): number {
  let sum = 1;
  let term = 1;
  for (let k = 1; k < 50; k++) {
    term *= (x / (2 * k)) ** 2;
    sum += term;
    if (term < sum * 1e-12) break;
  }
  return sum;
}

interface Kernel {
  readonly half: number; // taps each side, in input samples
  readonly taps: number;
  /** Filter taps for output phase p = 0..up-1 at [p * taps .. (p+1) * taps). */
  readonly table: Float64Array;
}

const kernels = new Map<string, Kernel>();

function kernelFor(up: number, down: number, fcPerInput: number): Kernel {
  const key = `${up}/${down}`;
  const cached = kernels.get(key);
  if (cached) return cached;
  const halfExact = ZERO_CROSSINGS / (2 * fcPerInput);
  const half = Math.ceil(halfExact);
  const taps = 2 * half;
  const table = new Float64Array(up * taps);
  const i0Beta = besselI0(KAISER_BETA);
  for (let p = 0; p < up; p++) {
    const phase = p / up;
    let sum = 0;
    for (let j = 0; j < taps; j++) {
      const tau = j - half + 1 - phase; // distance from the output instant, in input samples
      const x = tau / halfExact;
      if (Math.abs(x) >= 1) continue;
      const arg = 2 * fcPerInput * tau;
      const sinc = arg === 0 ? 1 : Math.sin(Math.PI * arg) / (Math.PI * arg);
      const w = besselI0(KAISER_BETA * Math.sqrt(1 - x * x)) / i0Beta;
      const v = 2 * fcPerInput * sinc * w;
      table[p * taps + j] = v;
      sum += v;
    }
    // Unity gain at DC for every phase, so no phase-dependent ripple is modulated onto the signal.
    for (let j = 0; j < taps; j++) table[p * taps + j] = table[p * taps + j]! / sum;
  }
  const kernel: Kernel = { half, taps, table };
  kernels.set(key, kernel);
  return kernel;
}

/** Converts mono 16-bit PCM between integer sample rates (e.g. 22050 → 8000). */
export function resample(input: Int16Array, fromRate: number, toRate: number): Int16Array {
  if (!Number.isInteger(fromRate) || !Number.isInteger(toRate) || fromRate <= 0 || toRate <= 0) {
    throw new RangeError(`resample: rates must be positive integers (got ${fromRate} → ${toRate})`);
  }
  if (fromRate === toRate) return input.slice();
  const g = gcd(fromRate, toRate);
  const up = toRate / g;
  const down = fromRate / g;
  if (up > MAX_TABLE_PHASES) throw new RangeError(`resample: ${fromRate} → ${toRate} needs too many filter phases`);
  const fcPerInput = (CUTOFF * Math.min(fromRate, toRate)) / fromRate;
  const { half, taps, table } = kernelFor(up, down, fcPerInput);
  const outLength = Math.floor((input.length * up) / down);
  const out = new Int16Array(outLength);
  // Zero-padded float copy: the inner loop then has no edge cases and no int→float conversions.
  const x = new Float64Array(input.length + 2 * taps);
  for (let i = 0; i < input.length; i++) x[i + taps] = input[i]!;
  for (let n = 0; n < outLength; n++) {
    const pos = n * down;
    const base = Math.floor(pos / up);
    const row = (pos - base * up) * taps;
    const start = base - half + 1 + taps;
    let acc = 0;
    for (let j = 0; j < taps; j++) acc += x[start + j]! * table[row + j]!;
    out[n] = acc > 32767 ? 32767 : acc < -32768 ? -32768 : Math.round(acc);
  }
  return out;
}
