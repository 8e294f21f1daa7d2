import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FRAME_SAMPLES } from './audio.ts';
import { ManualClock } from './clock.ts';
import { TypedEmitter } from './events.ts';
import { toneAmplitude } from './goertzel.ts';
import { Pacer } from './pacer.ts';
import { Recorder, recordSessions } from './recorder.ts';
import { sine } from './testSignals.ts';
import { parseWav } from './wav.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'recorder-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function channels(file: string): [Float32Array, Float32Array] {
  const r = parseWav(readFileSync(file));
  if (!r.ok) throw new Error(r.error);
  expect(r.wav).toMatchObject({ sampleRate: 8000, channels: 2, bitsPerSample: 16 });
  return [r.wav.channelData[0]!, r.wav.channelData[1]!];
}

describe('Recorder', () => {
  it('writes the caller on the left and the other party on the right, aligned', async () => {
    const file = path.join(dir, 'call.wav');
    const rec = await Recorder.open(file, { framesPerWrite: 7 });
    const a = sine(1000, 8000, FRAME_SAMPLES * 100);
    const b = sine(2000, 6000, FRAME_SAMPLES * 100);
    for (let t = 0; t < 100; t++) {
      rec.left.write(a.subarray(t * FRAME_SAMPLES, (t + 1) * FRAME_SAMPLES));
      if (t >= 50) rec.right.write(b.subarray(t * FRAME_SAMPLES, (t + 1) * FRAME_SAMPLES)); // the other party starts 1 s in
      rec.tick();
    }
    const summary = await rec.close();
    expect(summary).toEqual({ path: file, durationMs: 2000, droppedFrames: 0 });
    const [left, right] = channels(file);
    expect(left.length).toBe(16000);
    expect(toneAmplitude(left, 1000)).toBeGreaterThan(7500);
    expect(toneAmplitude(left, 2000)).toBeLessThan(100);
    expect(toneAmplitude(right.subarray(9000), 2000)).toBeGreaterThan(5500);
    expect(toneAmplitude(right.subarray(9000), 1000)).toBeLessThan(100);
    expect(right.subarray(0, 8000).every((x) => x === 0)).toBe(true); // silence while B was not there
  });

  it('closes once, stops taking frames, and the header carries the final sizes', async () => {
    const file = path.join(dir, 'short.wav');
    const rec = await Recorder.open(file);
    let closes = 0;
    rec.on('close', () => closes++);
    for (let t = 0; t < 3; t++) rec.tick();
    const [s1, s2] = await Promise.all([rec.close(), rec.close()]);
    expect(s1).toBe(s2);
    rec.tick();
    expect(closes).toBe(1);
    const bytes = readFileSync(file);
    expect(bytes.length).toBe(44 + 3 * 640);
    expect(bytes.readUInt32LE(40)).toBe(3 * 640);
    expect(bytes.readUInt32LE(4)).toBe(36 + 3 * 640);
  });

  it('drops frames instead of growing without bound when the disk is behind', async () => {
    const rec = await Recorder.open(path.join(dir, 'slow.wav'), { framesPerWrite: 10, maxPendingBytes: 640 * 15 });
    for (let t = 0; t < 100; t++) rec.tick(); // synchronous: no write can complete in between
    expect(rec.droppedFrames).toBeGreaterThan(0);
    expect(rec.durationMs).toBeLessThanOrEqual(15 * 20);
    await rec.close();
  });

  it('fails to open with MediaError FILE_IO', async () => {
    await expect(Recorder.open(path.join(dir, 'no-such-dir', 'x.wav'))).rejects.toMatchObject({ code: 'FILE_IO' });
  });

  it('records two sessions on a pacer and stops when one of them closes', async () => {
    class FakeSession extends TypedEmitter<{ audio: [pcm: Int16Array]; close: [] }> {}
    const clock = new ManualClock(0);
    const pacer = new Pacer({ clock });
    const file = path.join(dir, 'sessions.wav');
    const rec = await Recorder.open(file, { pacer });
    const caller = new FakeSession();
    const agent = new FakeSession();
    recordSessions(rec, caller, agent);
    const a = sine(1000, 8000, FRAME_SAMPLES * 50);
    for (let t = 0; t < 50; t++) {
      caller.emit('audio', a.subarray(t * FRAME_SAMPLES, (t + 1) * FRAME_SAMPLES));
      clock.advance(20);
    }
    const closed = new Promise((r) => rec.on('close', r));
    agent.emit('close');
    await closed;
    expect(pacer.size).toBe(0);
    expect(caller.listenerCount('audio')).toBe(0);
    const [left] = channels(file);
    expect(left.length).toBeGreaterThan(7000);
    expect(toneAmplitude(left.subarray(1000), 1000)).toBeGreaterThan(7500);
  });
});
