import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildRtcpReport, ntpTime, parseRtcp } from './rtcp.ts';
import { ReceiveStats } from './rtpStats.ts';

const block = { ssrc: 0x11223344, fractionLost: 64, cumulativeLost: -2, extendedHighestSeq: 0x1ffff, jitter: 37, lastSr: 0xaabbccdd, delaySinceLastSr: 65536 };

describe('buildRtcpReport / parseRtcp', () => {
  it('builds an RR + SDES CNAME compound packet byte for byte', () => {
    const b = buildRtcpReport({ ssrc: 0x01020304, reports: [], cname: 'ab' });
    // RR: V=2 RC=0 PT=201 length=1 | SSRC ; SDES: V=2 SC=1 PT=202 length=3 | SSRC | CNAME(1) len 2 "ab" | null + pad
    expect(b.toString('hex')).toBe('80c90001' + '01020304' + '81ca0003' + '01020304' + '01026162' + '00000000');
  });

  it('builds an SR with one report block and a BYE, and parses it back', () => {
    const sender = { ntpSec: 3900000000, ntpFrac: 0x80000000, rtpTimestamp: 160000, packetCount: 1000, octetCount: 160000 };
    const b = buildRtcpReport({ ssrc: 7, sender, reports: [block], cname: 'hotline@10.0.0.1', bye: true });
    expect(b.length % 4).toBe(0);
    expect(b.subarray(0, 4).toString('hex')).toBe('81c8000c'); // RC=1, SR, 13 words
    expect(parseRtcp(b)).toEqual({
      ok: true,
      packets: [
        { type: 'sr', ssrc: 7, sender, reports: [block] },
        { type: 'sdes', chunks: [{ ssrc: 7, cname: 'hotline@10.0.0.1' }] },
        { type: 'bye', ssrcs: [7] },
      ],
    });
  });

  it('round-trips CNAMEs of every length', () => {
    for (let n = 0; n < 12; n++) {
      const cname = 'x'.repeat(n);
      const r = parseRtcp(buildRtcpReport({ ssrc: 1, reports: [block, block], cname }));
      expect(r.ok && r.packets).toEqual([
        { type: 'rr', ssrc: 1, reports: [block, block] },
        { type: 'sdes', chunks: [{ ssrc: 1, cname }] },
      ]);
    }
  });

  it('rejects garbage with an error value and never throws', () => {
    expect(parseRtcp(Buffer.from('80c9', 'hex'))).toEqual({ ok: false, error: 'short' });
    expect(parseRtcp(Buffer.from('40c9000100000001', 'hex'))).toEqual({ ok: false, error: 'version' });
    expect(parseRtcp(Buffer.from('80c9000500000001', 'hex'))).toEqual({ ok: false, error: 'length' });
    expect(parseRtcp(Buffer.from('81ca000100000001', 'hex'))).toEqual({ ok: false, error: 'first-not-report' });
    expect(parseRtcp(Buffer.from('81c9000100000001', 'hex'))).toEqual({ ok: false, error: 'length' }); // RC=1 but no block
    fc.assert(fc.property(fc.uint8Array({ maxLength: 120 }), (bytes) => void parseRtcp(bytes)), { numRuns: 2000 });
  });

  it('converts wall-clock time to NTP (1900 epoch, 32.32 fixed point)', () => {
    expect(ntpTime(0)).toEqual({ sec: 2208988800, frac: 0 });
    expect(ntpTime(1500)).toEqual({ sec: 2208988801, frac: 0x80000000 });
  });
});

describe('ReceiveStats', () => {
  it('counts loss across a sequence-number wrap and fills a report block', () => {
    const s = new ReceiveStats(42);
    let t = 0;
    const seqs = [65533, 65534, 65535, 0, 2, 3]; // 1 lost
    for (const [i, seq] of seqs.entries()) s.update(seq, 1000 + i * 160 + (seq === 2 ? 160 : 0), (t += 20));
    expect(s.extendedHighestSeq).toBe(0x10003);
    expect(s.expected).toBe(7);
    expect(s.cumulativeLost).toBe(1);
    const b = s.reportBlock(200);
    expect(b).toMatchObject({ ssrc: 42, cumulativeLost: 1, fractionLost: Math.floor(256 / 7), extendedHighestSeq: 0x10003 });
    expect(s.reportBlock(300).fractionLost).toBe(0); // nothing new since the last report
  });

  it('measures zero jitter for perfectly paced packets and grows for uneven arrival', () => {
    const even = new ReceiveStats(1);
    for (let i = 0; i < 50; i++) even.update(i, i * 160, i * 20);
    expect(even.jitter).toBe(0);
    const uneven = new ReceiveStats(1);
    for (let i = 0; i < 50; i++) uneven.update(i, i * 160, i * 20 + (i % 2 ? 5 : 0));
    expect(uneven.jitter).toBeGreaterThan(20); // 5 ms = 40 timestamp units each step, smoothed by 1/16
  });

  it('restarts on a large jump and ignores duplicates for the highest sequence', () => {
    const s = new ReceiveStats(1);
    s.update(100, 0, 0);
    s.update(101, 160, 20);
    s.update(101, 160, 21); // duplicate
    expect(s.extendedHighestSeq).toBe(101);
    s.update(40000, 320, 40);
    expect(s.extendedHighestSeq).toBe(40000);
    expect(s.expected).toBe(1);
  });

  it('reports LSR and DLSR from the last sender report', () => {
    const s = new ReceiveStats(9);
    s.update(1, 0, 0);
    s.noteSenderReport(0x12345678, 0x9abcdef0, 1000);
    expect(s.reportBlock(1500)).toMatchObject({ lastSr: 0x56789abc, delaySinceLastSr: 32768 });
  });
});
