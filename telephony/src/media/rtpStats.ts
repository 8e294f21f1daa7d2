// Receive-side statistics for one RTP source, as RFC 3550 Appendix A.1 (sequence numbers, with
// 16-bit wrap-around and restart on a large jump), A.3 (loss) and A.8 (interarrival jitter)
// define them, and the report block (§6.4.1) they produce.

import type { ReportBlock } from './rtcp.ts';

const MAX_DROPOUT = 3000;
const MAX_MISORDER = 100;

export class ReceiveStats {
  readonly ssrc: number;
  readonly clockRate: number;
  #baseSeq = 0;
  #maxSeq = 0;
  #cycles = 0;
  #received = 0;
  #expectedPrior = 0;
  #receivedPrior = 0;
  #jitter = 0;
  #lastTransit: number | null = null;
  #started = false;
  /** Middle 32 bits of the NTP time of the last SR from this source, and when it came (ms). */
  #lastSr = 0;
  #lastSrAt: number | null = null;

  constructor(ssrc: number, clockRate = 8000) {
    this.ssrc = ssrc;
    this.clockRate = clockRate;
  }

  /** Accounts for one packet; `arrivalMs` on any monotonic clock. */
  update(seq: number, rtpTimestamp: number, arrivalMs: number): void {
    if (!this.#started) {
      this.#started = true;
      this.#restart(seq);
    } else {
      const udelta = (seq - this.#maxSeq) & 0xffff;
      if (udelta < MAX_DROPOUT) {
        if (seq < this.#maxSeq) this.#cycles += 0x10000;
        this.#maxSeq = seq;
      } else if (udelta <= 0x10000 - MAX_MISORDER) {
        this.#restart(seq); // the sender restarted or jumped: count afresh
      } // else a duplicate or a late, reordered packet: counted as received only
    }
    this.#received++;
    const transit = (arrivalMs * this.clockRate) / 1000 - rtpTimestamp;
    if (this.#lastTransit !== null) {
      let d = Math.abs(transit - this.#lastTransit);
      if (d > 2 ** 31) d = 2 ** 32 - d; // the RTP timestamp wrapped between the two packets
      this.#jitter += (d - this.#jitter) / 16;
    }
    this.#lastTransit = transit;
  }

  #restart(seq: number): void {
    this.#baseSeq = seq;
    this.#maxSeq = seq;
    this.#cycles = 0;
    this.#received = 0;
    this.#expectedPrior = 0;
    this.#receivedPrior = 0;
  }

  noteSenderReport(ntpSec: number, ntpFrac: number, nowMs: number): void {
    this.#lastSr = (((ntpSec & 0xffff) << 16) | (ntpFrac >>> 16)) >>> 0;
    this.#lastSrAt = nowMs;
  }

  get received(): number {
    return this.#received;
  }
  get extendedHighestSeq(): number {
    return this.#cycles + this.#maxSeq;
  }
  get expected(): number {
    return this.extendedHighestSeq - this.#baseSeq + 1;
  }
  get cumulativeLost(): number {
    return this.expected - this.#received;
  }
  /** Interarrival jitter in timestamp units. */
  get jitter(): number {
    return this.#jitter;
  }

  /** The report block for this source; resets the "since last report" counters. */
  reportBlock(nowMs: number): ReportBlock {
    const expected = this.expected;
    const expectedInterval = expected - this.#expectedPrior;
    const receivedInterval = this.#received - this.#receivedPrior;
    this.#expectedPrior = expected;
    this.#receivedPrior = this.#received;
    const lostInterval = expectedInterval - receivedInterval;
    const fractionLost = expectedInterval <= 0 || lostInterval <= 0 ? 0 : Math.floor((lostInterval << 8) / expectedInterval);
    const lost = Math.max(-0x800000, Math.min(0x7fffff, this.cumulativeLost));
    return {
      ssrc: this.ssrc,
      fractionLost,
      cumulativeLost: lost,
      extendedHighestSeq: this.extendedHighestSeq >>> 0,
      jitter: Math.floor(this.#jitter) >>> 0,
      lastSr: this.#lastSr,
      delaySinceLastSr: this.#lastSrAt === null ? 0 : Math.floor(((nowMs - this.#lastSrAt) / 1000) * 65536) >>> 0,
    };
  }
}
