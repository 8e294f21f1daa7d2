import { describe, expect, it } from 'vitest';
import { initialSoftphoneState, isBusy, softphoneReducer, talkSeconds, type SoftphoneAction, type SoftphoneState } from './state.ts';

const run = (actions: SoftphoneAction[], from: SoftphoneState = initialSoftphoneState) => actions.reduce(softphoneReducer, from);
const ring = (sessionId = 's1', at = 1000): SoftphoneAction => ({ type: 'incoming', sessionId, remoteNumber: '13800138000', remoteName: '12345', at });

describe('softphone state', () => {
  it('registration goes connecting → connected → registered, and a lost socket reconnects', () => {
    const s = run([{ type: 'connecting' }, { type: 'connected' }, { type: 'registered' }]);
    expect(s.registration).toBe('registered');
    const lost = softphoneReducer(s, { type: 'disconnected', error: 'socket closed' });
    expect(lost).toMatchObject({ registration: 'connecting', registrationError: 'socket closed' });
    expect(softphoneReducer(lost, { type: 'registered' })).toMatchObject({ registration: 'registered', registrationError: null });
  });

  it('a refused registration keeps its cause', () => {
    expect(run([{ type: 'connecting' }, { type: 'registrationFailed', cause: 'Authentication Error' }])).toMatchObject({
      registration: 'failed',
      registrationError: 'Authentication Error',
    });
  });

  it('an incoming call rings, is answered, talks and ends with a frozen talk time', () => {
    const ringing = run([{ type: 'registered' }, ring('s1', 1000)]);
    expect(ringing.call).toMatchObject({ status: 'ringing', remoteNumber: '13800138000', remoteName: '12345', answeredAt: null });
    expect(isBusy(ringing)).toBe(true);
    const talking = run([{ type: 'accepted', sessionId: 's1' }, { type: 'confirmed', sessionId: 's1', at: 5000 }], ringing);
    expect(talking.call).toMatchObject({ status: 'active', answeredAt: 5000 });
    expect(talkSeconds(talking.call, 17_400)).toBe(12);
    const ended = softphoneReducer(talking, { type: 'ended', sessionId: 's1', cause: 'BYE', at: 65_000 });
    expect(ended.call).toMatchObject({ status: 'ended', endCause: 'BYE', endedAt: 65_000 });
    expect(isBusy(ended)).toBe(false);
    expect(talkSeconds(ended.call, 999_999)).toBe(60);
  });

  it('a second call while one is live leaves the first in place', () => {
    const s = run([ring('s1'), ring('s2', 2000)]);
    expect(s.call?.sessionId).toBe('s1');
  });

  it('after the first call ended, the next one replaces it', () => {
    const s = run([ring('s1'), { type: 'ended', sessionId: 's1', cause: 'Canceled', at: 3000 }, ring('s2', 4000)]);
    expect(s.call).toMatchObject({ sessionId: 's2', status: 'ringing', startedAt: 4000 });
  });

  it('events of another session or of an ended call change nothing', () => {
    const s = run([ring('s1'), { type: 'confirmed', sessionId: 's1', at: 2000 }]);
    expect(softphoneReducer(s, { type: 'hold', sessionId: 'other', held: true })).toBe(s);
    const ended = softphoneReducer(s, { type: 'ended', sessionId: 's1', cause: 'BYE', at: 9000 });
    expect(softphoneReducer(ended, { type: 'mute', sessionId: 's1', muted: true })).toBe(ended);
    expect(softphoneReducer(ended, { type: 'confirmed', sessionId: 's1', at: 10_000 })).toBe(ended);
  });

  it('hold, mute and DTMF are tracked on the live call; the end clears hold and mute', () => {
    const s = run([
      ring('s1'),
      { type: 'confirmed', sessionId: 's1', at: 2000 },
      { type: 'hold', sessionId: 's1', held: true },
      { type: 'mute', sessionId: 's1', muted: true },
      { type: 'dtmf', sessionId: 's1', tones: '12' },
      { type: 'dtmf', sessionId: 's1', tones: '#' },
    ]);
    expect(s.call).toMatchObject({ held: true, muted: true, dtmf: '12#' });
    expect(softphoneReducer(s, { type: 'ended', sessionId: 's1', cause: 'BYE', at: 3000 }).call).toMatchObject({ held: false, muted: false });
  });

  it('talk time is zero until answered; an ended call can be dismissed, a live one cannot', () => {
    const s = run([ring('s1')]);
    expect(talkSeconds(s.call, 99_000)).toBe(0);
    expect(softphoneReducer(s, { type: 'dismissEnded' })).toBe(s);
    const ended = softphoneReducer(s, { type: 'ended', sessionId: 's1', cause: 'Canceled', at: 5000 });
    expect(softphoneReducer(ended, { type: 'dismissEnded' }).call).toBeNull();
  });

  it('errors are kept until cleared; stopping returns to the initial state', () => {
    const s = run([{ type: 'registered' }, ring('s1'), { type: 'error', message: 'microphone: denied' }]);
    expect(s.error).toBe('microphone: denied');
    expect(softphoneReducer(s, { type: 'clearError' }).error).toBeNull();
    expect(softphoneReducer(s, { type: 'stopped' })).toEqual(initialSoftphoneState);
  });
});
