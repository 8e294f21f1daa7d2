import { describe, expect, it } from 'vitest';
import { ctiEventsUrl, instantMs, parseCtiEvent, reconnectDelayMs } from './cti.ts';

describe('CTI client helpers', () => {
  it('the events URL follows the page’s scheme and carries the token', () => {
    expect(ctiEventsUrl({ protocol: 'http:', host: 'localhost:8080' }, 'a b+c')).toBe('ws://localhost:8080/api/v1/cti/events?token=a%20b%2Bc');
    expect(ctiEventsUrl({ protocol: 'https:', host: 'hotline.example' }, null)).toBe('wss://hotline.example/api/v1/cti/events');
  });

  it('parses event messages and drops anything else', () => {
    expect(parseCtiEvent('{"type":"call.offered","at":"2026-01-05T08:00:00Z","data":{"callId":"c1"}}')).toEqual({ type: 'call.offered', at: '2026-01-05T08:00:00Z', data: { callId: 'c1' } });
    expect(parseCtiEvent('{"type":"hello"}')).toMatchObject({ type: 'hello', data: null });
    for (const bad of ['not json', '{"data":1}', 'null', '[1]', 42]) expect(parseCtiEvent(bad)).toBeNull();
  });

  it('reconnects after 1, 2, 4 … seconds, never more than 30', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 20].map(reconnectDelayMs)).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
  });

  it('reads instants given as ISO strings or epoch milliseconds', () => {
    expect(instantMs('2026-01-05T08:00:00.000Z')).toBe(Date.UTC(2026, 0, 5, 8));
    expect(instantMs(1_000)).toBe(1_000);
    expect(instantMs(null)).toBeNaN();
    expect(instantMs(undefined)).toBeNaN();
  });
});
