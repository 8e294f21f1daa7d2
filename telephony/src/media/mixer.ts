// A mixer: each participant hears the sum of the participants it is allowed to hear, never
// itself. The "hears" relation is the whole configuration — a two-leg bridge, a three-way call
// and a supervisor's listen, whisper and barge (supervision.ts) are all just different relations
// over the same loop.
//
// Timing: participants' received audio goes into their input queue as it arrives; once per
// 20 ms tick the mixer takes one frame from every input (silence for a participant with nothing
// queued) and writes one mixed frame into every output queue, which that participant's RTP
// session plays. Sums are done in 32 bits and saturated to 16 bits, so loud talkers clip rather
// than wrap around into noise.

import { type AudioSource, FRAME_SAMPLES } from './audio.ts';
import { InvalidStateError } from './errors.ts';
import { TypedEmitter } from './events.ts';
import type { Pacer, PacerClient, PacerRegistration } from './pacer.ts';
import { QueueSource, SampleQueue } from './sampleQueue.ts';

export interface MixerParticipant {
  readonly id: string;
  /** Write this participant's received audio here (any chunk size). */
  readonly input: SampleQueue;
  /** What this participant hears: give it to its session (`session.play(p.output)`). */
  readonly output: QueueSource;
}

interface Slot extends MixerParticipant {
  frame: Int16Array;
  hasFrame: boolean;
}

export class Mixer extends TypedEmitter<{ close: [] }> implements PacerClient {
  readonly #members = new Map<string, Slot>();
  /** listener → speakers it must not hear (everyone hears everyone by default). */
  readonly #deaf = new Map<string, Set<string>>();
  readonly #acc = new Int32Array(FRAME_SAMPLES);
  readonly #out = new Int16Array(FRAME_SAMPLES);
  readonly #registration: PacerRegistration | null;
  #closed = false;

  /** With a pacer, the mixer runs itself every 20 ms; without one, call mix() yourself. */
  constructor(options: { pacer?: Pacer } = {}) {
    super();
    this.#registration = options.pacer ? options.pacer.add(this) : null;
  }

  get closed(): boolean {
    return this.#closed;
  }
  get participants(): string[] {
    return [...this.#members.keys()];
  }

  /** Adds a participant who hears, and is heard by, everyone present. */
  add(id: string): MixerParticipant {
    if (this.#closed) throw new InvalidStateError('mixer is closed');
    if (this.#members.has(id)) throw new TypeError(`participant ${id} is already in the mixer`);
    const p: Slot = {
      id,
      input: new SampleQueue(),
      output: new QueueSource(new SampleQueue(FRAME_SAMPLES * 10, FRAME_SAMPLES)),
      frame: new Int16Array(FRAME_SAMPLES),
      hasFrame: false,
    };
    this.#members.set(id, p);
    return p;
  }

  get(id: string): MixerParticipant | undefined {
    return this.#members.get(id);
  }

  remove(id: string): boolean {
    this.#deaf.delete(id);
    for (const set of this.#deaf.values()) set.delete(id);
    return this.#members.delete(id);
  }

  setHears(listener: string, speaker: string, hears: boolean): void {
    if (!this.#members.has(listener) || !this.#members.has(speaker)) throw new TypeError(`unknown participant ${listener} or ${speaker}`);
    let deaf = this.#deaf.get(listener);
    if (hears) deaf?.delete(speaker);
    else {
      if (!deaf) this.#deaf.set(listener, (deaf = new Set()));
      deaf.add(speaker);
    }
  }

  hears(listener: string, speaker: string): boolean {
    return listener !== speaker && this.#members.has(listener) && this.#members.has(speaker) && !this.#deaf.get(listener)?.has(speaker);
  }

  tick(): void {
    this.mix();
  }

  /** One 20 ms step: one frame in from every participant, one mixed frame out to every participant. */
  mix(): void {
    if (this.#closed) return;
    for (const p of this.#members.values()) p.hasFrame = p.input.read(p.frame);
    const acc = this.#acc;
    const out = this.#out;
    for (const listener of this.#members.values()) {
      acc.fill(0);
      const deaf = this.#deaf.get(listener.id);
      for (const speaker of this.#members.values()) {
        if (speaker === listener || !speaker.hasFrame || deaf?.has(speaker.id)) continue;
        const f = speaker.frame;
        for (let i = 0; i < FRAME_SAMPLES; i++) acc[i]! += f[i]!;
      }
      for (let i = 0; i < FRAME_SAMPLES; i++) {
        const v = acc[i]!;
        out[i] = v > 32767 ? 32767 : v < -32768 ? -32768 : v;
      }
      listener.output.queue.write(out);
    }
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#registration?.remove();
    this.#members.clear();
    this.#deaf.clear();
    this.emit('close');
  }
}

/** What the mixer needs of a media session: its received audio and something to play. */
export interface MixableSession {
  on(event: 'audio', listener: (pcm: Int16Array) => void): unknown;
  off(event: 'audio', listener: (pcm: Int16Array) => void): unknown;
  play(source: AudioSource | null): void;
}

/** Connects a session to a participant both ways; returns the function that disconnects it. */
export function attachSession(p: MixerParticipant, session: MixableSession): () => void {
  const onAudio = (pcm: Int16Array): void => p.input.write(pcm);
  session.on('audio', onAudio);
  session.play(p.output);
  return () => {
    session.off('audio', onAudio);
    session.play(null);
  };
}
