// Goertzel's algorithm: the power of one frequency in a block of samples, for a fraction of the
// cost of an FFT when only a few frequencies matter (tone and DTMF detection, and the tests'
// check of what a leg hears). The frequency need not sit on an FFT bin.

/**
 * The squared amplitude of `freq` in `samples[start, start + length)`: a sine of amplitude A
 * centred in the block gives about A². Leakage of other frequencies falls as the block grows.
 */
export function goertzelPower(samples: ArrayLike<number>, freq: number, sampleRate = 8000, start = 0, length = samples.length - start): number {
  const w = (2 * Math.PI * freq) / sampleRate;
  const coeff = 2 * Math.cos(w);
  let s1 = 0;
  let s2 = 0;
  const end = start + length;
  for (let i = start; i < end; i++) {
    const s0 = samples[i]! + coeff * s1 - s2;
    s2 = s1;
    s1 = s0;
  }
  const power = s1 * s1 + s2 * s2 - coeff * s1 * s2;
  return (4 * power) / (length * length);
}

/** The amplitude of `freq` in the block (same units as the samples). */
export function toneAmplitude(samples: ArrayLike<number>, freq: number, sampleRate = 8000, start = 0, length = samples.length - start): number {
  return Math.sqrt(Math.max(0, goertzelPower(samples, freq, sampleRate, start, length)));
}

export function meanSquare(samples: ArrayLike<number>, start = 0, length = samples.length - start): number {
  let sum = 0;
  for (let i = start; i < start + length; i++) sum += samples[i]! * samples[i]!;
  return length > 0 ? sum / length : 0;
}

/** The share of the block's energy at `freq`: about 1 for a pure tone, about 0 when it is absent. */
export function toneRatio(samples: ArrayLike<number>, freq: number, sampleRate = 8000, start = 0, length = samples.length - start): number {
  const ms = meanSquare(samples, start, length);
  return ms > 0 ? goertzelPower(samples, freq, sampleRate, start, length) / 2 / ms : 0;
}

export interface ToneCheck {
  /** Minimum amplitude of the tone, in sample units (default 500, about −36 dBm0). */
  minAmplitude?: number;
  /** Minimum share of the block's energy (default 0.5). */
  minRatio?: number;
}

/** Whether `freq` is clearly present in the block. */
export function hasTone(samples: ArrayLike<number>, freq: number, check: ToneCheck = {}, sampleRate = 8000): boolean {
  return toneAmplitude(samples, freq, sampleRate) >= (check.minAmplitude ?? 500) && toneRatio(samples, freq, sampleRate) >= (check.minRatio ?? 0.5);
}
