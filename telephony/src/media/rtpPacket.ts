// RTP fixed header (RFC 3550 §5.1) with CSRC list, header extension (§5.3.1) and padding.
//
//    0                   1                   2                   3
//    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   |V=2|P|X|  CC   |M|     PT      |       sequence number         |
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   |                           timestamp                           |
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   |           synchronization source (SSRC) identifier            |
//   +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
//   |            contributing source (CSRC) identifiers             |
//   |                             ....                              |
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   |      defined by profile       |           length              |  (X=1: extension,
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+   length in 32-bit
//   |                        header extension                       |   words after this)
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   |                 payload ...   | padding (P=1; last octet = count, itself included)
//
// parseRtp never throws: anything a peer (or an attacker) sends comes back as an error value, and
// the payload is a view into the datagram (no copy) — copy it if the datagram buffer is reused.

export const RTP_HEADER_BYTES = 12;

export interface RtpHeaderExtension {
  profile: number;
  data: Uint8Array;
}

export interface RtpPacket {
  marker: boolean;
  payloadType: number;
  sequenceNumber: number;
  timestamp: number;
  ssrc: number;
  csrc: number[];
  extension: RtpHeaderExtension | null;
  payload: Uint8Array;
  /** Padding octets after the payload (0 when P=0). */
  paddingBytes: number;
}

export type RtpParseError = 'short' | 'version' | 'csrc' | 'extension' | 'padding';
export type RtpParseResult = { ok: true; packet: RtpPacket } | { ok: false; error: RtpParseError };

/** RTCP packet types (SR..APP) carried on an RTP port when rtcp-mux is used (RFC 5761 §4). */
export function looksLikeRtcp(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[1]! >= 192 && bytes[1]! <= 223;
}

export function parseRtp(bytes: Uint8Array): RtpParseResult {
  const len = bytes.length;
  if (len < RTP_HEADER_BYTES) return { ok: false, error: 'short' };
  const b0 = bytes[0]!;
  if (b0 >> 6 !== 2) return { ok: false, error: 'version' };
  const cc = b0 & 0x0f;
  let offset = RTP_HEADER_BYTES + cc * 4;
  if (offset > len) return { ok: false, error: 'csrc' };
  const view = new DataView(bytes.buffer, bytes.byteOffset, len);
  const csrc: number[] = [];
  for (let i = 0; i < cc; i++) csrc.push(view.getUint32(RTP_HEADER_BYTES + i * 4));
  let extension: RtpHeaderExtension | null = null;
  if (b0 & 0x10) {
    if (offset + 4 > len) return { ok: false, error: 'extension' };
    const profile = view.getUint16(offset);
    const words = view.getUint16(offset + 2);
    const end = offset + 4 + words * 4;
    if (end > len) return { ok: false, error: 'extension' };
    extension = { profile, data: bytes.subarray(offset + 4, end) };
    offset = end;
  }
  let paddingBytes = 0;
  if (b0 & 0x20) {
    paddingBytes = bytes[len - 1]!;
    if (paddingBytes === 0 || offset + paddingBytes > len) return { ok: false, error: 'padding' };
  }
  const b1 = bytes[1]!;
  return {
    ok: true,
    packet: {
      marker: (b1 & 0x80) !== 0,
      payloadType: b1 & 0x7f,
      sequenceNumber: view.getUint16(2),
      timestamp: view.getUint32(4),
      ssrc: view.getUint32(8),
      csrc,
      extension,
      payload: bytes.subarray(offset, len - paddingBytes),
      paddingBytes,
    },
  };
}

export interface RtpHeaderFields {
  marker: boolean;
  payloadType: number;
  sequenceNumber: number;
  timestamp: number;
  ssrc: number;
}

/**
 * Writes the 12-byte fixed header (no CSRC, no extension, no padding) at the start of `out`:
 * the hot path of the sender, which then writes the payload right after it in the same buffer.
 */
export function writeRtpHeader(out: Uint8Array, h: RtpHeaderFields): void {
  out[0] = 0x80;
  out[1] = (h.marker ? 0x80 : 0) | (h.payloadType & 0x7f);
  out[2] = (h.sequenceNumber >>> 8) & 0xff;
  out[3] = h.sequenceNumber & 0xff;
  out[4] = h.timestamp >>> 24;
  out[5] = (h.timestamp >>> 16) & 0xff;
  out[6] = (h.timestamp >>> 8) & 0xff;
  out[7] = h.timestamp & 0xff;
  out[8] = h.ssrc >>> 24;
  out[9] = (h.ssrc >>> 16) & 0xff;
  out[10] = (h.ssrc >>> 8) & 0xff;
  out[11] = h.ssrc & 0xff;
}

/** Serialises a whole packet. Throws RangeError on fields that cannot be represented. */
export function serializeRtp(p: Omit<RtpPacket, 'csrc' | 'extension' | 'paddingBytes'> & Partial<Pick<RtpPacket, 'csrc' | 'extension' | 'paddingBytes'>>): Buffer {
  const csrc = p.csrc ?? [];
  const ext = p.extension ?? null;
  const pad = p.paddingBytes ?? 0;
  if (csrc.length > 15) throw new RangeError('at most 15 CSRC identifiers');
  if (!Number.isInteger(p.payloadType) || p.payloadType < 0 || p.payloadType > 127) throw new RangeError(`bad payload type ${p.payloadType}`);
  if (ext && (ext.data.length % 4 !== 0 || ext.data.length / 4 > 0xffff)) throw new RangeError('extension data must be a multiple of 4 bytes');
  if (!Number.isInteger(pad) || pad < 0 || pad > 255) throw new RangeError(`bad padding ${pad}`);
  const extBytes = ext ? 4 + ext.data.length : 0;
  const headerBytes = RTP_HEADER_BYTES + csrc.length * 4 + extBytes;
  const out = Buffer.alloc(headerBytes + p.payload.length + pad);
  writeRtpHeader(out, {
    marker: p.marker,
    payloadType: p.payloadType,
    sequenceNumber: p.sequenceNumber & 0xffff,
    timestamp: p.timestamp >>> 0,
    ssrc: p.ssrc >>> 0,
  });
  out[0] = 0x80 | (pad > 0 ? 0x20 : 0) | (ext ? 0x10 : 0) | csrc.length;
  let o = RTP_HEADER_BYTES;
  for (const c of csrc) o = out.writeUInt32BE(c >>> 0, o);
  if (ext) {
    o = out.writeUInt16BE(ext.profile & 0xffff, o);
    o = out.writeUInt16BE(ext.data.length / 4, o);
    out.set(ext.data, o);
    o += ext.data.length;
  }
  out.set(p.payload, o);
  if (pad > 0) out[out.length - 1] = pad;
  return out;
}
