// The IVR's view of a real call (ivr/callPort.ts): an IncomingCall answered with a G.711 answer,
// an RtpSession opened from the MediaPlan on the engine's shared Pacer and PortAllocator (or, for
// a browser's WebRTC offer, a WebRtcMedia leg carrying G.711 over DTLS-SRTP), prompts
// played through a BufferPlayer, DTMF from RFC 4733 (the RtpSession) and SIP INFO (the call) into
// one type-ahead buffer, and recordings taken from the received audio.
//
// Every operation is a `#pending` entry that hears digits, audio and the end of the call, so the
// contract's ordering holds: on a remote hangup pending operations settle first (play/collect
// reject with CallEndedError, record resolves with what it has), then the onHangup listeners run.

import { answerAudio, planForOffer } from '../dialog/audioOffer.ts';
import { SAMPLE_RATE } from '../media/audio.ts';
import { InvalidStateError } from '../media/errors.ts';
import type { Pacer } from '../media/pacer.ts';
import type { PortAllocator } from '../media/portAllocator.ts';
import { RtpSession } from '../media/rtpSession.ts';
import { BufferPlayer } from '../media/sources.ts';
import type { Uri } from '../sip/uri.ts';
import { percentDecode } from '../sip/uri.ts';
import type { IncomingCall } from '../ua/incomingCall.ts';
import type { WebRtcConfig } from '../webrtc/config.ts';
import { answerWebRtc } from '../webrtc/negotiate.ts';
import { webRtcOfferProblem } from '../webrtc/sdpCheck.ts';
import type { WebRtcMedia } from '../webrtc/webRtcMedia.ts';
import { CallEndedError, type CallPort, type CollectOptions, type PlayOptions, type PlayResult, type RecordOptions, type Recording } from '../ivr/callPort.ts';

export interface SipCallPortOptions {
  pacer: Pacer;
  ports: PortAllocator;
  /** Local address to bind RTP to (default 0.0.0.0). */
  bindAddress?: string;
  /** Address written into our SDP (default: bindAddress, or 127.0.0.1 for 0.0.0.0). */
  mediaAddress?: string;
  /** RMS level (16-bit scale) above which a received frame counts as speech. Default 300. */
  speechThreshold?: number;
  /** Detect in-band DTMF tones too (peers without telephone-event). Default true. */
  inbandDtmf?: boolean;
  /** ICE and codec settings for WebRTC offers (browsers); default host candidates, PCMU then PCMA. */
  webrtc?: WebRtcConfig;
}

/** A call's media: an RTP session, or a WebRTC leg for a browser. */
export type CallMedia = RtpSession | WebRtcMedia;

interface Pending {
  digit?(): void;
  audio?(pcm: Int16Array): void;
  /** The call ended (remote hangup or ours). */
  ended(cause: string): void;
}

