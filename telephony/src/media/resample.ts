// Sample-rate conversion for prompts and TTS audio: any rate to 8 kHz (or any other target).
//
// Choice: a windowed-sinc low-pass evaluated at the output instants (band-limited interpolation),
// not linear interpolation. Linear interpolation from 44.1/48 kHz folds everything above 4 kHz
// back into the telephone band as audible aliasing (sibilants of TTS voices turn into hiss);
// the sinc kernel cuts at 0.925 × the lower Nyquist frequency (3.7 kHz for 8 kHz output) with a
// Blackman window over ±32 zero crossings: flat to 3.4 kHz (< 1 dB), about −70 dB from 4 kHz up. The kernel depends only on
// the fractional position, which repeats with period q for a rate ratio p/q in lowest terms, so
// the q kernels are computed once per call (q = 1 for 16/24/48 kHz, 80 for 44.1 kHz). Prompts are
// converted once when loaded, never in the 20 ms loop.

const ZERO_CROSSINGS = 32;
const CUTOFF = 0.925;
const MAX_TABLE_PHASES = 1024;

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

function sinc(x: number): number {
  if (x === 0) return 1;
  const px = Math.PI * x;
  return Math.sin(px) / px;
}

function clamp16(x: number): number {
  const r = Math.round(x);
  return r > 32767 ? 32767 : r < -32768 ? -32768 : r;
}

/** Resamples mono audio; `input` values are in 16-bit sample units (floats allowed). */
export function resample(input: ArrayLike<number>, fromRate: number, toRate = 8000): Int16Array {
  if (!(fromRate > 0 && toRate > 0 && Number.isInteger(fromRate) && Number.isInteger(toRate))) {
    throw new RangeError(`bad sample rates ${fromRate} → ${toRate}`);
  }
  if (fromRate === toRate) return Int16Array.from(input, clamp16);
  const outLength = Math.floor((input.length * toRate) / fromRate);
  const out = new Int16Array(outLength);
  const g = (CUTOFF * Math.min(fromRate, toRate)) / fromRate; // cut-off as a fraction of the input rate × 2
  const half = ZERO_CROSSINGS / g; // half-width of the kernel, in input samples
  const taps = 2 * Math.ceil(half) + 1;
  const d = gcd(fromRate, toRate);
  const p = fromRate / d; // input samples per q outputs
  const q = toRate / d;

  // kernel(phase)[j] weighs input sample floor(t) - ceil(half) + j for an output at t = floor(t) + phase/q.
  const kernelFor = (frac: number): Float64Array => {
    const k = new Float64Array(taps);
    let sum = 0;
    for (let j = 0; j < taps; j++) {
      const dist = frac - (j - Math.ceil(half)); // t − input index
      if (Math.abs(dist) >= half) continue;
      const w = 0.42 + 0.5 * Math.cos((Math.PI * dist) / half) + 0.08 * Math.cos((2 * Math.PI * dist) / half);
      k[j] = g * sinc(g * dist) * w;
      sum += k[j]!;
    }
    for (let j = 0; j < taps; j++) k[j]! /= sum; // unity gain at DC
    return k;
  };
  const table = q <= MAX_TABLE_PHASES ? Array.from({ length: q }, (_, ph) => kernelFor(ph / q)) : null;

  const n = input.length;
  for (let o = 0; o < outLength; o++) {
    const whole = Math.floor((o * p) / q);
    const phase = (o * p) % q;
    const k = table ? table[phase]! : kernelFor(phase / q);
    const first = whole - Math.ceil(half);
    let acc = 0;
    const jStart = Math.max(0, -first);
    const jEnd = Math.min(taps, n - first);
    for (let j = jStart; j < jEnd; j++) acc += input[first + j]! * k[j]!;
    out[o] = clamp16(acc);
  }
  return out;
}
