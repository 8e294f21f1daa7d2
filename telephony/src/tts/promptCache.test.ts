import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PromptCache } from './promptCache.ts';
import type { SynthesisOptions, TextToSpeech } from './textToSpeech.ts';
import { decodeWav, encodeWav } from './wav.ts';

class CountingEngine implements TextToSpeech {
  readonly engineId = 'counting@1';
  calls: string[] = [];
  async synthesize(text: string, _opts?: SynthesisOptions): Promise<Int16Array> {
    this.calls.push(text);
    await new Promise((r) => setTimeout(r, 5));
    return Int16Array.from([...text].map((c) => c.codePointAt(0)! % 30000));
  }
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'prompt-cache-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('PromptCache', () => {
  it('synthesizes a prompt once and serves it from disk afterwards, even to a new cache instance', async () => {
    const engine = new CountingEngine();
    const first = await new PromptCache({ dir, engine }).synthesize('欢迎致电');
    const again = new PromptCache({ dir, engine });
    expect(await again.synthesize('欢迎致电')).toEqual(first);
    expect(engine.calls).toEqual(['欢迎致电']);
    expect(again.stats).toEqual({ hits: 1, misses: 0 });
    expect((await readdir(dir)).filter((f) => f.endsWith('.wav'))).toHaveLength(1);
  });

  it('keys on voice, rate and engine as well as the text', async () => {
    const engine = new CountingEngine();
    const cache = new PromptCache({ dir, engine });
    const a = cache.pathFor('你好');
    expect(cache.pathFor('你好', { voice: 'yue' })).not.toBe(a);
    expect(cache.pathFor('你好', { rate: 0.9 })).not.toBe(a);
    const other = new PromptCache({ dir, engine: { engineId: 'other@2', synthesize: engine.synthesize.bind(engine) } });
    expect(other.pathFor('你好')).not.toBe(a);
  });

  it('shares one synthesis between concurrent requests for the same prompt', async () => {
    const engine = new CountingEngine();
    const cache = new PromptCache({ dir, engine });
    const [x, y] = await Promise.all([cache.synthesize('请稍候'), cache.synthesize('请稍候')]);
    expect(x).toEqual(y);
    expect(engine.calls).toEqual(['请稍候']);
  });

  it('regenerates a damaged cache file', async () => {
    const engine = new CountingEngine();
    const cache = new PromptCache({ dir, engine });
    await cache.synthesize('再见');
    await writeFile(cache.pathFor('再见'), 'not a wav');
    expect((await cache.synthesize('再见')).length).toBe(2);
    expect(engine.calls).toEqual(['再见', '再见']);
  });

  it('writes WAV files that round-trip as 8 kHz 16-bit mono', () => {
    const pcm = Int16Array.from([0, 1, -1, 32767, -32768]);
    expect(decodeWav(encodeWav({ sampleRate: 8000, pcm }))).toEqual({ sampleRate: 8000, pcm });
  });
});
