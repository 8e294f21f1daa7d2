import { describe, expect, it } from 'vitest';
import { compareSeq, mergeMessages } from './chatModel';
import { initialWebCall, webCallReducer, type WebCallEvent } from './webCallState';
import type { ChatMessage } from './portalApi';

const m = (id: string, seq: string, text = id): ChatMessage => ({ id, seq, author: 'bot', kind: 'text', text, createdAt: '2026-11-23T01:00:00Z' });

describe('chat messages', () => {
  it('merges by id and orders by numeric seq, whichever answer came first', () => {
    const sent = [m('a', '9'), m('b', '10', 'mine')];
    const polled = [m('b', '10', 'mine'), m('c', '11'), m('a', '9')];
    expect(mergeMessages(sent, polled).map((x) => x.id)).toEqual(['a', 'b', 'c']);
    expect(mergeMessages([], [m('x', '100'), m('y', '99')]).map((x) => x.seq)).toEqual(['99', '100']);
    expect(compareSeq('9', '10')).toBeLessThan(0);
  });
});

describe('the web call button', () => {
  const run = (...events: WebCallEvent[]) => events.reduce(webCallReducer, initialWebCall);

  it('goes connecting → calling → ringing → in call → ended', () => {
    const s = run({ type: 'dial' }, { type: 'connected' }, { type: 'progress' }, { type: 'confirmed', at: 5 }, { type: 'dtmf', digit: '1' }, { type: 'dtmf', digit: '#' });
    expect(s).toEqual({ phase: 'inCall', cause: null, answeredAt: 5, digits: '1#' });
    expect(webCallReducer(s, { type: 'ended', cause: 'Terminated' })).toMatchObject({ phase: 'ended', cause: 'Terminated' });
  });

  it('a failure is kept until reset; a second dial during a call changes nothing; digits need a call', () => {
    const failed = run({ type: 'dial' }, { type: 'failed', cause: 'Rejected' });
    expect(failed).toMatchObject({ phase: 'failed', cause: 'Rejected' });
    expect(webCallReducer(failed, { type: 'reset' })).toEqual(initialWebCall);
    const calling = run({ type: 'dial' }, { type: 'connected' });
    expect(webCallReducer(calling, { type: 'dial' })).toBe(calling);
    expect(webCallReducer(calling, { type: 'dtmf', digit: '5' }).digits).toBe('');
    expect(webCallReducer(calling, { type: 'reset' })).toBe(calling);
  });
});
