// A CallPort test double driven by a script of what the caller does. It keeps the contract in
// callPort.ts to the letter (one operation at a time, type-ahead buffer, settle-then-notify on
// hangup, abort signals) but runs in virtual time: timeouts happen when the script says the
// caller stays silent, not after real seconds. Stands in for the SIP call until that exists.

import { InvalidStateError } from '../../media/errors.ts';
import { CallEndedError, type CallPort, type CollectOptions, type PlayOptions, type PlayResult, type RecordOptions, type Recording } from '../callPort.ts';
import { textsOf } from './textPcm.ts';

export type CallerAction =
  | { press: string } // keys pressed while the IVR waits in collectDigits
  | { pressDuringPrompt: string } // keys pressed while the next prompt plays
  | { silence: true } // the next collectDigits hears nothing (first-digit timeout)
  | { speak: number; end?: 'silence' | 'terminator' } // the next recording gets this many ms of speech
  | { speakThenHangup: number } // speaks, then hangs up instead of pressing #
  | { hangupDuringPrompt: true } // hangs up while the next prompt plays
  | { hangup: true }; // hangs up at the next operation, whatever it is

export interface PlayedPrompt {
  texts: string[];
  bargeIn: boolean;
  interruptedBy?: string;
}

export class ScriptedCallPort implements CallPort {
  readonly callId: string;
  readonly callerNumber: string;
  readonly calledNumber: string;
  readonly played: PlayedPrompt[] = [];
  readonly log: string[] = [];
  #script: CallerAction[];
  #buffer = '';
  #answered = false;
  #ended: { cause: string; by: 'caller' | 'ivr' } | null = null;
  #busy = false;
  #pending: { reject: (e: Error) => void } | null = null;
  readonly #listeners: Array<(cause: string) => void> = [];

  constructor(script: CallerAction[], opts: { callId?: string; callerNumber?: string; calledNumber?: string } = {}) {
    this.#script = [...script];
    this.callId = opts.callId ?? 'call-1';
    this.callerNumber = opts.callerNumber ?? '13800138000';
    this.calledNumber = opts.calledNumber ?? '12345';
  }

  get ended(): { cause: string; by: 'caller' | 'ivr' } | null {
    return this.#ended;
  }
  /** Script actions not yet used. */
  get remaining(): readonly CallerAction[] {
    return this.#script;
  }
  /** Every text the caller heard, in order. */
  get heard(): string[] {
    return this.played.flatMap((p) => p.texts);
  }

