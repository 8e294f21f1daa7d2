import { describe, expect, it } from 'vitest';
import { goertzelPower, hasTone, toneAmplitude, toneRatio } from './goertzel.ts';
import { add, noise, sine } from './testSignals.ts';

describe('Goertzel', () => {
  it('measures the amplitude of a pure tone', () => {
    const s = sine(1000, 8000, 800);
    expect(toneAmplitude(s, 1000)).toBeCloseTo(8000, -2);
    expect(toneRatio(s, 1000)).toBeGreaterThan(0.98);
    expect(toneAmplitude(s, 2000)).toBeLessThan(50);
  });

  it('separates two tones mixed together', () => {
    const s = sine([1000, 2000], 5000, 800);
    expect(toneAmplitude(s, 1000)).toBeCloseTo(5000, -2);
    expect(toneAmplitude(s, 2000)).toBeCloseTo(5000, -2);
    expect(toneAmplitude(s, 1500)).toBeLessThan(100);
  });

  it('finds a tone in noise and finds nothing in noise alone', () => {
    const tone = add(sine(1000, 4000, 1600), noise(4000, 1600, 7));
    expect(hasTone(tone, 1000, { minRatio: 0.3 })).toBe(true);
    const hiss = noise(4000, 1600, 8);
    expect(hasTone(hiss, 1000, { minRatio: 0.3 })).toBe(false);
    expect(toneRatio(hiss, 1000)).toBeLessThan(0.05);
  });

  it('is zero on silence and works on a sub-range of the samples', () => {
    expect(goertzelPower(new Int16Array(160), 1000)).toBe(0);
    const s = new Int16Array(1600);
    s.set(sine(2000, 6000, 800), 800);
    expect(toneAmplitude(s, 2000, 8000, 0, 800)).toBeLessThan(1);
    expect(toneAmplitude(s, 2000, 8000, 800, 800)).toBeCloseTo(6000, -2);
  });
});
