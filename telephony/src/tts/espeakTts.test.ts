// Real synthesis with the bundled WASM eSpeak NG (no network, no system packages).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EspeakTts, espeakVersion } from './espeakTts.ts';
import { normalizeMandarin } from './normalize.ts';
import { PromptCache } from './promptCache.ts';
import { TtsError, type SynthesisOptions, type TextToSpeech } from './textToSpeech.ts';

const WELCOME = '您好，欢迎致电12345政务服务便民热线';

function rms(pcm: Int16Array): number {
  let sum = 0;
  for (const s of pcm) sum += s * s;
  return Math.sqrt(sum / pcm.length);
}

describe('normalizeMandarin', () => {
  it('reads digit strings of three or more digit by digit and keeps short numbers', () => {
    expect(normalizeMandarin('欢迎致电12345，请按1')).toBe('欢迎致电一二三四五，请按1');
    expect(normalizeMandarin('按#结束，按*重听')).toBe('按井号结束，按星号重听');
  });
});

describe.skipIf(espeakVersion() === null)('EspeakTts (WASM eSpeak NG, Mandarin)', () => {
  const tts = new EspeakTts();
  const dirs: string[] = [];
  afterAll(async () => {
    await tts.close();
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it('speaks the welcome prompt: 8 kHz audio of plausible length and energy, cached after the first call', async () => {
    let engineCalls = 0;
    const counted: TextToSpeech = {
      engineId: tts.engineId,
      synthesize: (text: string, opts?: SynthesisOptions) => {
        engineCalls++;
        return tts.synthesize(text, opts);
      },
    };
    const dir = await mkdtemp(join(tmpdir(), 'tts-'));
    dirs.push(dir);
    const cache = new PromptCache({ dir, engine: counted });

    const pcm = await cache.synthesize(WELCOME);
    expect(pcm.length).toBeGreaterThan(0);
    const seconds = pcm.length / 8000;
    expect(seconds).toBeGreaterThan(1);
    expect(seconds).toBeLessThan(8);
    expect(rms(pcm)).toBeGreaterThan(300); // silence (and dither) is well under 100
    expect(engineCalls).toBe(1);

    const again = await cache.synthesize(WELCOME);
    expect(engineCalls).toBe(1);
    expect(again).toEqual(pcm);
    expect(cache.stats).toEqual({ hits: 1, misses: 1 });
  });

  it('speaks slower when asked', async () => {
    const normal = await tts.synthesize('请稍候，正在为您转接');
    const slow = await tts.synthesize('请稍候，正在为您转接', { rate: 0.7 });
    expect(slow.length).toBeGreaterThan(normal.length * 1.2);
  });

  it('rejects an unknown voice with a TtsError and keeps working afterwards', async () => {
    await expect(tts.synthesize('你好', { voice: 'no-such-voice' })).rejects.toBeInstanceOf(TtsError);
    expect((await tts.synthesize('你好')).length).toBeGreaterThan(0);
  });
});
