import { describe, expect, it } from 'vitest';
import type { DtmfAction } from './dtmf4733.ts';
import { DtmfReceiver, DtmfSender, digitToEvent, eventToDigit, parseTelephoneEvent, serializeTelephoneEvent } from './dtmf4733.ts';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

function train(sender: DtmfSender, ticks: number, ts0 = 1000): DtmfAction[] {
  const out: DtmfAction[] = [];
  for (let i = 0; i < ticks; i++) out.push(sender.next(ts0 + i * 160));
  return out;
}

describe('telephone-event payload', () => {
  it('encodes event, E bit, volume and duration in the RFC 4733 layout', () => {
    expect(hex(serializeTelephoneEvent({ event: 5, end: false, volume: 10, duration: 160 }))).toBe('050a00a0');
    expect(hex(serializeTelephoneEvent({ event: 11, end: true, volume: 63, duration: 800 }))).toBe('0bbf0320');
  });

  it('decodes the same bytes back, ignoring the reserved bit', () => {
    expect(parseTelephoneEvent(Buffer.from('0bff0320', 'hex'))).toEqual({ event: 11, end: true, volume: 63, duration: 800 });
    expect(parseTelephoneEvent(Buffer.from('050a00', 'hex'))).toBeNull();
  });

  it('maps digits to event codes and back', () => {
    expect([...'0123456789*#ABCD'].map(digitToEvent)).toEqual([...Array(16).keys()]);
    expect(digitToEvent('a')).toBe(12);
    expect(digitToEvent('x')).toBeNull();
    expect(digitToEvent('12')).toBeNull();
    expect(eventToDigit(10)).toBe('*');
    expect(eventToDigit(16)).toBeNull(); // flash is not a digit
  });
});

describe('DtmfSender', () => {
  it('emits a start packet with the marker, updates every 20 ms and three identical end packets', () => {
    const s = new DtmfSender({ durationMs: 100 });
    s.enqueue('5');
    const actions = train(s, 8);
    expect(actions).toEqual([
      { event: { event: 5, end: false, volume: 10, duration: 160 }, marker: true, timestamp: 1000 },
      { event: { event: 5, end: false, volume: 10, duration: 320 }, marker: false, timestamp: 1000 },
      { event: { event: 5, end: false, volume: 10, duration: 480 }, marker: false, timestamp: 1000 },
      { event: { event: 5, end: false, volume: 10, duration: 640 }, marker: false, timestamp: 1000 },
      { event: { event: 5, end: true, volume: 10, duration: 800 }, marker: false, timestamp: 1000 },
      { event: { event: 5, end: true, volume: 10, duration: 800 }, marker: false, timestamp: 1000 },
      { event: { event: 5, end: true, volume: 10, duration: 800 }, marker: false, timestamp: 1000 },
      null,
    ]);
    expect(s.busy).toBe(true); // the inter-digit gap
    train(s, 3);
    expect(s.busy).toBe(false);
  });

  it('sends updates every other tick (40 ms) when asked, suppressing audio in between', () => {
    const s = new DtmfSender({ durationMs: 120, updateEveryTicks: 2 });
    s.enqueue('1');
    const kinds = train(s, 9).map((a) => (a === null ? 'audio' : a === 'suppress' ? '-' : a.event.end ? 'E' : a.marker ? 'M' : 'u'));
    expect(kinds).toEqual(['M', '-', 'u', '-', 'u', 'E', 'E', 'E', 'audio']);
  });

  it('queues several digits with a gap and a fresh timestamp for each', () => {
    const s = new DtmfSender({ durationMs: 60, gapMs: 40 });
    s.enqueue('12');
    const events = train(s, 20).filter((a): a is Exclude<DtmfAction, null | 'suppress'> => a !== null && a !== 'suppress');
    const starts = events.filter((a) => a.marker);
    expect(starts.map((a) => a.event.event)).toEqual([1, 2]);
    expect(starts[1]!.timestamp - starts[0]!.timestamp).toBe((3 + 2 + 2) * 160); // 3 ticks held, 2 more end packets, 2 gap ticks
    expect(events.filter((a) => a.event.end)).toHaveLength(6);
  });

  it('rejects non-DTMF characters without queuing anything', () => {
    const s = new DtmfSender();
    expect(() => s.enqueue('12x')).toThrow(TypeError);
    expect(() => s.enqueue('')).toThrow(TypeError);
    expect(s.busy).toBe(false);
  });
});

describe('DtmfReceiver', () => {
  it('reports a digit once for its whole packet train, end retransmissions included', () => {
    const s = new DtmfSender();
    s.enqueue('55');
    const r = new DtmfReceiver();
    const got: string[] = [];
    for (const a of train(s, 30)) {
      if (a === null || a === 'suppress') continue;
      const d = r.receive(0xabc, a.timestamp, a.event);
      if (d) got.push(d.digit);
    }
    expect(got).toEqual(['5', '5']); // the same digit twice is two events: two timestamps
  });

  it('still reports an event whose start packets were lost', () => {
    const r = new DtmfReceiver();
    expect(r.receive(1, 8000, { event: 11, end: true, volume: 10, duration: 800 })).toEqual({ digit: '#', event: 11, timestamp: 8000 });
    expect(r.receive(1, 8000, { event: 11, end: true, volume: 10, duration: 800 })).toBeNull();
  });

  it('keeps sources apart and ignores non-digit events', () => {
    const r = new DtmfReceiver();
    const e = { event: 1, end: false, volume: 10, duration: 160 };
    expect(r.receive(1, 0, e)).not.toBeNull();
    expect(r.receive(2, 0, e)).not.toBeNull();
    expect(r.receive(3, 0, { ...e, event: 16 })).toBeNull();
  });
});
