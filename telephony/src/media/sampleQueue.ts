// A bounded FIFO of samples between an irregular producer (packets as they arrive from the
// network) and a paced consumer (the mixer or recorder, one frame per tick): a minimal jitter
// buffer. It holds at most `capacity` samples (drops the oldest beyond that, so latency stays
// bounded when the peer's clock runs fast) and, after running dry, waits until `prime` samples
// have arrived before giving audio again (so a jittery stream does not flap between audio and
// silence every other tick).

import { type AudioSource, FRAME_SAMPLES } from './audio.ts';

export class SampleQueue {
  readonly capacity: number;
  readonly prime: number;
  readonly #buf: Int16Array;
  #start = 0;
  #length = 0;
  #primed = false;
  /** Samples thrown away because the queue was full. */
  dropped = 0;
  /** Reads that found too little audio. */
  underruns = 0;

  constructor(capacity = FRAME_SAMPLES * 10, prime = FRAME_SAMPLES * 2) {
    if (!(capacity >= FRAME_SAMPLES && prime >= 0 && prime <= capacity)) throw new RangeError('bad queue capacity or prime level');
    this.capacity = capacity;
    this.prime = prime;
    this.#buf = new Int16Array(capacity);
  }

  get available(): number {
    return this.#length;
  }

  write(samples: Int16Array): void {
    let src = samples;
    if (src.length > this.capacity) {
      this.dropped += src.length - this.capacity;
      src = src.subarray(src.length - this.capacity);
    }
    const overflow = this.#length + src.length - this.capacity;
    if (overflow > 0) {
      this.#start = (this.#start + overflow) % this.capacity;
      this.#length -= overflow;
      this.dropped += overflow;
    }
    const end = (this.#start + this.#length) % this.capacity;
    const first = Math.min(src.length, this.capacity - end);
    this.#buf.set(src.subarray(0, first), end);
    if (first < src.length) this.#buf.set(src.subarray(first), 0);
    this.#length += src.length;
    if (!this.#primed && this.#length >= this.prime) this.#primed = true;
  }

  /** Fills `out` and returns true, or returns false (leaving `out` alone) when there is not enough. */
  read(out: Int16Array): boolean {
    const n = out.length;
    if (!this.#primed || this.#length < n) {
      if (this.#primed) this.#primed = false;
      this.underruns++;
      return false;
    }
    const first = Math.min(n, this.capacity - this.#start);
    out.set(this.#buf.subarray(this.#start, this.#start + first), 0);
    if (first < n) out.set(this.#buf.subarray(0, n - first), first);
    this.#start = (this.#start + n) % this.capacity;
    this.#length -= n;
    return true;
  }

  clear(): void {
    this.#start = 0;
    this.#length = 0;
    this.#primed = false;
  }
}

/** An endless source over a queue: its audio when there is some, silence otherwise. */
export class QueueSource implements AudioSource {
  readonly queue: SampleQueue;

  constructor(queue: SampleQueue = new SampleQueue()) {
    this.queue = queue;
  }

  read(out: Int16Array): boolean {
    if (!this.queue.read(out)) out.fill(0);
    return true;
  }
}
