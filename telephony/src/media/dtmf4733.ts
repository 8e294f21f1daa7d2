// RFC 4733 telephone-event payload (DTMF named events 0–15 and flash 16), a sender that turns
// a digit into the standard packet train, and a receiver that reports each event once.
//
//    0                   1                   2                   3
//    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   |     event     |E|R| volume    |          duration             |
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//
// Every packet of one event carries the RTP timestamp of the event's start (§2.5.1.1); the first
// has the marker bit (§2.5.1.2); updates grow `duration` (in timestamp units) while the key is
// held; the final packet has E=1 and is sent three times with the same timestamp and duration
// (§2.5.1.4), so a receiver must key on the timestamp to report the digit once.

export const DTMF_DIGITS = '0123456789*#ABCD';
export const EVENT_FLASH = 16;

export interface TelephoneEvent {
  event: number;
  end: boolean;
  /** Power level in −dBm0, 0–63 (DTMF is usually sent at 10). */
  volume: number;
  /** Duration so far, in RTP timestamp units (samples at 8 kHz). */
  duration: number;
}

export function digitToEvent(digit: string): number | null {
  const i = DTMF_DIGITS.indexOf(digit.toUpperCase());
  return digit.length === 1 && i >= 0 ? i : null;
}

export function eventToDigit(event: number): string | null {
  return DTMF_DIGITS[event] ?? null;
}

/** Decodes the first event of a telephone-event payload; null when it is shorter than 4 bytes. */
export function parseTelephoneEvent(payload: Uint8Array): TelephoneEvent | null {
  if (payload.length < 4) return null;
  const b1 = payload[1]!;
  return { event: payload[0]!, end: (b1 & 0x80) !== 0, volume: b1 & 0x3f, duration: (payload[2]! << 8) | payload[3]! };
}

export function serializeTelephoneEvent(e: TelephoneEvent, out: Uint8Array = new Uint8Array(4)): Uint8Array {
  out[0] = e.event & 0xff;
  out[1] = (e.end ? 0x80 : 0) | (e.volume & 0x3f);
  const d = Math.min(0xffff, Math.max(0, Math.round(e.duration)));
  out[2] = d >> 8;
  out[3] = d & 0xff;
  return out;
}

export interface DtmfSenderOptions {
  /** How long each digit is held, ms (default 100). */
  durationMs?: number;
  /** Silence between queued digits, ms (default 60). */
  gapMs?: number;
  volume?: number;
  /** Send an update every this many 20 ms ticks (1 → every 20 ms, as most gateways do). */
  updateEveryTicks?: number;
}

/** What the RTP sender does on a tick: send this event packet instead of audio, send nothing, or send audio (null). */
export type DtmfAction = { event: TelephoneEvent; marker: boolean; timestamp: number } | 'suppress' | null;

const TICK_SAMPLES = 160;
const END_REPEATS = 3;

/** Turns queued digits into per-tick actions. Pure: the RTP session calls `next()` once per 20 ms. */
export class DtmfSender {
  readonly #queue: number[] = [];
  readonly #durationTicks: number;
  readonly #gapTicks: number;
  readonly #volume: number;
  readonly #updateEvery: number;
  #event = -1;
  #timestamp = 0;
  #tick = 0;
  #endsSent = 0;
  #gapLeft = 0;

  constructor(options: DtmfSenderOptions = {}) {
    this.#durationTicks = Math.max(2, Math.round((options.durationMs ?? 100) / 20));
    this.#gapTicks = Math.max(0, Math.round((options.gapMs ?? 60) / 20));
    this.#volume = options.volume ?? 10;
    this.#updateEvery = Math.max(1, options.updateEveryTicks ?? 1);
  }

  /** Queues digits (0-9, *, #, A-D). Throws TypeError on anything else, before queuing any. */
  enqueue(digits: string): void {
    const events = [...digits].map((d) => digitToEvent(d));
    if (digits.length === 0 || events.some((e) => e === null)) throw new TypeError(`not DTMF digits: ${JSON.stringify(digits)}`);
    this.#queue.push(...(events as number[]));
  }

  get busy(): boolean {
    return this.#event >= 0 || this.#queue.length > 0 || this.#gapLeft > 0;
  }

  /** `timestamp` is the RTP timestamp this tick's audio frame would have. */
  next(timestamp: number): DtmfAction {
    if (this.#event < 0) {
      if (this.#gapLeft > 0) {
        this.#gapLeft--;
        return null;
      }
      const ev = this.#queue.shift();
      if (ev === undefined) return null;
      this.#event = ev;
      this.#timestamp = timestamp;
      this.#tick = 0;
      this.#endsSent = 0;
    }
    const k = this.#tick++;
    const duration = Math.min(k + 1, this.#durationTicks) * TICK_SAMPLES;
    const ended = k + 1 >= this.#durationTicks;
    if (!ended && k > 0 && k % this.#updateEvery !== 0) return 'suppress';
    const action: DtmfAction = {
      event: { event: this.#event, end: ended, volume: this.#volume, duration },
      marker: k === 0,
      timestamp: this.#timestamp,
    };
    if (ended && ++this.#endsSent >= END_REPEATS) {
      this.#event = -1;
      this.#gapLeft = this.#gapTicks;
    }
    return action;
  }

  /** Drops queued digits; an event in progress still gets its end packets. */
  clear(): void {
    this.#queue.length = 0;
  }
}

export interface ReceivedDigit {
  digit: string;
  event: number;
  /** The RTP timestamp of the event's start. */
  timestamp: number;
}

/**
 * Reports each event once, on the first of its packets that arrives (start, update or end — any
 * of them may be lost). Events are told apart by SSRC and start timestamp; retransmitted end
 * packets and late duplicates of the last few events are ignored.
 */
export class DtmfReceiver {
  readonly #seen: string[] = [];
  static readonly REMEMBER = 16;

  receive(ssrc: number, timestamp: number, e: TelephoneEvent): ReceivedDigit | null {
    const digit = eventToDigit(e.event);
    if (digit === null) return null;
    const key = `${ssrc}:${timestamp}`;
    if (this.#seen.includes(key)) return null;
    this.#seen.push(key);
    if (this.#seen.length > DtmfReceiver.REMEMBER) this.#seen.shift();
    return { digit, event: e.event, timestamp };
  }
}
