import { describe, expect, it } from 'vitest';
import { FRAME_SAMPLES } from './audio.ts';
import { toneAmplitude } from './goertzel.ts';
import { QueueSource, SampleQueue } from './sampleQueue.ts';
import { BufferPlayer, CN_TONES, LoopPlayer, ToneGenerator, render, silence } from './sources.ts';
import { sine } from './testSignals.ts';

const frame = () => new Int16Array(FRAME_SAMPLES);
const ramp = (n: number) => Int16Array.from({ length: n }, (_, i) => i + 1);

describe('BufferPlayer', () => {
  it('plays its samples frame by frame, pads the last frame and then ends once', () => {
    const p = new BufferPlayer(ramp(400));
    const ended: string[] = [];
    p.on('ended', (r) => ended.push(r));
    const out = render(p, 10);
    expect(out.length).toBe(480); // three frames: 160 + 160 + 80 padded with zeros
    expect(Array.from(out.subarray(0, 400))).toEqual(Array.from(ramp(400)));
    expect(out.subarray(400).every((x) => x === 0)).toBe(true);
    expect(ended).toEqual(['finished']);
    expect(p.read(frame())).toBe(false);
    expect(ended).toEqual(['finished']);
  });

  it('stops on demand (barge-in) and says so', () => {
    const p = new BufferPlayer(ramp(8000));
    const ended: string[] = [];
    p.on('ended', (r) => ended.push(r));
    p.read(frame());
    p.stop();
    p.stop();
    expect(p.read(frame())).toBe(false);
    expect(ended).toEqual(['stopped']);
    expect(p.positionMs).toBe(20);
  });

  it('plays TTS audio at another rate after resampling to 8 kHz', () => {
    const p = BufferPlayer.fromPcm(sine(800, 8000, 24000, 24000), 24000);
    expect(p.samples.length).toBe(8000);
    expect(toneAmplitude(render(p, 50).subarray(2000, 6000), 800)).toBeGreaterThan(7800);
  });
});

describe('LoopPlayer', () => {
  it('loops forever with the pause between rounds until stopped', () => {
    const p = new LoopPlayer(ramp(100), 10); // 100 samples + 80 of pause
    const out = render(p, 3);
    expect(out.length).toBe(480);
    expect(out[0]).toBe(1);
    expect(out[99]).toBe(100);
    expect(out.subarray(100, 180).every((x) => x === 0)).toBe(true);
    expect(out[180]).toBe(1);
    const ended: string[] = [];
    p.on('ended', (r) => ended.push(r));
    p.stop();
    expect(p.read(frame())).toBe(false);
    expect(ended).toEqual(['stopped']);
  });
});

describe('ToneGenerator', () => {
  it('generates a dual tone at the asked amplitude', () => {
    const out = render(new ToneGenerator({ frequencies: [697, 1209], amplitude: 4000 }), 20);
    expect(toneAmplitude(out, 697)).toBeCloseTo(4000, -2);
    expect(toneAmplitude(out, 1209)).toBeCloseTo(4000, -2);
  });

  it('follows a cadence (ringback: 1 s on, 4 s off) and is phase-continuous across frames', () => {
    const out = render(new ToneGenerator(CN_TONES.ringback), 250);
    expect(toneAmplitude(out.subarray(0, 8000), 450)).toBeGreaterThan(4900);
    expect(out.subarray(8000, 40000).every((x) => x === 0)).toBe(true);
    const whole = render(new ToneGenerator({ frequencies: [1000] }), 5);
    expect(Array.from(whole)).toEqual(Array.from(sine(1000, 5000, 800)));
  });

  it('ends after its duration', () => {
    const t = new ToneGenerator({ frequencies: [425], durationMs: 50 });
    let ended = 0;
    t.on('ended', () => ended++);
    expect(render(t, 10).length).toBe(480);
    expect(ended).toBe(1);
    expect(() => new ToneGenerator({ frequencies: [5000] })).toThrow(RangeError);
  });
});

describe('silence', () => {
  it('is zeros forever', () => {
    const f = frame().fill(7);
    expect(silence.read(f)).toBe(true);
    expect(f.every((x) => x === 0)).toBe(true);
  });
});

describe('SampleQueue', () => {
  it('passes samples through in order across the ring boundary, in any chunk sizes', () => {
    const q = new SampleQueue(500, 0);
    const src = ramp(3000);
    const got: number[] = [];
    const f = frame();
    for (let i = 0; i < src.length; i += 100) {
      q.write(src.subarray(i, i + 100));
      while (q.read(f)) got.push(...f);
    }
    expect(got).toEqual(Array.from(src.subarray(0, got.length)));
    expect(got.length).toBe(2880);
  });

  it('drops the oldest samples when full and counts them', () => {
    const q = new SampleQueue(320, 0);
    q.write(ramp(400));
    expect(q.available).toBe(320);
    expect(q.dropped).toBe(80);
    const f = frame();
    q.read(f);
    expect(f[0]).toBe(81);
  });

  it('waits for the prime level after running dry', () => {
    const q = new SampleQueue(1600, 320);
    const f = frame();
    q.write(ramp(160));
    expect(q.read(f)).toBe(false); // below the prime level
    q.write(ramp(160));
    expect(q.read(f)).toBe(true);
    expect(q.read(f)).toBe(true);
    expect(q.read(f)).toBe(false); // dry: needs 320 again
    q.write(ramp(160));
    expect(q.read(f)).toBe(false);
    expect(q.underruns).toBe(3);
  });

  it('QueueSource gives silence when the queue has nothing', () => {
    const s = new QueueSource(new SampleQueue(1600, 0));
    const f = frame().fill(5);
    expect(s.read(f)).toBe(true);
    expect(f.every((x) => x === 0)).toBe(true);
    s.queue.write(ramp(160));
    s.read(f);
    expect(f[159]).toBe(160);
  });
});