const DTMF_RE = /^[0-9*#A-D]$/;

/** The user part (or tel number) of a URI, decoded; "" when it has none. */
export function numberOf(uri: Uri): string {
  if (uri.kind === 'sip') return uri.user === undefined ? '' : percentDecode(uri.user).toString('utf8');
  if (uri.kind === 'tel') return uri.number;
  return '';
}

function rms(pcm: Int16Array): number {
  let sum = 0;
  for (const s of pcm) sum += s * s;
  return pcm.length === 0 ? 0 : Math.sqrt(sum / pcm.length);
}

/** Takes `player` off the session unless something else is playing by now. */
function release(session: CallMedia, player: BufferPlayer): void {
  if (session.closed) return;
  const current = session.play(null);
  if (current !== player) session.play(current);
}

function beepPcm(): Int16Array {
  const n = Math.round(SAMPLE_RATE * 0.4);
  const out = new Int16Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.round(8000 * Math.sin((2 * Math.PI * 1000 * i) / SAMPLE_RATE));
  return out;
}

export class SipCallPort implements CallPort {
  readonly callId: string;
  readonly callerNumber: string;
  readonly calledNumber: string;
  readonly call: IncomingCall;
  #session: CallMedia | null = null;
  #state: 'new' | 'answering' | 'answered' | 'ended' = 'new';
  #answering: Promise<void> | null = null;
  #endCause: string | null = null;
  #remoteEnded = false;
  #digits = '';
  #pending: Pending | null = null;
  readonly #listeners: Array<(cause: string) => void> = [];
  readonly #opts: SipCallPortOptions;

  constructor(call: IncomingCall, opts: SipCallPortOptions) {
    this.call = call;
    this.#opts = opts;
    this.callId = call.request.callId;
    this.callerNumber = numberOf(call.request.from.uri);
    this.calledNumber = numberOf(call.request.uri);
    call.on('dtmf', (d) => this.#digit(d));
    call.on('end', (reason) => {
      if (reason === 'local-bye' || reason === 'rejected' || reason === 'timeout') this.#finish(String(reason), false);
      else this.#finish(String(reason), true);
    });
    if (call.state === 'ended') this.#finish('ended', true);
  }

  /** The RTP session (after answer; null for a WebRTC call), for statistics and tests. */
  get session(): RtpSession | null {
    return this.#session instanceof RtpSession ? this.#session : null;
  }

  /** The call's media after answer, RTP or WebRTC. */
  get media(): CallMedia | null {
    return this.#session;
  }

  get ended(): boolean {
    return this.#state === 'ended';
  }

  answer(): Promise<void> {
    if (this.#state === 'ended') return Promise.reject(new CallEndedError(this.#endCause ?? 'hangup'));
    this.#answering ??= this.#answer();
    return this.#answering;
  }

  async #answer(): Promise<void> {
    this.#state = 'answering';
    const offer = this.call.offer;
    if (offer !== undefined && webRtcOfferProblem(offer) !== 'NOT_WEBRTC') return this.#answerWebRtc(offer);
    const plan = offer === undefined ? null : planForOffer(offer);
    if (offer === undefined || plan === null) {
      // No offer in the INVITE (offer in the ACK) is not supported; nothing usable → 488.
      if (this.call.state === 'offered') this.call.reject(488);
      throw new CallEndedError('not-acceptable');
    }
    const bind = this.#opts.bindAddress ?? '0.0.0.0';
    const session = await RtpSession.open({
      pacer: this.#opts.pacer,
      ports: this.#opts.ports,
      bindAddress: bind,
      codec: plan.codec,
      dtmfPayloadType: plan.dtmfPayloadType,
      direction: plan.direction,
      inbandDtmf: this.#opts.inbandDtmf ?? true,
      ...(plan.remote === undefined ? {} : { remote: plan.remote }),
    });
    if (this.call.state !== 'offered') {
      session.close();
      throw new CallEndedError(this.#endCause ?? 'cancelled');
    }
    this.#session = session;
    session.on('dtmf', (d) => this.#digit(d));
    session.on('audio', (pcm) => this.#pending?.audio?.(pcm));
    // A re-INVITE (hold, resume, a new address): follow the peer's new offer.
    this.call.on('reinvite', (newOffer) => {
      const p = newOffer === undefined ? null : planForOffer(newOffer);
      if (p === null || session.closed) return;
      if (p.remote !== undefined) session.setRemote(p.remote);
      session.direction = p.direction;
    });
    const address = this.#opts.mediaAddress ?? (bind === '0.0.0.0' ? '127.0.0.1' : bind);
    const answer = answerAudio(offer, { address, port: session.localPort });
    if (answer === null) throw new Error('unreachable: the offer was acceptable a moment ago');
    this.call.answer(answer.sdp);
    this.#state = 'answered';
  }

  /** A browser's offer: a WebRTC leg, answered 488 when its SDP is unusable (no fingerprint, no G.711). */
  async #answerWebRtc(offer: string): Promise<void> {
    let answer;
    try {
      answer = await answerWebRtc(offer, { ...this.#opts.webrtc, pacer: this.#opts.pacer, inbandDtmf: this.#opts.inbandDtmf ?? true });
    } catch {
      if (this.call.state === 'offered') this.call.reject(488);
      throw new CallEndedError('not-acceptable');
    }
    const media = answer.media;
    if (this.call.state !== 'offered') {
      media.close();
      throw new CallEndedError(this.#endCause ?? 'cancelled');
    }
    this.#session = media;
    media.on('dtmf', (d) => this.#digit(d));
    media.on('audio', (pcm) => this.#pending?.audio?.(pcm));
    // ICE or DTLS failed, or the browser vanished: the caller is gone as surely as after a BYE.
    media.on('close', () => {
      if (this.#state === 'ended') return;
      this.#finish('media-failed', true);
      if (this.call.state === 'answered') void this.call.hangup().catch(() => undefined);
    });
    this.call.answer(answer.answerSdp);
    this.#state = 'answered';
  }

  play(pcm: Int16Array, opts: PlayOptions): Promise<PlayResult> {
    return this.#op<PlayResult>(opts.signal, (resolve, reject, done) => {
      const session = this.#session!;
      const first = this.#digits[0];
      if (opts.bargeIn && first !== undefined) {
        done(() => resolve({ interruptedBy: first }));
        return null;
      }
      const player = new BufferPlayer(pcm);
      const stop = (): void => {
        player.stop();
        release(session, player);
      };
      player.once('ended', (reason) => {
        if (reason === 'finished') done(() => resolve({}));
      });
      session.play(player);
      return {
        digit: () => {
          const d = this.#digits[0];
          if (opts.bargeIn && d !== undefined) done(() => resolve({ interruptedBy: d }));
        },
        ended: (cause) => done(() => reject(new CallEndedError(cause))),
        cleanup: stop,
        abort: (reason) => done(() => reject(reason)),
      };
    });
  }

  collectDigits(opts: CollectOptions): Promise<string | null> {
    return this.#op<string | null>(opts.signal, (resolve, reject, done) => {
      let got = '';
      let timer: NodeJS.Timeout | undefined;
      const arm = (ms: number, value: () => string | null): void => {
        clearTimeout(timer);
        timer = setTimeout(() => done(() => resolve(value())), ms);
      };
      const finish = (v: string | null): void => {
        clearTimeout(timer);
        done(() => resolve(v));
      };
      const take = (): boolean => {
        while (this.#digits.length > 0) {
          const d = this.#digits[0]!;
          this.#digits = this.#digits.slice(1);
          if (opts.terminator !== undefined && d === opts.terminator) {
            finish(got);
            return true;
          }
          got += d;
          if (got.length >= opts.max) {
            finish(got);
            return true;
          }
          arm(opts.interDigitMs, () => got);
        }
        return false;
      };
      if (take()) return null;
      if (got === '') arm(opts.timeoutMs, () => null);
      return {
        digit: () => void take(),
        ended: (cause) => done(() => reject(new CallEndedError(cause))),
        cleanup: () => clearTimeout(timer),
        abort: (reason) => done(() => reject(reason)),
      };
    });
  }

  record(opts: RecordOptions): Promise<Recording | null> {
    const threshold = this.#opts.speechThreshold ?? 300;
    return this.#op<Recording | null>(opts.signal, (resolve, _reject, done) => {
      const session = this.#session!;
      const frames: Int16Array[] = [];
      let samples = 0;
      let spokeAt = -1; // samples recorded when the last speech frame ended
      let recording = !opts.beep;
      let lastAudio = Date.now();
      let maxTimer: NodeJS.Timeout | undefined;
      let quietTimer: NodeJS.Timeout | undefined;
      let beep: BufferPlayer | null = null;
      const result = (endedBy: Recording['endedBy']): Recording | null => {
        if (!recording) return null;
        let keep = samples;
        if (endedBy === 'silence') keep = Math.max(0, spokeAt);
        const pcm = new Int16Array(keep);
        let at = 0;
        for (const f of frames) {
          if (at >= keep) break;
          const n = Math.min(f.length, keep - at);
          pcm.set(f.subarray(0, n), at);
          at += n;
        }
        return { pcm, durationMs: Math.round((keep * 1000) / SAMPLE_RATE), endedBy };
      };
      const finish = (endedBy: Recording['endedBy']): void => done(() => resolve(result(endedBy)));
      const start = (): void => {
        recording = true;
        lastAudio = Date.now();
        // Wall-clock backstops: a peer that stops sending RTP still ends the recording.
        maxTimer = setTimeout(() => finish('maxLength'), opts.maxMs + 500);
        quietTimer = setInterval(() => {
          if (Date.now() - lastAudio >= opts.silenceMs) finish('silence');
        }, 100);
      };
      if (opts.beep) {
        beep = new BufferPlayer(beepPcm());
        beep.once('ended', (reason) => {
          if (reason === 'finished') start();
        });
        session.play(beep);
      } else start();
      const terminated = (): boolean => {
        if (opts.terminator === undefined) return false;
        const i = this.#digits.indexOf(opts.terminator);
        if (i < 0) return false;
        this.#digits = this.#digits.slice(0, i) + this.#digits.slice(i + 1);
        return true;
      };
      if (recording && terminated()) {
        finish('terminator');
        return null;
      }
      return {
        digit: () => {
          if (recording && terminated()) finish('terminator');
        },
        audio: (pcm) => {
          if (!recording) return;
          frames.push(pcm);
          samples += pcm.length;
          const speech = rms(pcm) >= threshold;
          if (speech) {
            spokeAt = samples;
            lastAudio = Date.now();
          }
          if (samples * 1000 >= opts.maxMs * SAMPLE_RATE) return finish('maxLength');
          const silentSamples = samples - Math.max(0, spokeAt);
          if (silentSamples * 1000 >= opts.silenceMs * SAMPLE_RATE) finish('silence');
        },
        ended: () => finish('hangup'),
        cleanup: () => {
          clearTimeout(maxTimer);
          clearInterval(quietTimer);
          if (beep !== null) {
            beep.stop();
            release(session, beep);
          }
        },
        abort: () => finish('aborted'),
      };
    });
  }

  clearDigits(): string {
    const d = this.#digits;
    this.#digits = '';
    return d;
  }

  async hangup(cause = 'normal'): Promise<void> {
    if (this.#state === 'ended') return;
    const wasOffered = this.call.state === 'offered';
    this.#finish(cause, false);
    if (wasOffered || this.call.state === 'answered') await this.call.hangup();
  }

  onHangup(listener: (cause: string) => void): void {
    if (this.#remoteEnded) listener(this.#endCause ?? 'hangup');
    else if (this.#state !== 'ended') this.#listeners.push(listener);
    // (a listener added between the hangup and the deferred notification is called at once)
  }

  #digit(d: string): void {
    if (this.#state === 'ended' || !DTMF_RE.test(d)) return;
    this.#digits += d;
    this.#pending?.digit?.();
  }

  #finish(cause: string, remote: boolean): void {
    if (this.#state === 'ended') return;
    this.#state = 'ended';
    this.#endCause = cause;
    this.#remoteEnded = remote;
    this.#pending?.ended(cause);
    this.#pending = null;
    this.#session?.close();
    if (remote) {
      // After the settled operations' continuations (the verb sees its result first).
      setImmediate(() => {
        for (const l of this.#listeners.splice(0)) {
          try {
            l(cause);
          } catch {
            // a listener's failure must not stop the others
          }
        }
      });
    }
  }

  /**
   * Runs one media operation. `body` returns the handlers of the pending operation, or null when
   * it already settled (through `done`).
   */
  #op<T>(
    signal: AbortSignal | undefined,
    body: (
      resolve: (v: T) => void,
      reject: (e: unknown) => void,
      done: (settle: () => void) => void,
    ) => (Pending & { cleanup(): void; abort(reason: unknown): void }) | null,
  ): Promise<T> {
    if (this.#state === 'ended') return Promise.reject(new CallEndedError(this.#endCause ?? 'hangup'));
    if (this.#state !== 'answered') return Promise.reject(new InvalidStateError('the call is not answered'));
    if (this.#pending !== null) return Promise.reject(new InvalidStateError('another media operation is running'));
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      let handlers: (Pending & { cleanup(): void; abort(reason: unknown): void }) | null = null;
      const onAbort = (): void => handlers?.abort(signal?.reason);
      const token: Pending = {
        digit: () => handlers?.digit?.(),
        audio: (pcm) => handlers?.audio?.(pcm),
        ended: (cause) => handlers?.ended(cause),
      };
      const done = (settle: () => void): void => {
        if (settled) return;
        settled = true;
        handlers?.cleanup();
        signal?.removeEventListener('abort', onAbort);
        if (this.#pending === token) this.#pending = null;
        settle();
      };
      this.#pending = token;
      handlers = body(resolve, reject, done);
      if (settled) {
        handlers?.cleanup();
        return;
      }
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }
}
