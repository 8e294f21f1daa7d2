// Prompt rendering: TTS text (static text through the prompt cache, text with filled-in call
// variables straight to the engine) and recorded WAV files, joined into one buffer to play.

import { readFile } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import { resample } from '../media/resample.ts';
import { TTS_SAMPLE_RATE, type TextToSpeech } from '../tts/textToSpeech.ts';
import { decodeWav } from '../tts/wav.ts';
import type { Flow, Prompt, Prompts } from './flowSchema.ts';
import type { PromptSource } from './context.ts';
import { fill } from './template.ts';

export interface PromptRendererOptions {
  /** Speaks text that has call variables filled in (tracking numbers, lookup results). */
  tts: TextToSpeech;
  /** Speaks fixed text; normally a PromptCache over the same engine. Defaults to `tts`. */
  staticTts?: TextToSpeech;
  /** Folder that {"file"} prompts are relative to. */
  fileDir?: string;
  /** Silence between the prompts of a list. */
  gapMs?: number;
}

export class PromptRenderer implements PromptSource {
  readonly #tts: TextToSpeech;
  readonly #static: TextToSpeech;
  readonly #fileDir: string;
  readonly #gap: number;
  readonly #files = new Map<string, Promise<Int16Array>>();

  constructor(opts: PromptRendererOptions) {
    this.#tts = opts.tts;
    this.#static = opts.staticTts ?? opts.tts;
    this.#fileDir = resolve(opts.fileDir ?? '.');
    this.#gap = Math.round(((opts.gapMs ?? 300) * TTS_SAMPLE_RATE) / 1000);
  }

  async render(prompts: Prompts, vars: Readonly<Record<string, string>>): Promise<Int16Array> {
    const parts: Int16Array[] = [];
    for (const p of Array.isArray(prompts) ? prompts : [prompts]) {
      const pcm = await this.#one(p, vars);
      if (pcm.length > 0) parts.push(pcm);
    }
    const total = parts.reduce((n, p) => n + p.length, 0) + Math.max(0, parts.length - 1) * this.#gap;
    const out = new Int16Array(total);
    let off = 0;
    for (const p of parts) {
      out.set(p, off);
      off += p.length + this.#gap;
    }
    return out;
  }

  #one(p: Prompt, vars: Readonly<Record<string, string>>): Promise<Int16Array> {
    if ('file' in p) return this.#file(p.file);
    const { text, dynamic } = fill(p.tts, vars);
    if (text.trim() === '') return Promise.resolve(new Int16Array(0));
    const opts = { ...(p.voice ? { voice: p.voice } : {}), ...(p.rate ? { rate: p.rate } : {}) };
    return (dynamic ? this.#tts : this.#static).synthesize(text, opts);
  }

  #file(name: string): Promise<Int16Array> {
    let job = this.#files.get(name);
    if (!job) {
      job = this.#loadFile(name);
      job.catch(() => this.#files.delete(name)); // a missing file may be added later
      this.#files.set(name, job);
    }
    return job;
  }

  async #loadFile(name: string): Promise<Int16Array> {
    const path = resolve(this.#fileDir, name);
    if (!path.startsWith(this.#fileDir + sep)) throw new TypeError(`prompt file ${name} is outside the prompt folder`);
    const wav = decodeWav(await readFile(path));
    if (!wav) throw new TypeError(`prompt file ${name} is not a 16-bit mono PCM WAV`);
    return wav.sampleRate === TTS_SAMPLE_RATE ? wav.pcm : resample(wav.pcm, wav.sampleRate, TTS_SAMPLE_RATE);
  }
}

/** The fixed TTS texts of a flow (no placeholders), so they can be synthesized before the first call. */
export function staticPrompts(flow: Flow): Array<{ text: string; voice?: string; rate?: number }> {
  const out = new Map<string, { text: string; voice?: string; rate?: number }>();
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (typeof v === 'object' && v !== null && 'tts' in v && typeof v.tts === 'string') {
      const p = v as Extract<Prompt, { tts: string }>;
      if (!fill(p.tts, {}).dynamic) out.set(JSON.stringify([p.tts, p.voice, p.rate]), { text: p.tts, ...(p.voice ? { voice: p.voice } : {}), ...(p.rate ? { rate: p.rate } : {}) });
    }
  };
  for (const node of Object.values(flow.nodes)) Object.values(node).forEach(visit);
  return [...out.values()];
}

/** Synthesizes every fixed prompt of a flow through `staticTts` (a PromptCache); returns how many. */
export async function warmPrompts(flow: Flow, staticTts: TextToSpeech): Promise<number> {
  const prompts = staticPrompts(flow);
  for (const p of prompts) await staticTts.synthesize(p.text, { ...(p.voice ? { voice: p.voice } : {}), ...(p.rate ? { rate: p.rate } : {}) });
  return prompts.length;
}
