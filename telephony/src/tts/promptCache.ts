// Static prompts ("您好，欢迎致电12345…") are synthesized once and kept as WAV files, keyed by a hash
// of everything that shapes the audio: engine id (with its version), voice, rate and text. The
// cache is itself a TextToSpeech, so an IVR cannot tell a cached engine from a live one.

import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TTS_SAMPLE_RATE, checkSynthesisArgs, type SynthesisOptions, type TextToSpeech } from './textToSpeech.ts';
import { decodeWav, encodeWav } from './wav.ts';

export interface PromptCacheOptions {
  /** Folder for the WAV files; created on first write. */
  dir: string;
  engine: TextToSpeech;
}

export interface PromptCacheStats {
  hits: number;
  misses: number;
}

export class PromptCache implements TextToSpeech {
  readonly engineId: string;
  readonly dir: string;
  readonly #engine: TextToSpeech;
  readonly #inflight = new Map<string, Promise<Int16Array>>();
  readonly stats: PromptCacheStats = { hits: 0, misses: 0 };

  constructor(opts: PromptCacheOptions) {
    this.dir = opts.dir;
    this.#engine = opts.engine;
    this.engineId = opts.engine.engineId;
  }

  /** The file a prompt is (or would be) cached in. */
  pathFor(text: string, opts?: SynthesisOptions): string {
    const key = JSON.stringify(['prompt/v1', this.engineId, opts?.voice ?? '', opts?.rate ?? 1, text]);
    return join(this.dir, `${createHash('sha256').update(key).digest('hex').slice(0, 40)}.wav`);
  }

  async synthesize(text: string, opts?: SynthesisOptions): Promise<Int16Array> {
    checkSynthesisArgs(text, opts);
    const path = this.pathFor(text, opts);
    const cached = await this.#read(path);
    if (cached) {
      this.stats.hits++;
      return cached;
    }
    // Two calls that start at once for the same prompt share one synthesis.
    const running = this.#inflight.get(path);
    if (running) return running.then((pcm) => pcm.slice());
    this.stats.misses++;
    const job = this.#fill(path, text, opts).finally(() => this.#inflight.delete(path));
    this.#inflight.set(path, job);
    return job;
  }

  async close(): Promise<void> {
    await this.#engine.close?.();
  }

  async #fill(path: string, text: string, opts: SynthesisOptions | undefined): Promise<Int16Array> {
    const pcm = await this.#engine.synthesize(text, opts);
    await mkdir(this.dir, { recursive: true });
    // Write then rename, so a reader never sees half a file (rename is atomic on one filesystem).
    const tmp = `${path}.${process.pid}.${Date.now()}.tmp`;
    await writeFile(tmp, encodeWav({ sampleRate: TTS_SAMPLE_RATE, pcm }));
    await rename(tmp, path);
    return pcm;
  }

  async #read(path: string): Promise<Int16Array | null> {
    let buf: Buffer;
    try {
      buf = await readFile(path);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
    const wav = decodeWav(buf);
    // A damaged or foreign file is treated as a miss and overwritten.
    return wav && wav.sampleRate === TTS_SAMPLE_RATE && wav.pcm.length > 0 ? wav.pcm : null;
  }
}
