import { describe, expect, it } from 'vitest';
import { DtmfToneDetector } from './dtmfDetector.ts';
import { add, concat, noise, sine } from './testSignals.ts';

const FREQS: Record<string, [number, number]> = {};
'123A456B789C*0#D'.split('').forEach((d, i) => (FREQS[d] = [[697, 770, 852, 941][i >> 2]!, [1209, 1336, 1477, 1633][i & 3]!]));

function dial(digits: string, toneMs = 80, gapMs = 60, amplitude = 6000): Int16Array {
  return concat(...[...digits].flatMap((d) => [sine(FREQS[d]!, amplitude, toneMs * 8), new Int16Array(gapMs * 8)]));
}

function detect(audio: Int16Array, frame = 160): string {
  const det = new DtmfToneDetector();
  let out = '';
  for (let i = 0; i < audio.length; i += frame) out += det.push(audio.subarray(i, i + frame)).join('');
  return out;
}

describe('DtmfToneDetector', () => {
  it('detects all sixteen keys, each once', () => {
    expect(detect(dial('0123456789*#ABCD'))).toBe('0123456789*#ABCD');
  });

  it('detects digits under noise and with 6 dB of twist', () => {
    const d = dial('5', 100, 60);
    const twisted = concat(add(sine(770, 6000, 800), sine(1336, 3000, 800)), new Int16Array(480));
    expect(detect(add(d, noise(1500, d.length, 3)))).toBe('5');
    expect(detect(twisted)).toBe('5');
  });

  it('reports a repeated key twice only when there is a pause between', () => {
    expect(detect(dial('55'))).toBe('55');
    expect(detect(sine(FREQS['5']!, 6000, 4000))).toBe('5'); // held for half a second
  });

  it('ignores a tone burst too short to be a digit, a single tone, and noise', () => {
    expect(detect(sine(FREQS['1']!, 6000, 240))).toBe(''); // 30 ms
    expect(detect(sine(1000, 8000, 8000))).toBe('');
    expect(detect(sine(697, 8000, 8000))).toBe('');
    expect(detect(noise(8000, 16000, 5))).toBe('');
  });

  it('does not depend on how the audio is cut into frames', () => {
    const audio = dial('*0#');
    expect(detect(audio, 37)).toBe('*0#');
    expect(detect(audio, 1000)).toBe('*0#');
  });
});
