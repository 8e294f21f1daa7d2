import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RtpParseResult } from './rtpPacket.ts';
import { looksLikeRtcp, parseRtp, serializeRtp, writeRtpHeader } from './rtpPacket.ts';

const hex = (s: string): Buffer => Buffer.from(s.replace(/\s+/g, ''), 'hex');
const toHex = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.length).toString('hex');

/** The packet with its byte views as hex, so that Buffer and Uint8Array views compare equal. */
function plain(r: RtpParseResult): unknown {
  if (!r.ok) return r;
  const p = r.packet;
  return { ...p, payload: toHex(p.payload), extension: p.extension && { profile: p.extension.profile, data: toHex(p.extension.data) } };
}

describe('parseRtp', () => {
  it('reads every field of a plain PCMU packet', () => {
    const r = parseRtp(hex('80 00 1234 000001e0 deadbeef ffff7f00'));
    expect(plain(r)).toEqual({
      marker: false,
      payloadType: 0,
      sequenceNumber: 0x1234,
      timestamp: 480,
      ssrc: 0xdeadbeef,
      csrc: [],
      extension: null,
      payload: 'ffff7f00',
      paddingBytes: 0,
    });
  });

  it('reads the marker bit, a high payload type and 32-bit values above 2^31 as unsigned', () => {
    const r = parseRtp(hex('80 e5 ffff ffffffff 80000000 0a0000a0'));
    expect(r.ok && r.packet).toMatchObject({ marker: true, payloadType: 101, sequenceNumber: 65535, timestamp: 0xffffffff, ssrc: 0x80000000 });
  });

  it('skips CSRCs, a header extension and padding to find the payload', () => {
    // V=2 P=1 X=1 CC=2 | M=0 PT=8 | CSRC 1, 2 | ext profile 0xBEDE, 1 word | payload d5d5 | 3 padding octets
    const r = parseRtp(hex('b2 08 0001 00000000 00000001 00000001 00000002 bede0001 10ff0000 d5d5 000003'));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.packet.csrc).toEqual([1, 2]);
    expect(r.packet.extension?.profile).toBe(0xbede);
    expect(toHex(r.packet.extension!.data)).toBe('10ff0000');
    expect(toHex(r.packet.payload)).toBe('d5d5');
    expect(r.packet.paddingBytes).toBe(3);
  });

  it('rejects malformed headers with an error value', () => {
    expect(parseRtp(hex('80 00 0001'))).toEqual({ ok: false, error: 'short' });
    expect(parseRtp(hex('40 00 0001 00000000 00000001'))).toEqual({ ok: false, error: 'version' });
    expect(parseRtp(hex('c0 00 0001 00000000 00000001'))).toEqual({ ok: false, error: 'version' });
    expect(parseRtp(hex('83 00 0001 00000000 00000001 00000002'))).toEqual({ ok: false, error: 'csrc' });
    expect(parseRtp(hex('90 00 0001 00000000 00000001 bede'))).toEqual({ ok: false, error: 'extension' });
    expect(parseRtp(hex('90 00 0001 00000000 00000001 bede0002 00000000'))).toEqual({ ok: false, error: 'extension' });
    expect(parseRtp(hex('a0 00 0001 00000000 00000001 ff 00'))).toEqual({ ok: false, error: 'padding' });
    expect(parseRtp(hex('a0 00 0001 00000000 00000001 ff 05'))).toEqual({ ok: false, error: 'padding' });
  });

  it('never throws on random bytes, and whatever it accepts has a payload inside the datagram', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), (bytes) => {
        const r = parseRtp(bytes);
        if (r.ok) {
          expect(bytes.length).toBeGreaterThanOrEqual(12);
          expect(r.packet.payload.byteOffset - bytes.byteOffset + r.packet.payload.length + r.packet.paddingBytes).toBe(bytes.length);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('tells RTCP (PT 200–204 with the marker bit) from RTP on a muxed port', () => {
    expect(looksLikeRtcp(hex('80c80006'))).toBe(true);
    expect(looksLikeRtcp(hex('80000001'))).toBe(false);
    expect(looksLikeRtcp(hex('80e50001'))).toBe(false); // telephone-event with marker: PT 101 | 0x80 = 229
  });
});

describe('serializeRtp', () => {
  it('writes the exact bytes of a PCMU packet', () => {
    const b = serializeRtp({ marker: true, payloadType: 0, sequenceNumber: 0x1234, timestamp: 480, ssrc: 0xdeadbeef, payload: new Uint8Array([0xff, 0x7f]) });
    expect(b.toString('hex')).toBe('80801234000001e0deadbeefff7f');
  });

  it('round-trips packets with CSRCs, extension and padding', () => {
    fc.assert(
      fc.property(
        fc.record({
          marker: fc.boolean(),
          payloadType: fc.integer({ min: 0, max: 127 }),
          sequenceNumber: fc.integer({ min: 0, max: 0xffff }),
          timestamp: fc.integer({ min: 0, max: 0xffffffff }),
          ssrc: fc.integer({ min: 0, max: 0xffffffff }),
          csrc: fc.array(fc.integer({ min: 0, max: 0xffffffff }), { maxLength: 15 }),
          extension: fc.option(
            fc.record({ profile: fc.integer({ min: 0, max: 0xffff }), data: fc.integer({ min: 0, max: 3 }).chain((w) => fc.uint8Array({ minLength: w * 4, maxLength: w * 4 })) }),
            { nil: null },
          ),
          payload: fc.uint8Array({ maxLength: 200 }),
          paddingBytes: fc.integer({ min: 0, max: 255 }),
        }),
        (p) => {
          const r = parseRtp(serializeRtp(p));
          expect(plain(r)).toEqual({ ...p, payload: toHex(p.payload), extension: p.extension && { profile: p.extension.profile, data: toHex(p.extension.data) } });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('writeRtpHeader fills the 12-byte fixed header in place', () => {
    const out = new Uint8Array(14).fill(0xaa);
    writeRtpHeader(out, { marker: false, payloadType: 8, sequenceNumber: 65535, timestamp: 0xfffffff0, ssrc: 1 });
    expect(Buffer.from(out).toString('hex')).toBe('8008fffffffffff000000001aaaa');
  });

  it('rejects fields that cannot be encoded', () => {
    const base = { marker: false, payloadType: 0, sequenceNumber: 0, timestamp: 0, ssrc: 0, payload: new Uint8Array() };
    expect(() => serializeRtp({ ...base, payloadType: 128 })).toThrow(RangeError);
    expect(() => serializeRtp({ ...base, csrc: new Array<number>(16).fill(1) })).toThrow(RangeError);
    expect(() => serializeRtp({ ...base, extension: { profile: 1, data: new Uint8Array(3) } })).toThrow(RangeError);
  });
});