  async answer(): Promise<void> {
    if (this.#ended) throw new CallEndedError(this.#ended.cause);
    if (!this.#answered) this.log.push('answer');
    this.#answered = true;
  }

  play(pcm: Int16Array, opts: PlayOptions): Promise<PlayResult> {
    return this.#op('play', opts.signal, (resolve) => {
      const entry: PlayedPrompt = { texts: textsOf(pcm), bargeIn: opts.bargeIn };
      this.played.push(entry);
      this.log.push(`play ${entry.texts.join(' | ')}`);
      const finish = (r: PlayResult): void => {
        if (r.interruptedBy !== undefined) entry.interruptedBy = r.interruptedBy;
        setImmediate(() => resolve(r));
      };
      if (opts.bargeIn && this.#buffer) return finish({ interruptedBy: this.#buffer[0]! });
      const next = this.#script[0];
      if (next && 'pressDuringPrompt' in next) {
        this.#script.shift();
        this.#buffer += next.pressDuringPrompt;
        return finish(opts.bargeIn ? { interruptedBy: next.pressDuringPrompt[0]! } : {});
      }
      if (next && ('hangupDuringPrompt' in next || 'hangup' in next)) {
        this.#script.shift();
        setImmediate(() => this.#remoteHangup()); // the prompt stays unfinished until then
        return;
      }
      finish({});
    });
  }

  collectDigits(opts: CollectOptions): Promise<string | null> {
    if (opts.min < 1 || opts.max < opts.min) throw new TypeError('collectDigits: need 1 <= min <= max');
    return this.#op('collect', opts.signal, (resolve, reject) => {
      let got = '';
      for (;;) {
        while (this.#buffer) {
          const d = this.#buffer[0]!;
          this.#buffer = this.#buffer.slice(1);
          if (d === opts.terminator) return this.#done(resolve, got, 'terminator');
          got += d;
          if (got.length >= opts.max) return this.#done(resolve, got, 'max');
        }
        const next = this.#script[0] ?? { hangup: true as const };
        if ('press' in next) {
          this.#script.shift();
          this.#buffer += next.press;
          continue;
        }
        if (got) return this.#done(resolve, got, 'interDigitTimeout');
        this.#script.shift();
        if ('silence' in next) return this.#done(resolve, null, 'timeout');
        if ('hangup' in next) return setImmediate(() => this.#remoteHangup());
        return reject(new Error(`script says ${JSON.stringify(next)} but the IVR is collecting digits`));
      }
    });
  }

  record(opts: RecordOptions): Promise<Recording | null> {
    return this.#op('record', opts.signal, (resolve, reject) => {
      const next = this.#script.shift() ?? { hangup: true as const };
      this.log.push(`record${opts.beep ? ' (beep)' : ''}`);
      if ('hangup' in next) {
        resolve(null);
        return setImmediate(() => this.#remoteHangup());
      }
      // A recording settles at once, so neither a hangup nor an abort can find it pending.
      if ('silence' in next) return resolve({ pcm: new Int16Array(0), durationMs: 0, endedBy: 'silence' });
      const spoken = 'speak' in next ? next.speak : 'speakThenHangup' in next ? next.speakThenHangup : null;
      if (spoken === null) return reject(new Error(`script says ${JSON.stringify(next)} but the IVR is recording`));
      const ms = Math.min(spoken, opts.maxMs);
      const pcm = new Int16Array(ms * 8).map((_, i) => Math.round(3000 * Math.sin(i / 3)));
      if ('speakThenHangup' in next) {
        resolve({ pcm, durationMs: ms, endedBy: 'hangup' }); // settle first, then tell the listeners
        return setImmediate(() => this.#remoteHangup());
      }
      const endedBy = spoken > opts.maxMs ? 'maxLength' : 'speak' in next && next.end === 'terminator' && opts.terminator ? 'terminator' : 'silence';
      resolve({ pcm, durationMs: ms, endedBy });
    });
  }

  clearDigits(): string {
    const had = this.#buffer;
    this.#buffer = '';
    return had;
  }

  async hangup(cause = 'normal'): Promise<void> {
    if (this.#ended) return;
    this.#ended = { cause, by: 'ivr' };
    this.log.push(`hangup by ivr (${cause})`);
    this.#pending?.reject(new CallEndedError(cause));
  }

  onHangup(listener: (cause: string) => void): void {
    if (this.#ended?.by === 'caller') listener(this.#ended.cause);
    else this.#listeners.push(listener);
  }

  /** The caller hangs up now, whatever the IVR is doing (a BYE arriving at any moment). */
  callerHangsUp(cause = 'caller-bye'): void {
    this.#remoteHangup(cause);
  }

  #remoteHangup(cause = 'caller-bye'): void {
    if (this.#ended) return;
    this.#ended = { cause, by: 'caller' };
    this.log.push('hangup by caller');
    this.#pending?.reject(new CallEndedError(cause)); // settle pending operations first ...
    for (const l of this.#listeners.splice(0)) l(cause); // ... then notify, once
  }

  #done(resolve: (v: string | null) => void, digits: string | null, how: string): void {
    this.log.push(`collect ${digits ?? '-'} (${how})`);
    setImmediate(() => resolve(digits));
  }

  /** Enforces the contract's state rules around one media operation. */
  #op<T>(name: string, signal: AbortSignal | undefined, body: (resolve: (v: T) => void, reject: (e: Error) => void) => void): Promise<T> {
    if (this.#ended) return Promise.reject(new CallEndedError(this.#ended.cause));
    if (!this.#answered) return Promise.reject(new InvalidStateError(`${name} before answer()`));
    if (this.#busy) return Promise.reject(new InvalidStateError(`${name} while another operation is pending`));
    if (signal?.aborted) return Promise.reject(signal.reason as Error);
    this.#busy = true;
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      const settle = (): boolean => {
        if (settled) return false;
        settled = true;
        this.#busy = false;
        this.#pending = null;
        signal?.removeEventListener('abort', onAbort);
        return true;
      };
      const onAbort = (): void => {
        if (settle()) reject(signal!.reason as Error);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#pending = { reject: (e) => settle() && reject(e) };
      body(
        (v) => settle() && resolve(v),
        (e) => settle() && reject(e),
      );
    });
  }
}
