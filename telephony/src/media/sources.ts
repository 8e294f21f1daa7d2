// Audio sources the pacer pulls from, one 20 ms frame per tick: a prompt player, a looping player
// (music on hold), a tone generator (call-progress tones) and silence. Barge-in is the owner's
// business: it calls stop() when a DTMF digit arrives.

import { type AudioSource, FRAME_SAMPLES, SAMPLE_RATE, clamp16 } from './audio.ts';
import { TypedEmitter } from './events.ts';
import { resample } from './resample.ts';

export type EndReason = 'finished' | 'stopped';

/** Always silence; never ends. */
export const silence: AudioSource = {
  read(out) {
    out.fill(0);
    return true;
  },
};

/** Plays 8 kHz samples once. `ended` fires on the first read after the last sample, or on stop(). */
export class BufferPlayer extends TypedEmitter<{ ended: [reason: EndReason] }> implements AudioSource {
  readonly samples: Int16Array;
  #pos = 0;
  #ended = false;

  constructor(samples: Int16Array) {
    super();
    this.samples = samples;
  }

  /** A player for PCM at any rate (TTS output is often 16, 22.05 or 24 kHz). */
  static fromPcm(samples: ArrayLike<number>, sampleRate: number): BufferPlayer {
    return new BufferPlayer(resample(samples, sampleRate, SAMPLE_RATE));
  }

  /** Milliseconds played so far. */
  get positionMs(): number {
    return (this.#pos * 1000) / SAMPLE_RATE;
  }
  get ended(): boolean {
    return this.#ended;
  }

  read(out: Int16Array): boolean {
    if (this.#ended) return false;
    if (this.#pos >= this.samples.length) {
      this.#end('finished');
      return false;
    }
    const n = Math.min(out.length, this.samples.length - this.#pos);
    out.set(this.samples.subarray(this.#pos, this.#pos + n));
    if (n < out.length) out.fill(0, n);
    this.#pos += n;
    return true;
  }

  stop(): void {
    if (!this.#ended) this.#end('stopped');
  }

  #end(reason: EndReason): void {
    this.#ended = true;
    this.emit('ended', reason);
  }
}

/** Plays samples over and over (music on hold), with an optional pause between rounds. */
export class LoopPlayer extends TypedEmitter<{ ended: [reason: EndReason] }> implements AudioSource {
  readonly #samples: Int16Array;
  readonly #period: number;
  #pos = 0;
  #stopped = false;

  constructor(samples: Int16Array, pauseMs = 0) {
    super();
    if (samples.length === 0) throw new RangeError('nothing to loop');
    this.#samples = samples;
    this.#period = samples.length + Math.round((pauseMs * SAMPLE_RATE) / 1000);
  }

  read(out: Int16Array): boolean {
    if (this.#stopped) return false;
    for (let i = 0; i < out.length; i++) {
      out[i] = this.#pos < this.#samples.length ? this.#samples[this.#pos]! : 0;
      if (++this.#pos >= this.#period) this.#pos = 0;
    }
    return true;
  }

  stop(): void {
    if (this.#stopped) return;
    this.#stopped = true;
    this.emit('ended', 'stopped');
  }
}

export interface ToneSpec {
  /** One or more frequencies played together (Hz). */
  frequencies: readonly number[];
  /** Peak amplitude of each frequency, 16-bit units (default 5000, about −16 dBm0). */
  amplitude?: number;
  /** On/off durations in ms, repeated (e.g. [1000, 4000]); omitted = continuous. */
  cadence?: readonly number[];
  /** Total length in ms; omitted = until stopped. */
  durationMs?: number;
}

/** Call-progress tones of GB/T 3380 (China): 450 Hz. */
export const CN_TONES = {
  dial: { frequencies: [450] },
  ringback: { frequencies: [450], cadence: [1000, 4000] },
  busy: { frequencies: [450], cadence: [350, 350] },
  congestion: { frequencies: [450], cadence: [700, 700] },
} as const satisfies Record<string, ToneSpec>;

export class ToneGenerator extends TypedEmitter<{ ended: [reason: EndReason] }> implements AudioSource {
  readonly #steps: number[];
  readonly #amplitude: number;
  readonly #cadence: number[];
  readonly #cycle: number;
  readonly #total: number;
  #n = 0;
  #ended = false;

  constructor(spec: ToneSpec) {
    super();
    if (spec.frequencies.length === 0 || spec.frequencies.some((f) => !(f > 0 && f < SAMPLE_RATE / 2))) throw new RangeError('tone frequencies must be within 0–4000 Hz');
    this.#steps = spec.frequencies.map((f) => (2 * Math.PI * f) / SAMPLE_RATE);
    this.#amplitude = spec.amplitude ?? 5000;
    this.#cadence = (spec.cadence ?? []).map((ms) => Math.round((ms * SAMPLE_RATE) / 1000));
    this.#cycle = this.#cadence.reduce((a, b) => a + b, 0);
    this.#total = spec.durationMs === undefined ? Infinity : Math.round((spec.durationMs * SAMPLE_RATE) / 1000);
  }

  #on(n: number): boolean {
    if (this.#cycle === 0) return true;
    let t = n % this.#cycle;
    for (let i = 0; i < this.#cadence.length; i++) {
      if (t < this.#cadence[i]!) return i % 2 === 0;
      t -= this.#cadence[i]!;
    }
    return false;
  }

  read(out: Int16Array): boolean {
    if (this.#ended) return false;
    if (this.#n >= this.#total) {
      this.#ended = true;
      this.emit('ended', 'finished');
      return false;
    }
    for (let i = 0; i < out.length; i++, this.#n++) {
      if (this.#n >= this.#total || !this.#on(this.#n)) {
        out[i] = 0;
        continue;
      }
      let v = 0;
      for (const w of this.#steps) v += Math.sin(w * this.#n);
      out[i] = clamp16(Math.round(v * this.#amplitude));
    }
    return true;
  }

  stop(): void {
    if (this.#ended) return;
    this.#ended = true;
    this.emit('ended', 'stopped');
  }
}

/** Reads `frames` frames from a source into one buffer (for tests and offline rendering). */
export function render(source: AudioSource, frames: number): Int16Array {
  const out = new Int16Array(frames * FRAME_SAMPLES);
  const frame = new Int16Array(FRAME_SAMPLES);
  for (let f = 0; f < frames; f++) {
    if (!source.read(frame)) return out.subarray(0, f * FRAME_SAMPLES);
    out.set(frame, f * FRAME_SAMPLES);
  }
  return out;
}
