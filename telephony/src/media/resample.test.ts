import { describe, expect, it } from 'vitest';
import { toneAmplitude } from './goertzel.ts';
import { resample } from './resample.ts';
import { sine } from './testSignals.ts';

/** The middle of a signal, away from the kernel's edge effects. */
const middle = (s: Int16Array): Int16Array => s.subarray(s.length >> 2, (3 * s.length) >> 2);

describe('resample', () => {
  it.each([11025, 16000, 22050, 24000, 44100, 48000])('keeps a 1 kHz tone at %i Hz → 8 kHz, with the right length', (rate) => {
    const out = resample(sine(1000, 10000, rate, rate), rate, 8000);
    expect(out.length).toBe(8000);
    expect(toneAmplitude(middle(out), 1000)).toBeGreaterThan(9800);
    expect(toneAmplitude(middle(out), 1000)).toBeLessThan(10200);
  });

  it('removes content above 4 kHz instead of folding it into the telephone band (alias rejection > 40 dB)', () => {
    // 5 kHz at 48 kHz would alias to 3 kHz at 8 kHz; 6.5 kHz at 44.1 kHz to 1.5 kHz.
    expect(toneAmplitude(middle(resample(sine(5000, 10000, 48000, 48000), 48000)), 3000)).toBeLessThan(100);
    expect(toneAmplitude(middle(resample(sine(6500, 10000, 44100, 44100), 44100)), 1500)).toBeLessThan(100);
  });

  it('passes the telephone band flat (0.2 dB to 3.2 kHz, 1 dB at 3.4 kHz) and stops from 4.1 kHz (−60 dB)', () => {
    const gainDb = (f: number, rate: number): number => 20 * Math.log10(toneAmplitude(middle(resample(sine(f, 10000, rate, rate), rate)), f) / 10000);
    for (const rate of [44100, 48000, 16000]) {
      for (const f of [300, 1000, 2000, 3000, 3200]) expect(Math.abs(gainDb(f, rate))).toBeLessThan(0.2);
      expect(Math.abs(gainDb(3400, rate))).toBeLessThan(1);
      // 4.1 kHz folds to 3.9 kHz
      expect(20 * Math.log10(toneAmplitude(middle(resample(sine(4100, 10000, rate, rate), rate)), 3900) / 10000)).toBeLessThan(-60);
    }
  });

  it('copies 8 kHz input unchanged and upsamples a lower rate', () => {
    const s = sine(440, 5000, 800);
    expect(resample(s, 8000)).toEqual(s);
    const up = resample(sine(440, 5000, 6000, 6000), 6000, 8000);
    expect(up.length).toBe(8000);
    expect(toneAmplitude(middle(up), 440)).toBeGreaterThan(4900);
  });

  it('clips instead of wrapping and rejects bad rates', () => {
    expect(Math.max(...resample(new Float32Array(4800).fill(40000), 48000))).toBe(32767);
    expect(() => resample(new Int16Array(10), 0)).toThrow(RangeError);
    expect(() => resample(new Int16Array(10), 44100.5)).toThrow(RangeError);
  });
});
