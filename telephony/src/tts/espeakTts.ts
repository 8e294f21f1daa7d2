// Mandarin speech from eSpeak NG's WebAssembly build (npm: @echogarden/espeak-ng-emscripten, which
// carries the voice data, cmn_dict included), so a fresh machine speaks with nothing but npm.
// The engine is GPL-3.0: it is an optional dependency, loaded only here, and run in a child
// process (espeakHost.mjs) that we talk to over IPC — see tts/README.md.

import { fork, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { normalizeMandarin } from './normalize.ts';
import { resample } from '../media/resample.ts';
import { TTS_SAMPLE_RATE, TtsError, checkSynthesisArgs, type SynthesisOptions, type TextToSpeech } from './textToSpeech.ts';

export const ESPEAK_PACKAGE = '@echogarden/espeak-ng-emscripten';
const HOST_SCRIPT = fileURLToPath(new URL('./espeakHost.mjs', import.meta.url));
const NORMAL_WPM = 175; // eSpeak's default speaking rate

/** The installed engine package's version, or null when the optional dependency is absent. */
export function espeakVersion(): string | null {
  try {
    const req = createRequire(import.meta.url);
    return (req(`${ESPEAK_PACKAGE}/package.json`) as { version: string }).version;
  } catch {
    return null;
  }
}

export interface EspeakTtsOptions {
  /** Default voice; 'cmn' is Mandarin. */
  voice?: string;
  /** A synthesis that takes longer than this kills the engine process (it restarts on demand). */
  timeoutMs?: number;
}

interface Pending {
  resolve: (pcm: Int16Array) => void;
  reject: (e: Error) => void;
  timer: NodeJS.Timeout;
}

type HostMessage =
  | { type: 'ready'; sampleRate: number }
  | { type: 'fatal'; error: string }
  | { type: 'result'; id: number; pcm?: Int16Array; sampleRate?: number; error?: string };

export class EspeakTts implements TextToSpeech {
  readonly engineId: string;
  readonly #voice: string;
  readonly #timeoutMs: number;
  readonly #pending = new Map<number, Pending>();
  #child: ChildProcess | null = null;
  #ready: Promise<number> | null = null;
  #nextId = 1;
  #closed = false;
  #started = false; // the current process has said it is ready

  constructor(opts: EspeakTtsOptions = {}) {
    const version = espeakVersion();
    if (version === null) throw new TtsError('ENGINE_UNAVAILABLE', `${ESPEAK_PACKAGE} is not installed (it is an optional dependency)`);
    this.engineId = `espeak-ng-wasm@${version}`;
    this.#voice = opts.voice ?? 'cmn';
    this.#timeoutMs = opts.timeoutMs ?? 30_000;
  }

  async synthesize(text: string, opts?: SynthesisOptions): Promise<Int16Array> {
    checkSynthesisArgs(text, opts);
    if (this.#closed) throw new TtsError('CLOSED', 'EspeakTts is closed');
    const voice = opts?.voice ?? this.#voice;
    const spoken = /^(cmn|zh|yue|sit\/)/.test(voice) ? normalizeMandarin(text) : text;
    const wpm = Math.min(450, Math.max(80, Math.round(NORMAL_WPM * (opts?.rate ?? 1))));
    const sampleRate = await this.#start();
    const pcm = await this.#request(spoken, voice, wpm);
    if (pcm.length === 0) throw new TtsError('ENGINE_FAILED', `eSpeak NG produced no audio for ${JSON.stringify(text)}`);
    return resample(pcm, sampleRate, TTS_SAMPLE_RATE);
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#stop(new TtsError('CLOSED', 'EspeakTts closed'));
  }

  #start(): Promise<number> {
    if (this.#ready) return this.#ready;
    const child = fork(HOST_SCRIPT, [ESPEAK_PACKAGE], { execArgv: [], serialization: 'advanced', stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    this.#child = child;
    this.#started = false;
    this.#ready = new Promise<number>((resolve, reject) => {
      child.on('message', (raw) => {
        const msg = raw as HostMessage;
        if (msg.type === 'ready') {
          this.#started = true;
          this.#refresh();
          resolve(msg.sampleRate);
        }
        else if (msg.type === 'fatal') reject(new TtsError('ENGINE_UNAVAILABLE', `eSpeak NG failed to start: ${msg.error}`));
        else this.#settle(msg);
      });
      child.on('exit', (code, signal) => {
        const error = new TtsError('ENGINE_FAILED', `eSpeak NG process exited (${signal ?? code})`);
        reject(error);
        if (this.#child === child) this.#stop(error);
      });
      child.on('error', (e) => reject(new TtsError('ENGINE_UNAVAILABLE', `cannot start eSpeak NG: ${e.message}`, { cause: e })));
    });
    this.#ready.catch(() => this.#stop(new TtsError('ENGINE_UNAVAILABLE', 'eSpeak NG did not start')));
    this.#refresh();
    return this.#ready;
  }

  #request(text: string, voice: string, wpm: number): Promise<Int16Array> {
    const child = this.#child;
    if (!child?.connected) return Promise.reject(new TtsError('ENGINE_FAILED', 'eSpeak NG process is gone'));
    const id = this.#nextId++;
    return new Promise<Int16Array>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        reject(new TtsError('TIMEOUT', `eSpeak NG took longer than ${this.#timeoutMs} ms`));
        child.kill(); // wedged: the next request starts a fresh process
      }, this.#timeoutMs);
      this.#pending.set(id, { resolve, reject, timer });
      this.#refresh();
      child.send({ id, text, voice, wpm });
    });
  }

  #settle(msg: Extract<HostMessage, { type: 'result' }>): void {
    const p = this.#pending.get(msg.id);
    if (!p) return;
    this.#pending.delete(msg.id);
    clearTimeout(p.timer);
    if (msg.pcm) p.resolve(msg.pcm);
    else p.reject(new TtsError('ENGINE_FAILED', msg.error ?? 'eSpeak NG failed'));
    this.#refresh();
  }

  #stop(error: Error): void {
    const child = this.#child;
    this.#child = null;
    this.#ready = null;
    for (const p of this.#pending.values()) {
      clearTimeout(p.timer);
      p.reject(error);
    }
    this.#pending.clear();
    if (child && child.exitCode === null) child.kill();
  }

  /** An idle engine must not keep the process alive; a busy one must. */
  #refresh(): void {
    const child = this.#child;
    if (!child) return;
    if (this.#pending.size > 0 || !this.#started) {
      child.ref();
      child.channel?.ref();
    } else {
      child.unref();
      child.channel?.unref();
    }
  }
}
