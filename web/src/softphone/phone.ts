// The browser softphone: a JsSIP user agent registered over WebSocket with the credentials the CTI
// hands out at agent login. It turns the UA's events into reducer actions (state.ts), keeps one call
// at a time (a second INVITE gets 486 Busy Here) and plays the remote audio into an <audio> element.
// The UA is built by a factory so tests can drive the wrapper with a fake of the same surface.
import type { SipCredentials } from '../api/cti';
import { DTMF_DIGITS, initialSoftphoneState, isBusy, softphoneReducer, type SoftphoneAction, type SoftphoneState } from './state';

type Handler = (...args: any[]) => void;

/** The part of a JsSIP RTCSession the wrapper uses. */
export interface SessionPort {
  readonly id: string;
  readonly remote_identity: { display_name?: string | null; uri: { user?: string | null } };
  readonly connection?: RTCPeerConnection | null;
  on(event: string, fn: Handler): unknown;
  answer(options?: unknown): void;
  terminate(options?: { status_code?: number; reason_phrase?: string }): void;
  hold(): boolean;
  unhold(): boolean;
  mute(options?: { audio?: boolean }): void;
  unmute(options?: { audio?: boolean }): void;
  sendDTMF(tones: string, options?: unknown): void;
  isEnded(): boolean;
}

/** The part of a JsSIP UA the wrapper uses. */
export interface UaPort {
  on(event: string, fn: Handler): unknown;
  start(): void;
  stop(): void;
}

export type UaFactory = (creds: SipCredentials) => UaPort;

/** JsSIP is loaded on first use so pages without a phone do not pay for it. */
export const jssipFactory = async (): Promise<UaFactory> => {
  const JsSIP = await import('jssip');
  return (creds) =>
    new JsSIP.UA({
      sockets: [new JsSIP.WebSocketInterface(creds.wsUrl)],
      uri: creds.uri,
      authorization_user: creds.authorizationUser,
      password: creds.password,
      display_name: creds.displayName,
      register: true,
      session_timers: false,
      user_agent: 'hotline12345-web',
    }) as unknown as UaPort;
};

// Media on a local network: host candidates are enough, and waiting for STUN would delay the answer.
const ANSWER_OPTIONS = { mediaConstraints: { audio: true, video: false }, pcConfig: { iceServers: [] } };

function causeOf(e: unknown): string {
  const c = (e as { cause?: unknown } | null)?.cause;
  return typeof c === 'string' && c ? c : 'unknown';
}

export class Softphone {
  #state: SoftphoneState = initialSoftphoneState;
  readonly #listeners = new Set<() => void>();
  readonly #factory: () => Promise<UaFactory>;
  readonly #now: () => number;
  #ua: UaPort | null = null;
  #creds: SipCredentials | null = null;
  #session: SessionPort | null = null;
  #audio: HTMLAudioElement | null = null;
  #remote: MediaStream | null = null;
  /** Bumped on every start/stop so a slow factory cannot start a UA that was already stopped. */
  #generation = 0;

  constructor(factory: () => Promise<UaFactory> = jssipFactory, now: () => number = Date.now) {
    this.#factory = factory;
    this.#now = now;
  }

  getState = (): SoftphoneState => this.#state;

  subscribe = (fn: () => void): (() => void) => {
    this.#listeners.add(fn);
    return () => this.#listeners.delete(fn);
  };

