// One WebRTC audio leg: a werift peer connection (ICE + DTLS-SRTP) carrying G.711, seen by the
// rest of the engine exactly like an RtpSession — `audio` events of 8 kHz 16-bit frames, play()
// of an AudioSource paced by the shared Pacer, RFC 4733 DTMF both ways, `close` once.
//
// Sending: once ICE and DTLS are up the leg joins the pacer; each 20 ms tick it takes a DTMF
// packet or one frame of its source (silence when there is none), encodes it with the law the
// sender negotiated and hands it to werift, which encrypts it (SRTP) and sends it on the
// nominated candidate pair. Until then the source is not read, so a prompt started right after
// the 200 OK is heard from its beginning, not cut by the time ICE and DTLS take.
//
// Receiving: werift delivers decrypted RTP of the remote track; G.711 is decoded, telephone-event
// goes through the same de-duplicating receiver as RTP legs, anything else is counted and dropped.
//
// Ownership: the leg owns its peer connection. close() is idempotent: it leaves the pacer, closes
// the peer connection (its sockets) and emits `close` once; the leg also closes itself when ICE or
// DTLS fail, when the connection stays lost longer than disconnectTimeoutMs, or when it never
// connects within connectTimeoutMs. Sources are not the leg's: they are dropped, not stopped.

import { type MediaStreamTrack, type RTCPeerConnection, type RTCRtpTransceiver, RtpHeader, RtpPacket } from 'werift';
import type { G711 } from '../dialog/audioOffer.ts';
import { type AudioSource, FRAME_SAMPLES } from '../media/audio.ts';
import { DtmfReceiver, DtmfSender, type DtmfSenderOptions, parseTelephoneEvent, serializeTelephoneEvent } from '../media/dtmf4733.ts';
import { DtmfToneDetector } from '../media/dtmfDetector.ts';
import { InvalidStateError } from '../media/errors.ts';
import { TypedEmitter } from '../media/events.ts';
import { ALAW_SILENCE, ULAW_SILENCE, decodeG711, encodeG711 } from '../media/g711.ts';
import type { Pacer, PacerClient, PacerRegistration } from '../media/pacer.ts';
import type { WebRtcConfig } from './config.ts';

export type WebRtcState = 'new' | 'connecting' | 'connected' | 'closed';

/** Why a leg closed: we closed it, or the connection failed, was lost, or never came up. */
export type WebRtcCloseReason = 'local' | 'failed' | 'disconnected' | 'connect-timeout' | 'remote-closed';

export interface WebRtcMediaEvents {
  /** Decoded received audio, 8 kHz 16-bit (usually 160 samples); the array is the listener's to keep. */
  audio: [pcm: Int16Array];
  dtmf: [digit: string, via: 'rfc4733' | 'inband'];
  /** ICE and DTLS are up: media flows from now on. */
  connected: [];
  close: [];
}

export interface WebRtcMediaStats {
  packetsSent: number;
  octetsSent: number;
  packetsReceived: number;
  octetsReceived: number;
  /** Payload types other than the negotiated G.711, telephone-event and CN. */
  unknownPayloadType: number;
  sendErrors: number;
}

export interface WebRtcLegOptions extends WebRtcConfig {
  pacer: Pacer;
  /** How digits sent with sendDtmf() are shaped. */
  dtmf?: DtmfSenderOptions;
}

const PT_CN = 13;
const random32 = (): number => (Math.random() * 2 ** 32) >>> 0;

export class WebRtcMedia extends TypedEmitter<WebRtcMediaEvents> implements PacerClient {
  readonly stats: WebRtcMediaStats = { packetsSent: 0, octetsSent: 0, packetsReceived: 0, octetsReceived: 0, unknownPayloadType: 0, sendErrors: 0 };
  readonly #pc: RTCPeerConnection;
  readonly #transceiver: RTCRtpTransceiver;
  readonly #pacer: Pacer;
  readonly #config: WebRtcConfig;
  readonly #dtmfOut: DtmfSender;
  readonly #dtmfIn = new DtmfReceiver();
  readonly #inband: DtmfToneDetector | null;
  readonly #frame = new Int16Array(FRAME_SAMPLES);
  readonly #tracks = new WeakSet<MediaStreamTrack>();
  readonly #unsubscribe: (() => void)[] = [];
  #registration: PacerRegistration | null = null;
  #state: WebRtcState = 'new';
  #closeReason: WebRtcCloseReason | null = null;
  #source: AudioSource | null = null;
  #codec: G711 | null = null;
  #lawByPt = new Map<number, G711>();
  #dtmfPt: number | null = null;
  #sawTelephoneEvent = false;
  #seq = random32() & 0xffff;
  #timestamp = random32();
  #marker = true;
  #connectTimer: NodeJS.Timeout | undefined;
  #lostTimer: NodeJS.Timeout | undefined;
  #connectedWaiters: { resolve(): void; reject(e: Error): void }[] = [];

