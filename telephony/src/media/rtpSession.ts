// One RTP/RTCP session for one call leg: G.711 out at 20 ms on the shared pacer, G.711 in as
// `audio` events, RFC 4733 DTMF both ways, RTCP reports, symmetric RTP.
//
// Sending: on each pacer tick the session asks its DTMF sender first (a digit replaces audio
// while it lasts), then its current source for one frame; with nothing to play it sends silence
// (keeps NAT bindings open; some gateways hang up on silent RTP) unless `sendSilence` is false.
// The RTP timestamp advances 160 per tick whether a packet went out or not.
//
// Receiving: every datagram is parsed; malformed ones, packets from a stranger after the source
// has been latched, and unknown payload types are counted in `stats` and dropped — never thrown.
// With `symmetric` (RFC 4961, the default) the first valid packet fixes the remote address, and
// replies go there: the address in the SDP is often a private one behind NAT.
//
// Ownership: the session belongs to a call leg, which closes it; close() is idempotent, releases
// the ports, leaves the pacer and emits `close` once. Sources are not closed with the session —
// they may outlive it (the caller stops its own player) — but they must not be shared between
// sessions: each read advances them.

import type { Socket } from 'node:dgram';
import { isIP } from 'node:net';
import { type AudioSource, FRAME_SAMPLES } from './audio.ts';
import { DtmfReceiver, DtmfSender, type DtmfSenderOptions, parseTelephoneEvent, serializeTelephoneEvent } from './dtmf4733.ts';
import { DtmfToneDetector } from './dtmfDetector.ts';
import { InvalidStateError } from './errors.ts';
import { TypedEmitter } from './events.ts';
import { ALAW_SILENCE, ULAW_SILENCE, type G711Law, decodeG711, encodeG711 } from './g711.ts';
import type { Pacer, PacerClient, PacerRegistration } from './pacer.ts';
import type { PortAllocator } from './portAllocator.ts';
import { RtcpChannel } from './rtcpChannel.ts';
import { RTP_HEADER_BYTES, parseRtp, writeRtpHeader } from './rtpPacket.ts';
import { bindUdpPair } from './udpPair.ts';

export type Direction = 'sendrecv' | 'sendonly' | 'recvonly' | 'inactive';

export interface RtpRemote {
  address: string;
  port: number;
  /** Defaults to port + 1. */
  rtcpPort?: number;
}

export interface RtpSessionOptions {
  pacer: Pacer;
  ports: PortAllocator;
  /** Local IP literal to bind (default 0.0.0.0). */
  bindAddress?: string;
  /** The codec negotiated for sending (default PCMU); both G.711 laws are decoded on receipt. */
  codec?: G711Law;
  /** telephone-event payload type from the SDP (default 101); null when the peer has none. */
  dtmfPayloadType?: number | null;
  remote?: RtpRemote;
  symmetric?: boolean;
  sendSilence?: boolean;
  direction?: Direction;
  /** Also detect DTMF tones in the received audio, for peers without telephone-event. */
  inbandDtmf?: boolean;
  dtmf?: DtmfSenderOptions;
  ssrc?: number;
  cname?: string;
  /** Mean RTCP report interval (default 5000 ms, RFC 3550's minimum). */
  rtcpIntervalMs?: number;
}

export interface RtpSessionEvents {
  /** Decoded received audio, 8 kHz 16-bit (usually 160 samples); the array is the listener's to keep. */
  audio: [pcm: Int16Array];
  dtmf: [digit: string, via: 'rfc4733' | 'inband'];
  /** The remote address was learnt from the first packet (symmetric RTP). */
  remote: [remote: RtpRemote];
  close: [];
}

export interface RtpSessionStats {
  packetsSent: number;
  octetsSent: number;
  packetsReceived: number;
  octetsReceived: number;
  malformed: number;
  /** Packets from another address after the remote was latched. */
  foreign: number;
  unknownPayloadType: number;
  sendErrors: number;
}

const PT_PCMU = 0;
const PT_PCMA = 8;
const PT_CN = 13;

const random32 = (): number => (Math.random() * 2 ** 32) >>> 0;

