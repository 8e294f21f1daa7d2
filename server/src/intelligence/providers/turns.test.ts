import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Recorder, serializeWav, wavHeader } from '@hotline/telephony';
import { isSilent, splitCallChannels } from './callAudio.ts';
import { stereoWav, tone } from './testing/callFixtures.ts';
import { mergeTurns } from './turns.ts';

describe('mergeTurns', () => {
  it('orders both sides by time and joins consecutive segments of one speaker', () => {
    const turns = mergeTurns(
      [{ start: 2, end: 4, text: '我要反映' }, { start: 4.2, end: 6, text: '噪音问题' }, { start: 9, end: 10, text: '好的' }],
      [{ start: 0, end: 1.5, text: '您好' }, { start: 6.5, end: 8.5, text: '请说地址' }],
    );
    expect(turns).toEqual([
      { speaker: 'agent', text: '您好', start: 0, end: 1.5 },
      { speaker: 'citizen', text: '我要反映噪音问题', start: 2, end: 6 },
      { speaker: 'agent', text: '请说地址', start: 6.5, end: 8.5 },
      { speaker: 'citizen', text: '好的', start: 9, end: 10 },
    ]);
  });

  it('Latin words keep a space when joined; no segments, no turns', () => {
    expect(mergeTurns([{ start: 0, end: 1, text: 'hello' }, { start: 1, end: 2, text: 'world' }], [])[0]!.text).toBe('hello world');
    expect(mergeTurns([], [])).toEqual([]);
  });
});

describe('splitCallChannels', () => {
  it('left is the caller, right the agent, at 8 kHz', () => {
    const left = tone(1, 300);
    const right = tone(1, 700);
    const c = splitCallChannels(stereoWav(left, right));
    expect(Array.from(c.caller.samples)).toEqual(Array.from(left));
    expect(Array.from(c.agent.samples)).toEqual(Array.from(right));
    expect(c.durationSeconds).toBe(1);
  });

  it('reads what the contact center’s Recorder writes: the caller’s audio on the left, the agent’s on the right', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'recording-'));
    try {
      const file = path.join(dir, 'call.wav');
      const rec = await Recorder.open(file);
      const caller = tone(1, 300);
      // 20 ms frames as the pacer delivers them; the agent says nothing.
      for (let i = 0; i < 50; i++) {
        rec.left.write(caller.subarray(i * 160, (i + 1) * 160));
        rec.tick();
      }
      await rec.close();
      const c = splitCallChannels(readFileSync(file));
      expect(c.durationSeconds).toBe(1);
      expect(isSilent(c.caller)).toBe(false);
      expect(Math.max(...c.caller.samples)).toBe(Math.max(...caller));
      expect(isSilent(c.agent)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a recording whose header was never finalised (the process stopped mid-call) is read to its end', () => {
    const body = stereoWav(tone(0.5, 300), tone(0.5, 700)).subarray(44);
    const c = splitCallChannels(Buffer.concat([wavHeader(8000, 2, 0xffffffff), body]));
    expect(c.durationSeconds).toBe(0.5);
  });

  it('a 16 kHz stereo file is brought to 8 kHz', () => {
    const inter = new Int16Array(16000 * 2);
    const c = splitCallChannels(serializeWav(inter, 16000, 2));
    expect(c.caller.sampleRate).toBe(8000);
    expect(c.caller.samples.length).toBe(8000);
  });

  it('silence is recognised; a tone is not', () => {
    expect(isSilent({ samples: new Int16Array(800), sampleRate: 8000 })).toBe(true);
    expect(isSilent({ samples: tone(0.1, 400), sampleRate: 8000 })).toBe(false);
  });
});
