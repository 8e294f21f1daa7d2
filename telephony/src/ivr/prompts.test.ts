import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PromptCache } from '../tts/promptCache.ts';
import type { SynthesisOptions, TextToSpeech } from '../tts/textToSpeech.ts';
import { encodeWav } from '../tts/wav.ts';
import { builtinFlowText } from './builtinFlows.ts';
import { PromptRenderer, staticPrompts, warmPrompts } from './prompts.ts';
import { flowOf } from './testing/harness.ts';
import { TextPcmTts, textsOf } from './testing/textPcm.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'prompts-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('PromptRenderer', () => {
  it('sends fixed text to the static (cached) engine and text with call variables to the live one', async () => {
    const live = new TextPcmTts();
    const fixed = new TextPcmTts();
    const r = new PromptRenderer({ tts: live, staticTts: fixed, gapMs: 10 });
    const pcm = await r.render([{ tts: '您好' }, { tts: '编号{n}' }], { n: '42' });
    expect(fixed.texts).toEqual(['您好']);
    expect(live.texts).toEqual(['编号42']);
    expect(textsOf(pcm)).toEqual(['您好', '编号42']);
    expect(pcm.length).toBe(2 + 80 + 4); // two texts and a 10 ms gap at 8 kHz
  });

  it('loads WAV prompt files, converting the sample rate, and refuses paths outside its folder', async () => {
    await writeFile(join(dir, 'beep.wav'), encodeWav({ sampleRate: 16000, pcm: new Int16Array(1600).fill(1000) }));
    const r = new PromptRenderer({ tts: new TextPcmTts(), fileDir: dir });
    const pcm = await r.render({ file: 'beep.wav' }, {});
    expect(pcm.length).toBe(800);
    await expect(r.render({ file: '../etc/x.wav' }, {})).rejects.toThrow(/outside the prompt folder/);
    await expect(r.render({ file: 'none.wav' }, {})).rejects.toThrow(/ENOENT/);
  });
});

describe('warmPrompts', () => {
  it('synthesizes every fixed prompt of the default flow once; a second warm-up costs no synthesis', async () => {
    const flow = flowOf(builtinFlowText('default'));
    const texts = staticPrompts(flow).map((p) => p.text);
    expect(texts).toContain('人工服务请按1，自助服务请按2，再听一遍请按星号键。');
    expect(texts.some((t) => t.includes('{'))).toBe(false);
    let calls = 0;
    const engine: TextToSpeech = {
      engineId: 'count@1',
      synthesize: async (t: string, _o?: SynthesisOptions) => {
        calls++;
        return new Int16Array(t.length).fill(1);
      },
    };
    expect(await warmPrompts(flow, new PromptCache({ dir, engine }))).toBe(texts.length);
    expect(calls).toBe(texts.length);
    await warmPrompts(flow, new PromptCache({ dir, engine }));
    expect(calls).toBe(texts.length);
  });
});
