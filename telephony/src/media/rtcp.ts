// RTCP (RFC 3550 §6.4) — the minimum a G.711 endpoint needs: sender and receiver reports, an SDES
// CNAME (every compound packet must carry one, §6.1) and BYE. Other packet types are skipped.
//
//        0                   1                   2                   3
//        0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
//       +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// header |V=2|P|    RC   |   PT=SR=200   |             length            |
//       +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//       |                         SSRC of sender                        |
//       +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
// sender |              NTP timestamp, most significant word             |
// info   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// (SR    |             NTP timestamp, least significant word             |
// only)  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//       |                         RTP timestamp                         |
//       +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//       |                     sender's packet count                     |
//       +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//       |                      sender's octet count                     |
//       +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
// report |                 SSRC_1 (SSRC of first source)                 |
// block  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// (× RC) | fraction lost |       cumulative number of packets lost       |
//       +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//       |           extended highest sequence number received           |
//       +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//       |                      interarrival jitter                      |
//       +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//       |                         last SR (LSR)                         |
//       +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//       |                   delay since last SR (DLSR)                  |
//       +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
// RR (PT=201) is the same without the sender info. `length` is in 32-bit words minus one.

export const RTCP_SR = 200;
export const RTCP_RR = 201;
export const RTCP_SDES = 202;
export const RTCP_BYE = 203;

export interface ReportBlock {
  ssrc: number;
  /** Fraction lost since the previous report, as the 8-bit fixed-point value (lost/expected × 256). */
  fractionLost: number;
  /** Cumulative packets lost, signed 24-bit. */
  cumulativeLost: number;
  extendedHighestSeq: number;
  /** Interarrival jitter in timestamp units. */
  jitter: number;
  lastSr: number;
  delaySinceLastSr: number;
}

export interface SenderInfo {
  ntpSec: number;
  ntpFrac: number;
  rtpTimestamp: number;
  packetCount: number;
  octetCount: number;
}

export type RtcpPacket =
  | { type: 'sr'; ssrc: number; sender: SenderInfo; reports: ReportBlock[] }
  | { type: 'rr'; ssrc: number; reports: ReportBlock[] }
  | { type: 'sdes'; chunks: { ssrc: number; cname: string | null }[] }
  | { type: 'bye'; ssrcs: number[] }
  | { type: 'other'; packetType: number };

export type RtcpParseResult = { ok: true; packets: RtcpPacket[] } | { ok: false; error: 'short' | 'version' | 'length' | 'first-not-report' };

const SECONDS_1900_TO_1970 = 2208988800;

/** The NTP timestamp (seconds since 1900, 32.32 fixed point) of a wall-clock time in ms. */
export function ntpTime(epochMs: number): { sec: number; frac: number } {
  const sec = Math.floor(epochMs / 1000);
  return { sec: (sec + SECONDS_1900_TO_1970) >>> 0, frac: Math.floor(((epochMs - sec * 1000) / 1000) * 2 ** 32) >>> 0 };
}

function parseBlocks(view: DataView, offset: number, count: number): ReportBlock[] {
  const blocks: ReportBlock[] = [];
  for (let i = 0; i < count; i++, offset += 24) {
    const lostWord = view.getUint32(offset + 4);
    let cumulativeLost = lostWord & 0xffffff;
    if (cumulativeLost & 0x800000) cumulativeLost -= 0x1000000;
    blocks.push({
      ssrc: view.getUint32(offset),
      fractionLost: lostWord >>> 24,
      cumulativeLost,
      extendedHighestSeq: view.getUint32(offset + 8),
      jitter: view.getUint32(offset + 12),
      lastSr: view.getUint32(offset + 16),
      delaySinceLastSr: view.getUint32(offset + 20),
    });
  }
  return blocks;
}

function parseSdes(bytes: Uint8Array, view: DataView, start: number, end: number, count: number): RtcpPacket {
  const chunks: { ssrc: number; cname: string | null }[] = [];
  let o = start;
  for (let i = 0; i < count && o + 4 <= end; i++) {
    const ssrc = view.getUint32(o);
    o += 4;
    let cname: string | null = null;
    while (o < end && bytes[o] !== 0) {
      const itemType = bytes[o]!;
      const len = bytes[o + 1] ?? 0;
      if (o + 2 + len > end) break;
      if (itemType === 1) cname = Buffer.from(bytes.buffer, bytes.byteOffset + o + 2, len).toString('utf8');
      o += 2 + len;
    }
    o = (o + 4) & ~3; // the null item, then padding to the next word
    chunks.push({ ssrc, cname });
  }
  return { type: 'sdes', chunks };
}