  #dispatch(a: SoftphoneAction): void {
    const next = softphoneReducer(this.#state, a);
    if (next === this.#state) return;
    this.#state = next;
    for (const fn of [...this.#listeners]) fn();
  }

  /** The credentials the phone is registered with (null when stopped). */
  get credentials(): SipCredentials | null {
    return this.#creds;
  }

  /** Registers with these credentials; a no-op when already running with the same ones. */
  async start(creds: SipCredentials): Promise<void> {
    if (this.#ua && this.#creds && sameCreds(this.#creds, creds)) return;
    this.stop();
    const generation = ++this.#generation;
    this.#creds = creds;
    this.#dispatch({ type: 'connecting' });
    let ua: UaPort;
    try {
      ua = (await this.#factory())(creds);
    } catch (e) {
      if (generation === this.#generation) this.#dispatch({ type: 'registrationFailed', cause: (e as Error).message || 'init' });
      return;
    }
    if (generation !== this.#generation) return;
    this.#ua = ua;
    const mine = (fn: Handler): Handler => (...args) => {
      if (this.#ua === ua) fn(...args);
    };
    ua.on('connecting', mine(() => this.#dispatch({ type: 'connecting' })));
    ua.on('connected', mine(() => this.#dispatch({ type: 'connected' })));
    ua.on('disconnected', mine((e: { reason?: string } | undefined) => this.#dispatch({ type: 'disconnected', error: e?.reason })));
    ua.on('registered', mine(() => this.#dispatch({ type: 'registered' })));
    ua.on('unregistered', mine(() => this.#dispatch({ type: 'unregistered' })));
    ua.on('registrationFailed', mine((e: unknown) => this.#dispatch({ type: 'registrationFailed', cause: causeOf(e) })));
    ua.on('newRTCSession', mine((e: { originator: string; session: SessionPort }) => this.#onSession(e.originator, e.session)));
    ua.start();
  }

  /** Hangs up, unregisters and closes the socket. */
  stop(): void {
    this.#generation++;
    const ua = this.#ua;
    this.#ua = null;
    this.#creds = null;
    if (this.#session && !this.#session.isEnded()) {
      try {
        this.#session.terminate();
      } catch {
        /* already gone */
      }
    }
    this.#session = null;
    this.#setRemote(null);
    ua?.stop();
    this.#dispatch({ type: 'stopped' });
  }

  /** The element that plays the caller; the page renders it once. */
  attachAudio(el: HTMLAudioElement | null): void {
    this.#audio = el;
    if (el) this.#play();
  }

  answer(): void {
    this.#act((s) => s.answer(ANSWER_OPTIONS));
  }

  hangup(): void {
    this.#act((s) => s.terminate());
  }

  hold(): void {
    this.#act((s) => s.hold());
  }

  unhold(): void {
    this.#act((s) => s.unhold());
  }

  mute(): void {
    this.#act((s) => s.mute({ audio: true }));
  }

  unmute(): void {
    this.#act((s) => s.unmute({ audio: true }));
  }

  /** Sends digits in the media stream (RFC 4733), as the CTI's IVR and the caller's leg expect. */
  sendDTMF(tones: string): void {
    if (!DTMF_DIGITS.test(tones)) {
      this.#dispatch({ type: 'error', message: `invalid DTMF: ${tones}` });
      return;
    }
    this.#act((s) => {
      s.sendDTMF(tones, { transportType: 'RFC2833', duration: 120, interToneGap: 80 });
      this.#dispatch({ type: 'dtmf', sessionId: s.id, tones });
    });
  }

  clearError(): void {
    this.#dispatch({ type: 'clearError' });
  }

  dismissEnded(): void {
    this.#dispatch({ type: 'dismissEnded' });
  }

  #act(f: (s: SessionPort) => unknown): void {
    const s = this.#session;
    if (!s || s.isEnded()) {
      this.#dispatch({ type: 'error', message: 'no call' });
      return;
    }
    try {
      f(s);
    } catch (e) {
      this.#dispatch({ type: 'error', message: (e as Error).message || String(e) });
    }
  }

  #onSession(originator: string, session: SessionPort): void {
    // Calls are placed through the CTI (it rings this phone first), so only incoming ones are expected.
    if (originator !== 'remote') return;
    if (isBusy(this.#state)) {
      session.terminate({ status_code: 486, reason_phrase: 'Busy Here' });
      return;
    }
    this.#session = session;
    const id = session.id;
    const current = (fn: Handler): Handler => (...args) => {
      if (this.#session === session) fn(...args);
    };
    session.on('peerconnection', current((e: { peerconnection: RTCPeerConnection }) => this.#watchTracks(e.peerconnection)));
    session.on('accepted', current(() => this.#dispatch({ type: 'accepted', sessionId: id })));
    session.on('confirmed', current(() => this.#dispatch({ type: 'confirmed', sessionId: id, at: this.#now() })));
    const end = current((e: unknown) => {
      this.#session = null;
      this.#setRemote(null);
      this.#dispatch({ type: 'ended', sessionId: id, cause: causeOf(e), at: this.#now() });
    });
    session.on('ended', end);
    session.on('failed', end);
    session.on('hold', current(() => this.#dispatch({ type: 'hold', sessionId: id, held: true })));
    session.on('unhold', current(() => this.#dispatch({ type: 'hold', sessionId: id, held: false })));
    session.on('muted', current(() => this.#dispatch({ type: 'mute', sessionId: id, muted: true })));
    session.on('unmuted', current(() => this.#dispatch({ type: 'mute', sessionId: id, muted: false })));
    session.on('getusermediafailed', current((e: unknown) => this.#dispatch({ type: 'error', message: `microphone: ${(e as Error)?.message ?? e}` })));
    if (session.connection) this.#watchTracks(session.connection);
    const who = session.remote_identity;
    this.#dispatch({ type: 'incoming', sessionId: id, remoteNumber: who.uri.user ?? '', remoteName: who.display_name || null, at: this.#now() });
  }

  #watchTracks(pc: RTCPeerConnection): void {
    pc.addEventListener('track', (e: RTCTrackEvent) => {
      this.#setRemote(e.streams[0] ?? new MediaStream([e.track]));
    });
  }

  #setRemote(stream: MediaStream | null): void {
    this.#remote = stream;
    this.#play();
  }

  #play(): void {
    const el = this.#audio;
    if (!el) return;
    el.srcObject = this.#remote;
    // Autoplay may be refused before the user has touched the page; the answer click counts as a touch.
    if (this.#remote) void el.play().catch(() => undefined);
  }
}

function sameCreds(a: SipCredentials, b: SipCredentials): boolean {
  return a.uri === b.uri && a.wsUrl === b.wsUrl && a.authorizationUser === b.authorizationUser && a.password === b.password;
}
