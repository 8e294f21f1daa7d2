// A TextToSpeech for tests whose "audio" is the text itself (UTF-16 code units as samples), so a
// test double of the call can tell which words the caller heard. Never zero inside a text; the
// prompt renderer's silent gap (zeros) separates the prompts of a list.

import type { SynthesisOptions, TextToSpeech } from '../../tts/textToSpeech.ts';

export class TextPcmTts implements TextToSpeech {
  readonly engineId = 'text-pcm@1';
  readonly texts: string[] = [];

  async synthesize(text: string, _opts?: SynthesisOptions): Promise<Int16Array> {
    this.texts.push(text);
    const codes = new Uint16Array([...text].flatMap((c) => [...c].map((u) => u.charCodeAt(0))));
    return new Int16Array(codes.buffer);
  }
}

/** The texts a PCM buffer made by TextPcmTts carries, in order (recorded audio gives ["<audio>"]). */
export function textsOf(pcm: Int16Array): string[] {
  const codes = new Uint16Array(pcm.buffer, pcm.byteOffset, pcm.length);
  const out: string[] = [];
  let cur = '';
  for (const c of codes) {
    if (c === 0) {
      if (cur) out.push(cur);
      cur = '';
    } else cur += String.fromCharCode(c);
  }
  if (cur) out.push(cur);
  return out;
}
