import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from './clock.ts';
import { DurationHistogram } from './histogram.ts';
import { Pacer } from './pacer.ts';
import { prng } from './testSignals.ts';

function recorder() {
  const dues: number[] = [];
  return { dues, tick: (due: number) => void dues.push(due) };
}

describe('Pacer', () => {
  let pacer: Pacer | null = null;
  afterEach(() => pacer?.close());

  it('ticks each client every 20 ms on an exact grid, phase-shifted by its slot', () => {
    const clock = new ManualClock(1000);
    pacer = new Pacer({ clock, slots: 10 });
    const a = recorder();
    const b = recorder();
    const ra = pacer.add(a);
    const rb = pacer.add(b);
    expect([ra.slot, rb.slot]).toEqual([0, 1]);
    clock.advance(1000);
    expect(a.dues.slice(0, 50)).toEqual(Array.from({ length: 50 }, (_, k) => 1000 + k * 20));
    expect(b.dues.slice(0, 50)).toEqual(Array.from({ length: 50 }, (_, k) => 1002 + k * 20));
    expect(a.dues.length).toBeLessThanOrEqual(51); // the tick due at 2000 may run half a millisecond early
  });

  it('does not accumulate drift when every timer fires up to 3 ms late', () => {
    const clock = new ManualClock(0);
    const rnd = prng(42);
    clock.lateness = () => rnd() * 3;
    pacer = new Pacer({ clock });
    const a = recorder();
    pacer.add(a);
    clock.advance(10_000);
    // 10 s at 50 ticks/s: the count is exact up to the tick in flight, and every due time is on the grid.
    expect(a.dues.length).toBeGreaterThanOrEqual(499);
    expect(a.dues.length).toBeLessThanOrEqual(500);
    expect(a.dues.every((d, k) => d === k * 20)).toBe(true);
    expect(pacer.lateness.max).toBeLessThanOrEqual(3.5);
    expect(pacer.resyncs).toBe(0);
  });

  it('spreads clients evenly over the slots', () => {
    const clock = new ManualClock();
    pacer = new Pacer({ clock, slots: 10 });
    const counts = new Array<number>(10).fill(0);
    for (let i = 0; i < 500; i++) counts[pacer.add({ tick() {} }).slot]!++;
    expect(counts).toEqual(new Array<number>(10).fill(50));
  });

  it('skips ahead instead of bursting after a long stall', () => {
    const clock = new ManualClock(0);
    pacer = new Pacer({ clock, maxCatchUpMs: 100 });
    const a = recorder();
    pacer.add(a);
    clock.advance(100);
    const before = a.dues.length;
    clock.lateness = () => 500; // the next timer fires half a second late
    clock.advance(600);
    clock.lateness = () => 0;
    expect(pacer.resyncs).toBe(1);
    expect(a.dues.length - before).toBeLessThanOrEqual(2); // not the 25 missed ticks at once
    clock.advance(200);
    const last = a.dues.slice(-5);
    expect(last.every((d, i) => i === 0 || d - last[i - 1]! === 20)).toBe(true);
  });

  it('lets clients add and remove clients (themselves included) during a tick', () => {
    const clock = new ManualClock(0);
    pacer = new Pacer({ clock, slots: 1 });
    const late = recorder();
    let n = 0;
    const reg = pacer.add({
      tick() {
        if (++n === 3) {
          reg.remove();
          pacer!.add(late);
        }
      },
    });
    clock.advance(200);
    expect(n).toBe(3);
    expect(late.dues.length).toBeGreaterThanOrEqual(6);
    expect(late.dues.every((d, k) => k === 0 || d - late.dues[k - 1]! === 20)).toBe(true);
  });

  it('keeps ticking the others when one client throws, and reports the error', () => {
    const clock = new ManualClock(0);
    pacer = new Pacer({ clock });
    const errors: unknown[] = [];
    pacer.on('clientError', (e) => errors.push(e));
    pacer.add({
      tick() {
        throw new Error('boom');
      },
    });
    const ok = recorder();
    pacer.add(ok);
    clock.advance(100);
    expect(ok.dues.length).toBeGreaterThanOrEqual(4);
    expect(errors.length).toBeGreaterThanOrEqual(4);
  });

  it('stops its timer when the last client leaves and restarts on the next', () => {
    const clock = new ManualClock(0);
    pacer = new Pacer({ clock });
    const reg = pacer.add({ tick() {} });
    expect(clock.pendingTimers).toBe(1);
    reg.remove();
    reg.remove(); // idempotent
    expect(pacer.running).toBe(false);
    expect(clock.pendingTimers).toBe(0);
    const a = recorder();
    pacer.add(a);
    clock.advance(100);
    expect(a.dues.length).toBeGreaterThanOrEqual(4);
  });

  it('keeps a real-time schedule on the system clock', async () => {
    pacer = new Pacer();
    const a = recorder();
    pacer.add(a);
    await new Promise((r) => setTimeout(r, 400));
    pacer.close();
    expect(a.dues.length).toBeGreaterThanOrEqual(15);
    expect(a.dues.every((d, k) => k === 0 || Math.abs(d - a.dues[k - 1]! - 20) < 1e-9)).toBe(true);
    expect(pacer.lateness.percentile(50)).toBeLessThan(10); // generous: CI machines are busy
  });
});

describe('DurationHistogram', () => {
  it('gives percentiles to its resolution and an exact max', () => {
    const h = new DurationHistogram(0.1, 10);
    for (let i = 1; i <= 100; i++) h.record(i / 20); // 0.05 .. 5 ms
    expect(h.count).toBe(100);
    expect(h.percentile(50)).toBeCloseTo(2.6, 5);
    expect(h.percentile(99)).toBeCloseTo(5, 5);
    expect(h.max).toBe(5);
    h.record(50); // beyond the range
    expect(h.percentile(100)).toBe(50);
    h.reset();
    expect(h.percentile(50)).toBeNaN();
  });
});