  /** Made by answerWebRtc() / offerWebRtc(), which negotiate the connection first. */
  constructor(pc: RTCPeerConnection, transceiver: RTCRtpTransceiver, options: WebRtcLegOptions) {
    super();
    this.#pc = pc;
    this.#transceiver = transceiver;
    this.#pacer = options.pacer;
    this.#config = options;
    this.#dtmfOut = new DtmfSender(options.dtmf);
    this.#inband = options.inbandDtmf ? new DtmfToneDetector() : null;
    for (const track of transceiver.receiver.tracks) this.#listen(track);
    this.#on(transceiver.onTrack, (track) => this.#listen(track));
    this.#on(pc.connectionStateChange, (state) => this.#onConnectionState(state));
  }

  get state(): WebRtcState {
    return this.#state;
  }
  get closed(): boolean {
    return this.#state === 'closed';
  }
  get closeReason(): WebRtcCloseReason | null {
    return this.#closeReason;
  }
  /** The G.711 law we send (known once both descriptions are applied). */
  get codec(): G711 | null {
    return this.#codec;
  }
  /** The negotiated telephone-event payload type, null when the peer has none. */
  get dtmfPayloadType(): number | null {
    return this.#dtmfPt;
  }

  /** Resolves once ICE and DTLS are up; rejects with InvalidStateError if the leg closes first. */
  whenConnected(): Promise<void> {
    if (this.#state === 'connected') return Promise.resolve();
    if (this.#state === 'closed') return Promise.reject(new InvalidStateError(`the WebRTC leg closed (${this.#closeReason})`));
    return new Promise((resolve, reject) => this.#connectedWaiters.push({ resolve, reject }));
  }

  /** Plays `source` from the next tick on, replacing the current one (returned). null = nothing. */
  play(source: AudioSource | null): AudioSource | null {
    this.#assertOpen();
    const previous = this.#source;
    this.#source = source;
    return previous;
  }

  /** Queues digits to send as RFC 4733 events. TypeError for non-DTMF characters. */
  sendDtmf(digits: string): void {
    this.#assertOpen();
    if (this.#state !== 'new' && this.#dtmfPt === null) throw new InvalidStateError('the peer did not negotiate telephone-event');
    this.#dtmfOut.enqueue(digits);
  }

  /**
   * Both descriptions are applied: learn what was negotiated and give ICE and DTLS
   * connectTimeoutMs to come up. Called by the negotiation functions.
   */
  negotiated(): void {
    if (this.#state !== 'new') return;
    this.#state = 'connecting';
    for (const c of this.#transceiver.codecs) {
      const name = c.mimeType.toLowerCase();
      if (name === 'audio/pcmu') this.#lawByPt.set(c.payloadType, 'PCMU');
      else if (name === 'audio/pcma') this.#lawByPt.set(c.payloadType, 'PCMA');
      else if (name === 'audio/telephone-event' && c.clockRate === 8000) this.#dtmfPt ??= c.payloadType;
    }
    const sent = this.#transceiver.sender.codec;
    this.#codec = sent === undefined ? null : (this.#lawByPt.get(sent.payloadType) ?? null);
    if (this.#codec === null) this.#codec = this.#lawByPt.values().next().value ?? null;
    this.#connectTimer = setTimeout(() => this.close('connect-timeout'), this.#config.connectTimeoutMs ?? 20_000);
    if (this.#pc.connectionState === 'connected') this.#onConnectionState('connected');
  }

  #onConnectionState(state: RTCPeerConnection['connectionState']): void {
    if (this.#state === 'closed') return;
    if (state === 'connected') {
      clearTimeout(this.#lostTimer);
      this.#lostTimer = undefined;
      if (this.#state !== 'connecting') return;
      clearTimeout(this.#connectTimer);
      this.#state = 'connected';
      this.#registration = this.#pacer.add(this);
      for (const w of this.#connectedWaiters.splice(0)) w.resolve();
      this.emit('connected');
    } else if (state === 'failed') this.close('failed');
    else if (state === 'closed') this.close('remote-closed');
    else if (state === 'disconnected' && this.#lostTimer === undefined) {
      // ICE may recover (consent checks resume); give it a while before giving up on the leg.
      this.#lostTimer = setTimeout(() => this.close('disconnected'), this.#config.disconnectTimeoutMs ?? 10_000);
    }
  }

  tick(): void {
    if (this.#state !== 'connected' || this.#codec === null) return;
    const action = this.#dtmfOut.busy && this.#dtmfPt !== null ? this.#dtmfOut.next(this.#timestamp) : null;
    const source = this.#source;
    const hasAudio = source !== null && source.read(this.#frame);
    // An `ended` listener may already have queued the next prompt with play(): keep that one.
    if (!hasAudio && this.#source === source) this.#source = null;
    if (action !== null && action !== 'suppress') {
      const header = new RtpHeader({ marker: action.marker, payloadType: this.#dtmfPt!, sequenceNumber: this.#nextSeq(), timestamp: action.timestamp, ssrc: this.#transceiver.sender.ssrc });
      // Straight to the DTLS transport: the RTP sender would rewrite the payload type to the audio codec's.
      this.#count(this.#transceiver.sender.dtlsTransport.sendRtp(Buffer.from(serializeTelephoneEvent(action.event)), header), 4);
    } else if (action === null) {
      const payload = Buffer.allocUnsafe(FRAME_SAMPLES);
      if (hasAudio) encodeG711(this.#codec, this.#frame, payload);
      else payload.fill(this.#codec === 'PCMU' ? ULAW_SILENCE : ALAW_SILENCE);
      const header = new RtpHeader({ marker: this.#marker, payloadType: 0, sequenceNumber: this.#nextSeq(), timestamp: this.#timestamp });
      this.#marker = false;
      this.#count(this.#transceiver.sender.sendRtp(new RtpPacket(header, payload)), FRAME_SAMPLES);
    }
    this.#timestamp = (this.#timestamp + FRAME_SAMPLES) >>> 0;
  }

  #nextSeq(): number {
    const s = this.#seq;
    this.#seq = (this.#seq + 1) & 0xffff;
    return s;
  }

  #count(sending: Promise<unknown>, octets: number): void {
    this.stats.packetsSent++;
    this.stats.octetsSent += octets;
    sending.catch(() => this.stats.sendErrors++);
  }

  #listen(track: MediaStreamTrack): void {
    if (track.kind !== 'audio' || this.#tracks.has(track)) return;
    this.#tracks.add(track);
    this.#on(track.onReceiveRtp, (packet) => this.#onRtp(packet));
  }

  #onRtp(packet: RtpPacket): void {
    if (this.#state === 'closed') return;
    const pt = packet.header.payloadType;
    this.stats.packetsReceived++;
    this.stats.octetsReceived += packet.payload.length;
    if (pt === this.#dtmfPt) {
      this.#sawTelephoneEvent = true;
      const ev = parseTelephoneEvent(packet.payload);
      const got = ev && this.#dtmfIn.receive(packet.header.ssrc, packet.header.timestamp, ev);
      if (got) this.emit('dtmf', got.digit, 'rfc4733');
      return;
    }
    const law = this.#lawByPt.get(pt);
    if (law === undefined) {
      if (pt !== PT_CN) this.stats.unknownPayloadType++;
      return;
    }
    const pcm = new Int16Array(packet.payload.length);
    decodeG711(law, packet.payload, pcm);
    if (this.#inband && !this.#sawTelephoneEvent) for (const d of this.#inband.push(pcm)) this.emit('dtmf', d, 'inband');
    this.emit('audio', pcm);
  }

  #on<A extends unknown[]>(event: { subscribe(fn: (...args: A) => void): { unSubscribe(): void } }, fn: (...args: A) => void): void {
    const { unSubscribe } = event.subscribe(fn);
    this.#unsubscribe.push(unSubscribe);
  }

  #assertOpen(): void {
    if (this.#state === 'closed') throw new InvalidStateError('the WebRTC leg is closed');
  }

  /** Leaves the pacer, closes the peer connection, emits `close`. Idempotent. */
  close(reason: WebRtcCloseReason = 'local'): void {
    if (this.#state === 'closed') return;
    this.#state = 'closed';
    this.#closeReason = reason;
    clearTimeout(this.#connectTimer);
    clearTimeout(this.#lostTimer);
    this.#registration?.remove();
    this.#registration = null;
    for (const off of this.#unsubscribe.splice(0)) off();
    this.#source = null;
    this.#pc.close().catch(() => undefined);
    const error = new InvalidStateError(`the WebRTC leg closed (${reason})`);
    for (const w of this.#connectedWaiters.splice(0)) w.reject(error);
    this.emit('close');
  }
}
