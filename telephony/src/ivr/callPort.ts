// What the IVR needs from a call, and nothing more. The SIP/media layer implements it for a real
// call; tests use ivr/testing/scriptedCallPort.ts. The contract, which both must keep:
//
// Media operations (play, collectDigits, record) run one at a time: starting one while another
// is pending rejects with InvalidStateError. Before answer() they reject with InvalidStateError;
// after the call has ended they reject with CallEndedError.
//
// DTMF type-ahead. Every digit the caller presses (RFC 4733 or SIP INFO) goes into the call's
// digit buffer, whatever operation is running — also during a play without barge-in. play() never
// consumes digits: with bargeIn, the first digit pressed during (or already buffered before) the
// prompt stops it and is reported as `interruptedBy`, and it stays in the buffer; collectDigits()
// takes digits from the buffer first and only then waits. So a caller who knows the menu can press
// "2" during the welcome message, and the menu that follows sees the "2". clearDigits() empties
// the buffer (before a recording, or where typed-ahead input must not count).
//
// collectDigits({ min, max, timeoutMs, interDigitMs, terminator }) resolves with
//   - null when no digit arrives within timeoutMs (no input);
//   - the digits (without the terminator) as soon as `max` digits are in, the terminator is
//     pressed (possibly giving fewer than `min`, even ""), or interDigitMs passes after a digit.
// The verb, not the port, decides whether fewer than `min` digits are acceptable.
//
// Cancellation: every operation takes an optional AbortSignal. When it aborts, the port stops
// the prompt/collection/recording promptly and rejects with the signal's reason (play and
// collectDigits) or resolves with what was recorded so far (record).
//
// Remote hangup: the port first settles pending operations — play and collectDigits reject with
// CallEndedError, record resolves with what was recorded (endedBy "hangup": a caller often ends a
// voice message by hanging up, and that message must not be lost) — and then calls the onHangup
// listeners, once. So a listener that kills the running verb (aborting its signal) finds nothing
// left to abort, and the recording is not lost. Operations started after the hangup reject with
// CallEndedError. hangup() by us ends pending operations the same way but calls no listener.

export type Dtmf = '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9' | '*' | '#' | 'A' | 'B' | 'C' | 'D';

export interface PlayOptions {
  /** Stop the prompt at the first DTMF digit. */
  bargeIn: boolean;
  signal?: AbortSignal;
}

export interface PlayResult {
  /** The digit that stopped the prompt (still in the digit buffer). */
  interruptedBy?: string;
}

export interface CollectOptions {
  min: number;
  max: number;
  /** Wait for the first digit (counted from the call; a buffered digit satisfies it at once). */
  timeoutMs: number;
  /** Wait between digits once the first has come. */
  interDigitMs: number;
  terminator?: '#' | '*';
  signal?: AbortSignal;
}

export interface RecordOptions {
  maxMs: number;
  /** This much continuous silence after speech ends the recording (and is trimmed off). */
  silenceMs: number;
  /** Play a short tone before recording starts. */
  beep: boolean;
  /** A DTMF key that ends the recording (not part of the audio, not left in the buffer). */
  terminator?: '#' | '*';
  signal?: AbortSignal;
}

export interface Recording {
  /** 8 kHz mono 16-bit PCM. */
  pcm: Int16Array;
  durationMs: number;
  endedBy: 'silence' | 'maxLength' | 'terminator' | 'hangup' | 'aborted';
}

export interface CallPort {
  /** Unique per call (the SIP Call-ID or the engine's own id). */
  readonly callId: string;
  readonly callerNumber: string;
  readonly calledNumber: string;
  /** Answers the call (200 OK); a no-op when already answered. */
  answer(): Promise<void>;
  play(pcm: Int16Array, opts: PlayOptions): Promise<PlayResult>;
  collectDigits(opts: CollectOptions): Promise<string | null>;
  /** Null when nothing at all was recorded (the caller hung up before the beep, ...). */
  record(opts: RecordOptions): Promise<Recording | null>;
  /** Empties the DTMF type-ahead buffer and returns what it held. */
  clearDigits(): string;
  /** Ends the call (BYE, or a final response before answer); idempotent. */
  hangup(cause?: string): Promise<void>;
  /** Called once when the far end hangs up; immediately if it already has. */
  onHangup(listener: (cause: string) => void): void;
}

/** The call ended (remote hangup or ours) while an operation was pending or about to start. */
export class CallEndedError extends Error {
  override readonly name = 'CallEndedError';
  readonly hangupCause: string;

  constructor(hangupCause = 'hangup') {
    super(`call ended (${hangupCause})`);
    this.hangupCause = hangupCause;
  }
}
