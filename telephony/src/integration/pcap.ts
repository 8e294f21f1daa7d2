import { writeFile } from 'node:fs/promises';
import { ulawEncode } from '../media/g711.ts';

// Caller audio for SIPp's play_pcap_audio, generated instead of taken from sip-tester's fixed
// captures: one RTP stream (one SSRC, continuous sequence numbers and timestamps) that carries
// PCMU audio and RFC 4733 telephone-events in any order, so digits may repeat and a tone of known
// frequency can follow them (the recording tests look for it with a Goertzel filter).

export type CallerAudioPart =
  | { kind: 'digit'; digit: string; ms?: number }
  | { kind: 'silence'; ms: number }
  | { kind: 'tone'; hz: number; ms: number; amplitude?: number };

const EVENT_CODES = '0123456789*#ABCD';
const FRAME = 160; // 20 ms at 8 kHz

function rtp(pt: number, marker: boolean, seq: number, ts: number, ssrc: number, payload: Uint8Array): Buffer {
  const b = Buffer.alloc(12 + payload.length);
  b[0] = 0x80;
  b[1] = (marker ? 0x80 : 0) | pt;
  b.writeUInt16BE(seq & 0xffff, 2);
  b.writeUInt32BE(ts >>> 0, 4);
  b.writeUInt32BE(ssrc >>> 0, 8);
  b.set(payload, 12);
  return b;
}

/** RTP packets with their send times (ms from the start). */
export function callerAudioPackets(parts: readonly CallerAudioPart[], opts: { eventPt?: number } = {}): { atMs: number; data: Buffer }[] {
  const eventPt = opts.eventPt ?? 101;
  const ssrc = 0x1234abcd;
  let seq = 1000;
  let ts = 16000;
  let at = 0;
  let phase = 0;
  const out: { atMs: number; data: Buffer }[] = [];
  const audioFrame = (pcm: Int16Array, marker = false) => {
    const u = new Uint8Array(FRAME);
    ulawEncode(pcm, u);
    out.push({ atMs: at, data: rtp(0, marker, seq++, ts, ssrc, u) });
    ts += FRAME;
    at += 20;
  };
  for (const p of parts) {
    if (p.kind === 'silence' || p.kind === 'tone') {
      const frames = Math.round(p.ms / 20);
      for (let f = 0; f < frames; f++) {
        const pcm = new Int16Array(FRAME);
        if (p.kind === 'tone') {
          const amp = p.amplitude ?? 8000;
          for (let i = 0; i < FRAME; i++) {
            pcm[i] = Math.round(amp * Math.sin(phase));
            phase += (2 * Math.PI * p.hz) / 8000;
          }
        }
        audioFrame(pcm);
      }
      continue;
    }
    const code = EVENT_CODES.indexOf(p.digit.toUpperCase());
    if (code < 0 || p.digit.length !== 1) throw new RangeError(`not a DTMF digit: ${p.digit}`);
    const frames = Math.max(3, Math.round((p.ms ?? 100) / 20));
    const start = ts;
    for (let f = 1; f <= frames; f++) {
      const end = f === frames;
      const payload = new Uint8Array(4);
      payload[0] = code;
      payload[1] = (end ? 0x80 : 0) | 10; // volume -10 dBm0
      const dur = f * FRAME;
      payload[2] = dur >> 8;
      payload[3] = dur & 0xff;
      // The end packet is sent three times (RFC 4733 §2.5.1.4), same sequence-free timestamp.
      for (let r = 0; r < (end ? 3 : 1); r++) out.push({ atMs: at, data: rtp(eventPt, f === 1 && r === 0, seq++, start, ssrc, payload) });
      at += 20;
    }
    ts = start + frames * FRAME;
    // A short gap of silence after each digit, as a phone's keypad would leave.
    for (let g = 0; g < 3; g++) audioFrame(new Int16Array(FRAME));
  }
  return out;
}

/** Writes packets as a classic pcap (Ethernet / IPv4 / UDP), the format SIPp replays. */
export async function writeRtpPcap(file: string, packets: readonly { atMs: number; data: Buffer }[]): Promise<void> {
  const chunks: Buffer[] = [];
  const global = Buffer.alloc(24);
  global.writeUInt32LE(0xa1b2c3d4, 0);
  global.writeUInt16LE(2, 4);
  global.writeUInt16LE(4, 6);
  global.writeUInt32LE(65535, 16);
  global.writeUInt32LE(1, 20); // LINKTYPE_ETHERNET
  chunks.push(global);
  for (const p of packets) {
    const udpLen = 8 + p.data.length;
    const ipLen = 20 + udpLen;
    const frame = Buffer.alloc(14 + ipLen);
    frame.writeUInt16BE(0x0800, 12);
    const ip = 14;
    frame[ip] = 0x45;
    frame.writeUInt16BE(ipLen, ip + 2);
    frame[ip + 8] = 64;
    frame[ip + 9] = 17;
    frame.set([127, 0, 0, 1], ip + 12);
    frame.set([127, 0, 0, 1], ip + 16);
    let sum = 0;
    for (let i = 0; i < 20; i += 2) sum += frame.readUInt16BE(ip + i);
    while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
    frame.writeUInt16BE(~sum & 0xffff, ip + 10);
    const udp = ip + 20;
    frame.writeUInt16BE(6000, udp);
    frame.writeUInt16BE(6001, udp + 2);
    frame.writeUInt16BE(udpLen, udp + 4);
    p.data.copy(frame, udp + 8);
    const rec = Buffer.alloc(16);
    rec.writeUInt32LE(Math.floor(p.atMs / 1000), 0);
    rec.writeUInt32LE(Math.round((p.atMs % 1000) * 1000), 4);
    rec.writeUInt32LE(frame.length, 8);
    rec.writeUInt32LE(frame.length, 12);
    chunks.push(rec, frame);
  }
  await writeFile(file, Buffer.concat(chunks));
}
