import { describe, expect, it } from 'vitest';
import { Softphone, type SessionPort, type UaPort } from './phone.ts';
import type { SipCredentials } from '../api/cti.ts';

type Handler = (...args: any[]) => void;

class Emitter {
  readonly handlers = new Map<string, Handler[]>();
  on(event: string, fn: Handler) {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), fn]);
    return this;
  }
  emit(event: string, ...args: unknown[]) {
    for (const fn of this.handlers.get(event) ?? []) fn(...args);
  }
}

class FakeUa extends Emitter implements UaPort {
  started = 0;
  stopped = 0;
  start() {
    this.started++;
  }
  stop() {
    this.stopped++;
  }
}

class FakeSession extends Emitter implements SessionPort {
  readonly calls: string[] = [];
  ended = false;
  constructor(
    readonly id: string,
    readonly remote_identity = { display_name: '12345', uri: { user: '13800138000' } },
  ) {
    super();
  }
  answer() {
    this.calls.push('answer');
  }
  terminate(o?: { status_code?: number }) {
    this.calls.push(`terminate${o?.status_code ? ` ${o.status_code}` : ''}`);
  }
  hold() {
    this.calls.push('hold');
    return true;
  }
  unhold() {
    this.calls.push('unhold');
    return true;
  }
  mute() {
    this.calls.push('mute');
  }
  unmute() {
    this.calls.push('unmute');
  }
  sendDTMF(tones: string, o?: unknown) {
    this.calls.push(`dtmf ${tones} ${(o as { transportType?: string }).transportType}`);
  }
  isEnded() {
    return this.ended;
  }
}

const creds: SipCredentials = { uri: 'sip:8001@hotline.local', authorizationUser: '8001', password: 'pw', wsUrl: 'ws://localhost:8080/sip', displayName: '话务员 陈晓' };

async function started() {
  const uas: FakeUa[] = [];
  const built: SipCredentials[] = [];
  let clock = 1000;
  const phone = new Softphone(
    async () => (c) => {
      built.push(c);
      const ua = new FakeUa();
      uas.push(ua);
      return ua;
    },
    () => clock,
  );
  await phone.start(creds);
  return { phone, uas, built, tick: (ms: number) => (clock += ms) };
}

describe('Softphone over a user agent', () => {
  it('builds the UA from the login credentials, starts it and reports registration', async () => {
    const { phone, uas, built } = await started();
    expect(built).toEqual([creds]);
    expect(uas[0]!.started).toBe(1);
    expect(phone.getState().registration).toBe('connecting');
    uas[0]!.emit('connected', {});
    uas[0]!.emit('registered', {});
    expect(phone.getState().registration).toBe('registered');
    uas[0]!.emit('registrationFailed', { cause: 'Authentication Error' });
    expect(phone.getState()).toMatchObject({ registration: 'failed', registrationError: 'Authentication Error' });
  });

  it('starting again with the same credentials keeps the running UA; new ones replace it', async () => {
    const { phone, uas } = await started();
    await phone.start({ ...creds });
    expect(uas).toHaveLength(1);
    await phone.start({ ...creds, authorizationUser: '8002', uri: 'sip:8002@hotline.local' });
    expect(uas).toHaveLength(2);
    expect(uas[0]!.stopped).toBe(1);
    // the old UA's late events no longer reach the state
    uas[0]!.emit('registered', {});
    expect(phone.getState().registration).toBe('connecting');
  });

  it('rings on an incoming INVITE, answers, controls the call and ends it', async () => {
    const { phone, uas, tick } = await started();
    const s = new FakeSession('a');
    uas[0]!.emit('newRTCSession', { originator: 'remote', session: s });
    expect(phone.getState().call).toMatchObject({ status: 'ringing', remoteNumber: '13800138000', remoteName: '12345' });
    phone.answer();
    s.emit('accepted', {});
    tick(500);
    s.emit('confirmed', {});
    expect(phone.getState().call).toMatchObject({ status: 'active', answeredAt: 1500 });
    phone.hold();
    s.emit('hold', { originator: 'local' });
    phone.unhold();
    s.emit('unhold', { originator: 'local' });
    phone.mute();
    s.emit('muted', { audio: true });
    phone.sendDTMF('5#');
    expect(phone.getState().call).toMatchObject({ held: false, muted: true, dtmf: '5#' });
    phone.hangup();
    s.ended = true;
    s.emit('ended', { originator: 'local', cause: 'Terminated' });
    expect(s.calls).toEqual(['answer', 'hold', 'unhold', 'mute', 'dtmf 5# RFC2833', 'terminate']);
    expect(phone.getState().call).toMatchObject({ status: 'ended', endCause: 'Terminated' });
  });

  it('refuses a second call with 486 while one is live', async () => {
    const { phone, uas } = await started();
    uas[0]!.emit('newRTCSession', { originator: 'remote', session: new FakeSession('a') });
    const second = new FakeSession('b');
    uas[0]!.emit('newRTCSession', { originator: 'remote', session: second });
    expect(second.calls).toEqual(['terminate 486']);
    expect(phone.getState().call?.sessionId).toBe('a');
  });

  it('a caller who gives up while ringing ends the call with the cause', async () => {
    const { phone, uas } = await started();
    const s = new FakeSession('a');
    uas[0]!.emit('newRTCSession', { originator: 'remote', session: s });
    s.emit('failed', { originator: 'remote', cause: 'Canceled' });
    expect(phone.getState().call).toMatchObject({ status: 'ended', endCause: 'Canceled' });
  });

  it('bad DTMF and actions without a call become errors, not exceptions', async () => {
    const { phone, uas } = await started();
    phone.answer();
    expect(phone.getState().error).toBe('no call');
    const s = new FakeSession('a');
    uas[0]!.emit('newRTCSession', { originator: 'remote', session: s });
    phone.sendDTMF('12a');
    expect(phone.getState().error).toBe('invalid DTMF: 12a');
    expect(s.calls).toEqual([]);
  });

  it('stop hangs up the live call, stops the UA and resets the state', async () => {
    const { phone, uas } = await started();
    const s = new FakeSession('a');
    uas[0]!.emit('newRTCSession', { originator: 'remote', session: s });
    phone.stop();
    expect(s.calls).toEqual(['terminate']);
    expect(uas[0]!.stopped).toBe(1);
    expect(phone.getState()).toMatchObject({ registration: 'idle', call: null });
    expect(phone.credentials).toBeNull();
  });

  it('a stop during a slow start wins: no UA is started', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const ua = new FakeUa();
    const phone = new Softphone(async () => {
      await gate;
      return () => ua;
    });
    const starting = phone.start(creds);
    phone.stop();
    release();
    await starting;
    expect(ua.started).toBe(0);
    expect(phone.getState().registration).toBe('idle');
  });
});
