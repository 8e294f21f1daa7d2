// RTP ports from a configured range: RTP on an even port, RTCP on the odd port above it
// (RFC 3550 §11). Ports are handed out round-robin, so a port just released is the last to be
// reused: late packets of a finished call do not land in a new one.

import { MediaError } from './errors.ts';

export class PortAllocator {
  readonly min: number;
  readonly max: number;
  readonly #inUse = new Set<number>();
  #next: number;

  /** `min`..`max` inclusive; RTP ports are the even ones whose RTCP port (+1) is also in range. */
  constructor(min: number, max: number) {
    if (!Number.isInteger(min) || !Number.isInteger(max) || min < 1024 || max > 65535) {
      throw new RangeError(`port range must be integers within 1024–65535, got ${min}–${max}`);
    }
    this.min = min + (min & 1);
    this.max = max;
    if (this.min + 1 > max) throw new RangeError(`port range ${min}–${max} holds no RTP/RTCP pair`);
    this.#next = this.min;
  }

  /** How many RTP/RTCP pairs the range holds. */
  get capacity(): number {
    return Math.floor((this.max - this.min + 1) / 2);
  }

  get inUse(): number {
    return this.#inUse.size;
  }

  isReserved(port: number): boolean {
    return this.#inUse.has(port);
  }

  /** The next free even port. Throws MediaError PORTS_EXHAUSTED when every pair is taken. */
  reserve(): number {
    const n = this.capacity;
    for (let i = 0; i < n; i++) {
      const port = this.#next;
      this.#next = port + 2 + 1 > this.max ? this.min : port + 2;
      if (!this.#inUse.has(port)) {
        this.#inUse.add(port);
        return port;
      }
    }
    throw new MediaError('PORTS_EXHAUSTED', `all ${n} RTP port pairs in ${this.min}–${this.max} are in use`);
  }

  /** Returns a port to the pool; false when it was not reserved (double release is harmless). */
  release(port: number): boolean {
    return this.#inUse.delete(port);
  }
}
