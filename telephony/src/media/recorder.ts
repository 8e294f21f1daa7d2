// Stereo call recording to a WAV file: left = the caller (leg A's received audio), right = the
// other party. Both sides are queued as packets arrive and taken one frame each per 20 ms tick,
// so the channels stay aligned in time even when one side is silent or loses packets (its gaps
// become silence instead of shifting the rest of the recording).
//
// Memory is bounded: frames are written to disk about once a second, and if the disk falls more
// than `maxPendingBytes` behind, new frames are dropped and counted rather than held. The RIFF
// sizes are written last (on close), so a file cut short by a crash is still readable by
// parseWav, which reads an unfinished data chunk to the end of the file.

import { type FileHandle, open } from 'node:fs/promises';
import { FRAME_MS, FRAME_SAMPLES, SAMPLE_RATE } from './audio.ts';
import { MediaError } from './errors.ts';
import { TypedEmitter } from './events.ts';
import type { Pacer, PacerClient, PacerRegistration } from './pacer.ts';
import { SampleQueue } from './sampleQueue.ts';
import { wavHeader } from './wav.ts';

export interface RecorderOptions {
  /** Drives the recorder every 20 ms; without it, call tick() yourself. */
  pacer?: Pacer;
  /** Frames gathered before a write (default 50 = 1 s). */
  framesPerWrite?: number;
  /** Bytes allowed in flight to the disk before frames are dropped (default 1 MiB). */
  maxPendingBytes?: number;
}

export interface RecordingSummary {
  path: string;
  durationMs: number;
  droppedFrames: number;
}

const FRAME_BYTES = FRAME_SAMPLES * 2 * 2; // stereo, 16-bit

export class Recorder extends TypedEmitter<{ close: [summary: RecordingSummary]; error: [error: Error] }> implements PacerClient {
  readonly path: string;
  /** Caller side: write leg A's received audio here. */
  readonly left = new SampleQueue();
  /** The other party: agent, IVR prompts, or the conference mix. */
  readonly right = new SampleQueue();
  readonly #file: FileHandle;
  readonly #framesPerWrite: number;
  readonly #maxPending: number;
  readonly #registration: PacerRegistration | null;
  readonly #l = new Int16Array(FRAME_SAMPLES);
  readonly #r = new Int16Array(FRAME_SAMPLES);
  #chunk: Buffer;
  #chunkFrames = 0;
  #dataBytes = 0;
  #pending = 0;
  #frames = 0;
  #dropped = 0;
  #writes: Promise<void> = Promise.resolve();
  #failed: Error | null = null;
  #closing: Promise<RecordingSummary> | null = null;

  private constructor(path: string, file: FileHandle, options: RecorderOptions) {
    super();
    this.path = path;
    this.#file = file;
    this.#framesPerWrite = Math.max(1, options.framesPerWrite ?? 50);
    this.#maxPending = options.maxPendingBytes ?? 1 << 20;
    this.#chunk = Buffer.allocUnsafe(this.#framesPerWrite * FRAME_BYTES);
    this.#registration = options.pacer ? options.pacer.add(this) : null;
  }

  /** Creates (truncates) the file and starts recording. Rejects with MediaError FILE_IO. */
  static async open(path: string, options: RecorderOptions = {}): Promise<Recorder> {
    let file: FileHandle;
    try {
      file = await open(path, 'w');
      await file.write(wavHeader(SAMPLE_RATE, 2, 0xffffffff), 0, 44, 0);
    } catch (err) {
      throw new MediaError('FILE_IO', `cannot record to ${path}: ${(err as Error).message}`, { cause: err });
    }
    return new Recorder(path, file, options);
  }

  get closed(): boolean {
    return this.#closing !== null;
  }
  get durationMs(): number {
    return this.#frames * FRAME_MS;
  }
  get droppedFrames(): number {
    return this.#dropped;
  }

  /** Takes one frame from each side (silence where there is none) and appends it. */
  tick(): void {
    if (this.#closing) return;
    if (!this.left.read(this.#l)) this.#l.fill(0);
    if (!this.right.read(this.#r)) this.#r.fill(0);
    if (this.#failed || this.#pending + (this.#chunkFrames + 1) * FRAME_BYTES > this.#maxPending) {
      this.#dropped++;
      return;
    }
    let o = this.#chunkFrames * FRAME_BYTES;
    for (let i = 0; i < FRAME_SAMPLES; i++, o += 4) {
      this.#chunk.writeInt16LE(this.#l[i]!, o);
      this.#chunk.writeInt16LE(this.#r[i]!, o + 2);
    }
    this.#frames++;
    if (++this.#chunkFrames >= this.#framesPerWrite) this.#flush();
  }

  #flush(): void {
    if (this.#chunkFrames === 0) return;
    const buf = this.#chunk.subarray(0, this.#chunkFrames * FRAME_BYTES);
    const position = 44 + this.#dataBytes;
    this.#chunk = Buffer.allocUnsafe(this.#framesPerWrite * FRAME_BYTES);
    this.#chunkFrames = 0;
    this.#dataBytes += buf.length;
    this.#pending += buf.length;
    this.#writes = this.#writes.then(async () => {
      if (this.#failed) return;
      try {
        await this.#file.write(buf, 0, buf.length, position);
      } catch (err) {
        this.#failed = err as Error;
        this.emit('error', this.#failed);
      } finally {
        this.#pending -= buf.length;
      }
    });
  }

  /** Stops recording, writes what is left and the final header. Idempotent. */
  close(): Promise<RecordingSummary> {
    if (this.#closing) return this.#closing;
    this.#registration?.remove();
    this.#flush();
    this.#closing = (async () => {
      await this.#writes;
      try {
        if (!this.#failed) await this.#file.write(wavHeader(SAMPLE_RATE, 2, this.#dataBytes), 0, 44, 0);
      } catch (err) {
        this.emit('error', err as Error);
      }
      await this.#file.close().catch(() => undefined);
      const summary = { path: this.path, durationMs: this.durationMs, droppedFrames: this.#dropped };
      this.emit('close', summary);
      return summary;
    })();
    return this.#closing;
  }
}

/** What a recorder needs of a session: its received audio and its end. */
export interface RecordableSession {
  on(event: 'audio', listener: (pcm: Int16Array) => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  off(event: 'audio', listener: (pcm: Int16Array) => void): unknown;
}

/**
 * Records what `caller` receives on the left and what `other` receives on the right, until the
 * recorder is closed or either session closes (which closes the recorder).
 */
export function recordSessions(recorder: Recorder, caller: RecordableSession, other: RecordableSession): void {
  const left = (pcm: Int16Array): void => recorder.left.write(pcm);
  const right = (pcm: Int16Array): void => recorder.right.write(pcm);
  caller.on('audio', left);
  other.on('audio', right);
  const stop = (): void => void recorder.close();
  caller.on('close', stop);
  other.on('close', stop);
  recorder.on('close', () => {
    caller.off('audio', left);
    other.off('audio', right);
  });
}