/** Parses a compound RTCP packet (§6.1). Never throws. */
export function parseRtcp(bytes: Uint8Array): RtcpParseResult {
  if (bytes.length < 8) return { ok: false, error: 'short' };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  const packets: RtcpPacket[] = [];
  let o = 0;
  while (o < bytes.length) {
    if (o + 4 > bytes.length) return { ok: false, error: 'length' };
    const b0 = bytes[o]!;
    if (b0 >> 6 !== 2) return { ok: false, error: 'version' };
    const count = b0 & 0x1f;
    const pt = bytes[o + 1]!;
    const end = o + (view.getUint16(o + 2) + 1) * 4;
    if (end > bytes.length) return { ok: false, error: 'length' };
    if (packets.length === 0 && pt !== RTCP_SR && pt !== RTCP_RR) return { ok: false, error: 'first-not-report' };
    const body = end - (b0 & 0x20 ? bytes[end - 1]! : 0);
    if (pt === RTCP_SR || pt === RTCP_RR) {
      const blocksAt = o + (pt === RTCP_SR ? 28 : 8);
      if (blocksAt + count * 24 > body) return { ok: false, error: 'length' };
      const ssrc = view.getUint32(o + 4);
      const reports = parseBlocks(view, blocksAt, count);
      if (pt === RTCP_RR) packets.push({ type: 'rr', ssrc, reports });
      else {
        const sender: SenderInfo = {
          ntpSec: view.getUint32(o + 8),
          ntpFrac: view.getUint32(o + 12),
          rtpTimestamp: view.getUint32(o + 16),
          packetCount: view.getUint32(o + 20),
          octetCount: view.getUint32(o + 24),
        };
        packets.push({ type: 'sr', ssrc, sender, reports });
      }
    } else if (pt === RTCP_SDES) packets.push(parseSdes(bytes, view, o + 4, body, count));
    else if (pt === RTCP_BYE) {
      const ssrcs: number[] = [];
      for (let i = 0; i < count && o + 8 + i * 4 <= body; i++) ssrcs.push(view.getUint32(o + 4 + i * 4));
      packets.push({ type: 'bye', ssrcs });
    } else packets.push({ type: 'other', packetType: pt });
    o = end;
  }
  return { ok: true, packets };
}

function header(out: Buffer, o: number, count: number, pt: number, words: number): number {
  out[o] = 0x80 | count;
  out[o + 1] = pt;
  out.writeUInt16BE(words - 1, o + 2);
  return o + 4;
}

function writeBlock(out: Buffer, o: number, b: ReportBlock): number {
  o = out.writeUInt32BE(b.ssrc >>> 0, o);
  o = out.writeUInt32BE((((b.fractionLost & 0xff) << 24) | (b.cumulativeLost & 0xffffff)) >>> 0, o);
  o = out.writeUInt32BE(b.extendedHighestSeq >>> 0, o);
  o = out.writeUInt32BE(b.jitter >>> 0, o);
  o = out.writeUInt32BE(b.lastSr >>> 0, o);
  return out.writeUInt32BE(b.delaySinceLastSr >>> 0, o);
}

export interface RtcpReportInput {
  ssrc: number;
  /** Present when this endpoint has sent RTP since the last report: makes it an SR. */
  sender?: SenderInfo;
  reports: ReportBlock[];
  cname: string;
  /** Appends a BYE for `ssrc` (the session is ending). */
  bye?: boolean;
}

/** Builds a compound packet: SR or RR, then SDES CNAME, then optionally BYE. */
export function buildRtcpReport(r: RtcpReportInput): Buffer {
  if (r.reports.length > 31) throw new RangeError('at most 31 report blocks');
  const cname = Buffer.from(r.cname, 'utf8');
  if (cname.length > 255) throw new RangeError('CNAME longer than 255 bytes');
  const reportWords = 2 + (r.sender ? 5 : 0) + r.reports.length * 6;
  const itemBytes = 2 + cname.length + 1; // CNAME item + the terminating null item
  const sdesLen = 2 + Math.ceil(itemBytes / 4);
  const out = Buffer.alloc((reportWords + sdesLen + (r.bye ? 2 : 0)) * 4);
  let o = header(out, 0, r.reports.length, r.sender ? RTCP_SR : RTCP_RR, reportWords);
  o = out.writeUInt32BE(r.ssrc >>> 0, o);
  if (r.sender) {
    o = out.writeUInt32BE(r.sender.ntpSec >>> 0, o);
    o = out.writeUInt32BE(r.sender.ntpFrac >>> 0, o);
    o = out.writeUInt32BE(r.sender.rtpTimestamp >>> 0, o);
    o = out.writeUInt32BE(r.sender.packetCount >>> 0, o);
    o = out.writeUInt32BE(r.sender.octetCount >>> 0, o);
  }
  for (const b of r.reports) o = writeBlock(out, o, b);
  const sdesStart = o;
  o = header(out, o, 1, RTCP_SDES, sdesLen);
  o = out.writeUInt32BE(r.ssrc >>> 0, o);
  out[o] = 1;
  out[o + 1] = cname.length;
  cname.copy(out, o + 2);
  o = sdesStart + sdesLen * 4; // the null item and padding are the zeros Buffer.alloc left
  if (r.bye) {
    o = header(out, o, 1, RTCP_BYE, 2);
    out.writeUInt32BE(r.ssrc >>> 0, o);
  }
  return out;
}
