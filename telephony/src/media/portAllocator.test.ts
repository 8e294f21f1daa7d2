import { createSocket } from 'node:dgram';
import { describe, expect, it } from 'vitest';
import { MediaError } from './errors.ts';
import { PortAllocator } from './portAllocator.ts';
import { bindUdpPair } from './udpPair.ts';

describe('PortAllocator', () => {
  it('hands out every even port of the range once, then fails with PORTS_EXHAUSTED', () => {
    const a = new PortAllocator(30001, 30020); // even ports 30002..30018 (30020 has no RTCP port in range)
    expect(a.capacity).toBe(9);
    const got = Array.from({ length: 9 }, () => a.reserve());
    expect(got).toEqual([30002, 30004, 30006, 30008, 30010, 30012, 30014, 30016, 30018]);
    expect(new Set(got).size).toBe(9);
    expect(() => a.reserve()).toThrow(MediaError);
    try {
      a.reserve();
    } catch (err) {
      expect((err as MediaError).code).toBe('PORTS_EXHAUSTED');
    }
  });

  it('never hands out a port that is still in use, across many reserve/release rounds', () => {
    const a = new PortAllocator(40000, 40019);
    const held = new Set<number>();
    let seed = 1;
    for (let i = 0; i < 2000; i++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      if (held.size > 0 && (seed % 3 === 0 || held.size === a.capacity)) {
        const port = [...held][seed % held.size]!;
        held.delete(port);
        expect(a.release(port)).toBe(true);
      } else {
        const port = a.reserve();
        expect(held.has(port)).toBe(false);
        expect(port % 2).toBe(0);
        held.add(port);
      }
      expect(a.inUse).toBe(held.size);
    }
  });

  it('reuses a released port last (round-robin) and ignores a double release', () => {
    const a = new PortAllocator(40000, 40007);
    const p = a.reserve();
    expect(a.release(p)).toBe(true);
    expect(a.release(p)).toBe(false);
    expect([a.reserve(), a.reserve(), a.reserve(), a.reserve()]).toEqual([40002, 40004, 40006, 40000]);
  });

  it('rejects ranges that cannot hold a pair', () => {
    expect(() => new PortAllocator(40000, 40000)).toThrow(RangeError);
    expect(() => new PortAllocator(80, 100)).toThrow(RangeError);
    expect(() => new PortAllocator(40000, 70000)).toThrow(RangeError);
  });
});

describe('bindUdpPair', () => {
  it('binds RTP on the even port and RTCP on the odd one', async () => {
    const a = new PortAllocator(41000, 41099);
    const pair = await bindUdpPair(a, '127.0.0.1');
    expect(pair.rtp.address().port).toBe(pair.port);
    expect(pair.rtcp.address().port).toBe(pair.port + 1);
    expect(a.isReserved(pair.port)).toBe(true);
    pair.rtp.close();
    pair.rtcp.close();
  });

  it('skips a pair another socket holds and releases it', async () => {
    const blocker = createSocket('udp4');
    await new Promise<void>((r) => blocker.bind(41201, '127.0.0.1', r)); // the RTCP port of 41200
    const a = new PortAllocator(41200, 41209);
    const pair = await bindUdpPair(a, '127.0.0.1');
    expect(pair.port).toBe(41202);
    expect(a.isReserved(41200)).toBe(false);
    expect(a.inUse).toBe(1);
    pair.rtp.close();
    pair.rtcp.close();
    blocker.close();
  });

  it('fails with BIND_FAILED when no pair can be bound, and leaves nothing reserved', async () => {
    const blocker = createSocket('udp4');
    await new Promise<void>((r) => blocker.bind(41300, '127.0.0.1', r));
    const a = new PortAllocator(41300, 41301);
    await expect(bindUdpPair(a, '127.0.0.1')).rejects.toMatchObject({ code: 'BIND_FAILED' });
    expect(a.inUse).toBe(0);
    blocker.close();
  });
});