export class RtpSession extends TypedEmitter<RtpSessionEvents> implements PacerClient {
  readonly localPort: number;
  readonly ssrc: number;
  readonly codec: G711Law;
  readonly stats: RtpSessionStats = {
    packetsSent: 0,
    octetsSent: 0,
    packetsReceived: 0,
    octetsReceived: 0,
    malformed: 0,
    foreign: 0,
    unknownPayloadType: 0,
    sendErrors: 0,
  };
  direction: Direction;
  readonly #rtp: Socket;
  readonly #rtcp: RtcpChannel;
  readonly #ports: PortAllocator;
  readonly #registration: PacerRegistration;
  readonly #payloadType: number;
  readonly #dtmfPt: number | null;
  readonly #symmetric: boolean;
  readonly #sendSilence: boolean;
  readonly #dtmfOut: DtmfSender;
  readonly #dtmfIn = new DtmfReceiver();
  readonly #inband: DtmfToneDetector | null;
  readonly #frame = new Int16Array(FRAME_SAMPLES);
  readonly #silence: Uint8Array;
  #remote: RtpRemote | null;
  #latched = false;
  #source: AudioSource | null = null;
  #seq = random32() & 0xffff;
  #timestamp = random32();
  #marker = true;
  #sawTelephoneEvent = false;
  #closed = false;

