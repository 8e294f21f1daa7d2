import { describe, expect, it } from 'vitest';
import { resample } from './resample.ts';

function sine(freq: number, rate: number, seconds: number, amp = 10_000): Int16Array {
  const n = Math.round(rate * seconds);
  const out = new Int16Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.round(amp * Math.sin((2 * Math.PI * freq * i) / rate));
  return out;
}

/** RMS of the middle half, away from the filter's start-up and tail. */
function midRms(x: Int16Array): number {
  const from = Math.floor(x.length / 4);
  const to = Math.floor((3 * x.length) / 4);
  let sum = 0;
  for (let i = from; i < to; i++) sum += x[i]! ** 2;
  return Math.sqrt(sum / (to - from));
}

const db = (ratio: number): number => 20 * Math.log10(ratio);

describe('resample 22050 → 8000', () => {
  it('produces the expected number of samples', () => {
    expect(resample(new Int16Array(22050), 22050, 8000).length).toBe(8000);
    expect(resample(new Int16Array(441), 22050, 8000).length).toBe(160);
  });

  it('passes speech-band tones at unity gain (within 0.5 dB)', () => {
    for (const f of [300, 1000, 3000]) {
      const input = sine(f, 22050, 1);
      const gain = midRms(resample(input, 22050, 8000)) / midRms(input);
      expect(Math.abs(db(gain)), `${f} Hz`).toBeLessThan(0.5);
    }
  });

  it('removes tones above the 4 kHz Nyquist limit instead of aliasing them (< -60 dB)', () => {
    for (const f of [4500, 6000, 9000]) {
      const input = sine(f, 22050, 1);
      const gain = midRms(resample(input, 22050, 8000)) / midRms(input);
      expect(db(gain), `${f} Hz`).toBeLessThan(-60);
    }
  });

  it('also converts 16 kHz and 44.1 kHz, and returns a copy for equal rates', () => {
    const tone = sine(1000, 16000, 0.5);
    expect(Math.abs(db(midRms(resample(tone, 16000, 8000)) / midRms(tone)))).toBeLessThan(0.5);
    expect(resample(sine(1000, 44100, 0.5), 44100, 8000).length).toBe(4000);
    const same = resample(tone, 16000, 16000);
    expect(same).toEqual(tone);
    expect(same).not.toBe(tone);
  });

  it('rejects non-integer rates', () => {
    expect(() => resample(new Int16Array(10), 22050.5, 8000)).toThrow(RangeError);
  });
});