  private constructor(options: RtpSessionOptions, rtp: Socket, rtcp: Socket, port: number) {
    super();
    this.localPort = port;
    this.#rtp = rtp;
    this.#ports = options.ports;
    this.codec = options.codec ?? 'PCMU';
    this.#payloadType = this.codec === 'PCMU' ? PT_PCMU : PT_PCMA;
    this.#silence = new Uint8Array(FRAME_SAMPLES).fill(this.codec === 'PCMU' ? ULAW_SILENCE : ALAW_SILENCE);
    this.#dtmfPt = options.dtmfPayloadType === undefined ? 101 : options.dtmfPayloadType;
    this.#symmetric = options.symmetric ?? true;
    this.#sendSilence = options.sendSilence ?? true;
    this.direction = options.direction ?? 'sendrecv';
    this.#dtmfOut = new DtmfSender(options.dtmf);
    this.#inband = options.inbandDtmf ? new DtmfToneDetector() : null;
    this.ssrc = options.ssrc ?? random32();
    this.#remote = options.remote ?? null;
    const cname = options.cname ?? `hotline-${this.ssrc.toString(16)}@${options.bindAddress ?? '0.0.0.0'}`;
    this.#rtcp = new RtcpChannel(rtcp, this.ssrc, cname, options.rtcpIntervalMs);
    rtp.on('message', this.#onRtp);
    rtp.on('error', () => this.stats.sendErrors++);
    this.#registration = options.pacer.add(this);
  }

  /** Binds a port pair and joins the pacer. Rejects with MediaError PORTS_EXHAUSTED / BIND_FAILED. */
  static async open(options: RtpSessionOptions): Promise<RtpSession> {
    const dtmfPt = options.dtmfPayloadType;
    if (dtmfPt != null && !(Number.isInteger(dtmfPt) && dtmfPt >= 96 && dtmfPt <= 127)) throw new TypeError(`bad telephone-event payload type ${dtmfPt}`);
    if (options.remote) checkRemote(options.remote);
    const pair = await bindUdpPair(options.ports, options.bindAddress ?? '0.0.0.0');
    return new RtpSession(options, pair.rtp, pair.rtcp, pair.port);
  }

  get closed(): boolean {
    return this.#closed;
  }
  get remote(): RtpRemote | null {
    return this.#remote;
  }
  /** RTCP state: reception statistics of the peer's stream, what the peer reports about ours. */
  get rtcp(): RtcpChannel {
    return this.#rtcp;
  }

  /** Points the session at a new remote (a re-INVITE); with `symmetric`, latching starts over. */
  setRemote(remote: RtpRemote): void {
    this.#assertOpen();
    checkRemote(remote);
    this.#remote = remote;
    this.#latched = false;
  }

  /** Plays `source` from the next tick on, replacing the current one (returned). null = nothing. */
  play(source: AudioSource | null): AudioSource | null {
    this.#assertOpen();
    const previous = this.#source;
    this.#source = source;
    return previous;
  }

  /** Queues digits to send as RFC 4733 events. Throws TypeError for non-DTMF characters. */
  sendDtmf(digits: string): void {
    this.#assertOpen();
    if (this.#dtmfPt === null) throw new InvalidStateError('the peer did not negotiate telephone-event');
    this.#dtmfOut.enqueue(digits);
  }

  tick(due: number): void {
    if (this.#closed) return;
    const remote = this.#remote;
    const sending = remote !== null && (this.direction === 'sendrecv' || this.direction === 'sendonly');
    const action = this.#dtmfOut.busy && sending ? this.#dtmfOut.next(this.#timestamp) : null;
    const source = this.#source;
    const hasAudio = source !== null && source.read(this.#frame);
    // An `ended` listener may already have queued the next prompt with play(): keep that one.
    if (!hasAudio && this.#source === source) this.#source = null;
    if (sending && action !== 'suppress') {
      if (action !== null) {
        const buf = Buffer.allocUnsafe(RTP_HEADER_BYTES + 4);
        writeRtpHeader(buf, { marker: action.marker, payloadType: this.#dtmfPt!, sequenceNumber: this.#seq, timestamp: action.timestamp, ssrc: this.ssrc });
        serializeTelephoneEvent(action.event, buf.subarray(RTP_HEADER_BYTES));
        this.#send(buf, remote);
      } else if (hasAudio || this.#sendSilence) {
        const buf = Buffer.allocUnsafe(RTP_HEADER_BYTES + FRAME_SAMPLES);
        writeRtpHeader(buf, { marker: this.#marker, payloadType: this.#payloadType, sequenceNumber: this.#seq, timestamp: this.#timestamp, ssrc: this.ssrc });
        if (hasAudio) encodeG711(this.codec, this.#frame, buf.subarray(RTP_HEADER_BYTES));
        else buf.set(this.#silence, RTP_HEADER_BYTES);
        this.#marker = false;
        this.#send(buf, remote);
      } else this.#marker = true; // the next packet starts a talkspurt
    }
    this.#timestamp = (this.#timestamp + FRAME_SAMPLES) >>> 0;
    if (remote) this.#rtcp.maybeReport(due, remote.address, remote.rtcpPort ?? remote.port + 1, this.#timestamp, this.stats);
  }

  #send(buf: Buffer, remote: RtpRemote): void {
    this.#seq = (this.#seq + 1) & 0xffff;
    try {
      this.#rtp.send(buf, remote.port, remote.address);
      this.stats.packetsSent++;
      this.stats.octetsSent += buf.length - RTP_HEADER_BYTES;
    } catch {
      this.stats.sendErrors++;
    }
  }

  readonly #onRtp = (msg: Buffer, rinfo: { address: string; port: number }): void => {
    if (this.#closed) return;
    const r = parseRtp(msg);
    if (!r.ok) {
      this.stats.malformed++;
      return;
    }
    const p = r.packet;
    const pt = p.payloadType;
    const known = pt === PT_PCMU || pt === PT_PCMA || (pt === this.#dtmfPt && this.#dtmfPt !== null);
    if (!known) {
      if (pt !== PT_CN) this.stats.unknownPayloadType++;
      return;
    }
    const remote = this.#remote;
    if (this.#symmetric && !this.#latched) {
      this.#latched = true;
      if (!remote || remote.address !== rinfo.address || remote.port !== rinfo.port) {
        this.#remote = { address: rinfo.address, port: rinfo.port, rtcpPort: rinfo.port + 1 };
        this.emit('remote', this.#remote);
      }
    } else if (this.#symmetric && remote && (remote.address !== rinfo.address || remote.port !== rinfo.port)) {
      this.stats.foreign++;
      return;
    }
    this.stats.packetsReceived++;
    this.stats.octetsReceived += p.payload.length;
    this.#rtcp.noteReceived(p.ssrc, p.sequenceNumber, p.timestamp);
    if (this.direction === 'sendonly' || this.direction === 'inactive') return;
    if (pt === this.#dtmfPt) {
      this.#sawTelephoneEvent = true;
      const ev = parseTelephoneEvent(p.payload);
      const got = ev && this.#dtmfIn.receive(p.ssrc, p.timestamp, ev);
      if (got) this.emit('dtmf', got.digit, 'rfc4733');
      return;
    }
    const pcm = new Int16Array(p.payload.length);
    decodeG711(pt === PT_PCMU ? 'PCMU' : 'PCMA', p.payload, pcm);
    if (this.#inband && !this.#sawTelephoneEvent) for (const d of this.#inband.push(pcm)) this.emit('dtmf', d, 'inband');
    this.emit('audio', pcm);
  };

  #assertOpen(): void {
    if (this.#closed) throw new InvalidStateError('RTP session is closed');
  }

  /** Sends an RTCP BYE, closes the sockets, frees the ports, leaves the pacer. Idempotent. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#registration.remove();
    const remote = this.#remote;
    if (remote) this.#rtcp.sendBye(remote.address, remote.rtcpPort ?? remote.port + 1, this.#timestamp, this.stats);
    this.#rtp.close();
    this.#rtcp.close();
    this.#ports.release(this.localPort);
    this.#source = null;
    this.emit('close');
  }
}

function checkRemote(remote: RtpRemote): void {
  if (isIP(remote.address) === 0) throw new TypeError(`remote address must be an IP literal, got ${remote.address}`);
  for (const port of [remote.port, remote.rtcpPort ?? remote.port + 1]) {
    if (!Number.isInteger(port) || port < 1 || port > 65535) throw new TypeError(`bad remote port ${port}`);
  }
}
