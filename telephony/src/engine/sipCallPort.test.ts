// SipCallPort against a real caller on loopback: a second SipEndpoint places the call and a real
// RtpSession sends its RFC 4733 digits and audio; SIP INFO digits go through the dialog.

import { afterEach, describe, expect, it } from 'vitest';
import { audioOffer } from '../dialog/audioOffer.ts';
import type { InviteSession } from '../dialog/inviteSession.ts';
import { CallEndedError } from '../ivr/callPort.ts';
import { InvalidStateError } from '../media/errors.ts';
import { Pacer } from '../media/pacer.ts';
import { PortAllocator } from '../media/portAllocator.ts';
import { RtpSession } from '../media/rtpSession.ts';
import { BufferPlayer } from '../media/sources.ts';
import { concat, sine } from '../media/testSignals.ts';
import { SipEndpoint } from '../ua/sipEndpoint.ts';
import { SipCallPort } from './sipCallPort.ts';

const pacer = new Pacer();
const ports = new PortAllocator(43000, 43999);
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function connect(): Promise<{ port: SipCallPort; caller: InviteSession; media: RtpSession }> {
  const callee = new SipEndpoint({ timers: { t1: 200, t2: 1600, t4: 2000 } });
  const calleePorts = await callee.listen({ host: '127.0.0.1', udpPort: 0 });
  const callerEp = new SipEndpoint({ timers: { t1: 200, t2: 1600, t4: 2000 }, publicNumbers: [] });
  await callerEp.listen({ host: '127.0.0.1', udpPort: 0 });
  cleanups.push(() => callee.close(), () => callerEp.close());
  const media = await RtpSession.open({ pacer, ports, bindAddress: '127.0.0.1' });
  cleanups.push(() => media.close());
  const portP = new Promise<SipCallPort>((resolve) =>
    callee.once('invite', (call) => {
      const p = new SipCallPort(call, { pacer, ports, bindAddress: '127.0.0.1' });
      cleanups.push(() => p.hangup());
      resolve(p);
    }),
  );
  const out = await callerEp.call(`sip:12345@127.0.0.1:${calleePorts.udp!}`, { sdp: audioOffer({ address: '127.0.0.1', port: media.localPort }) });
  const port = await portP;
  expect(port.calledNumber).toBe('12345');
  await expect(port.play(new Int16Array(160), { bargeIn: false })).rejects.toBeInstanceOf(InvalidStateError);
  await port.answer();
  const caller = await out.answered;
  media.setRemote({ address: '127.0.0.1', port: port.session!.localPort });
  return { port, caller, media };
}

describe('SipCallPort', () => {
  it('barge-in: an RFC 4733 digit stops the prompt and stays in the buffer for collectDigits', async () => {
    const { port, media } = await connect();
    const prompt = sine(440, 8000, 8000 * 5); // 5 s
    setTimeout(() => media.sendDtmf('7'), 300);
    const t0 = Date.now();
    const r = await port.play(prompt, { bargeIn: true });
    expect(r.interruptedBy).toBe('7');
    expect(Date.now() - t0).toBeLessThan(2000);
    setTimeout(() => media.sendDtmf('89#'), 100);
    expect(await port.collectDigits({ min: 1, max: 10, timeoutMs: 3000, interDigitMs: 2000, terminator: '#' })).toBe('789');
  }, 15_000);

  it('a play without barge-in keeps digits; collect: max, inter-digit timeout, no-input timeout', async () => {
    const { port, media } = await connect();
    setTimeout(() => media.sendDtmf('12'), 50);
    expect(await port.play(new Int16Array(8000), { bargeIn: false })).toEqual({});
    expect(port.clearDigits()).toBe('12');
    setTimeout(() => media.sendDtmf('345'), 50);
    expect(await port.collectDigits({ min: 1, max: 2, timeoutMs: 3000, interDigitMs: 2000 })).toBe('34');
    await sleep(500);
    expect(await port.collectDigits({ min: 1, max: 5, timeoutMs: 3000, interDigitMs: 300 })).toBe('5');
    expect(await port.collectDigits({ min: 1, max: 5, timeoutMs: 300, interDigitMs: 300 })).toBeNull();
  }, 15_000);

  it('SIP INFO digits go into the same buffer; one operation at a time; abort rejects with the reason', async () => {
    const { port, caller } = await connect();
    await caller.sendDtmfInfo('4');
    await caller.sendDtmfInfo('2');
    const ac = new AbortController();
    const pending = port.collectDigits({ min: 3, max: 3, timeoutMs: 3000, interDigitMs: 3000, signal: ac.signal });
    await expect(port.play(new Int16Array(160), { bargeIn: false })).rejects.toBeInstanceOf(InvalidStateError);
    ac.abort(new Error('stop'));
    await expect(pending).rejects.toThrow('stop');
    expect(port.clearDigits()).toBe('');
  }, 15_000);

  it('record: speech then silence ends with "silence", trimmed; the terminator ends it too', async () => {
    const { port, media } = await connect();
    media.play(new BufferPlayer(concat(sine(300, 6000, 8000), new Int16Array(8000 * 3))));
    const rec = await port.record({ maxMs: 10_000, silenceMs: 800, beep: false });
    expect(rec?.endedBy).toBe('silence');
    expect(rec!.durationMs).toBeGreaterThan(700);
    expect(rec!.durationMs).toBeLessThan(1400);
    media.play(new BufferPlayer(sine(300, 6000, 8000 * 5)));
    setTimeout(() => media.sendDtmf('#'), 800);
    const rec2 = await port.record({ maxMs: 10_000, silenceMs: 2000, beep: true, terminator: '#' });
    expect(rec2?.endedBy).toBe('terminator');
    expect(port.clearDigits()).toBe('');
  }, 20_000);

  it('remote BYE: a pending record resolves with what it has ("hangup"), then onHangup runs once; later ops reject', async () => {
    const { port, caller, media } = await connect();
    const order: string[] = [];
    port.onHangup((cause) => order.push(`hangup:${cause}`));
    media.play(new BufferPlayer(sine(300, 6000, 8000 * 5)));
    const rec = port.record({ maxMs: 10_000, silenceMs: 3000, beep: false }).then((r) => {
      order.push(`record:${r?.endedBy}`);
      return r;
    });
    await sleep(600);
    await caller.bye();
    const r = await rec;
    expect(r?.pcm.length).toBeGreaterThan(0);
    await sleep(50);
    expect(order).toEqual(['record:hangup', 'hangup:remote-bye']);
    await expect(port.collectDigits({ min: 1, max: 1, timeoutMs: 100, interDigitMs: 100 })).rejects.toBeInstanceOf(CallEndedError);
    const late: string[] = [];
    port.onHangup((c) => late.push(c));
    expect(late).toEqual(['remote-bye']);
    expect(port.session?.closed).toBe(true);
  }, 15_000);

  it('hangup() by us: BYE, the pending play rejects with CallEndedError, no listener is called', async () => {
    const { port, caller } = await connect();
    const heard: string[] = [];
    port.onHangup((c) => heard.push(c));
    const ended = new Promise<string>((r) => caller.once('terminated', (why) => r(why)));
    const play = port.play(new Int16Array(8000 * 5), { bargeIn: true });
    const rejected = expect(play).rejects.toBeInstanceOf(CallEndedError);
    await sleep(100);
    await port.hangup();
    await rejected;
    expect(await ended).toBe('remote-bye');
    expect(heard).toEqual([]);
  }, 15_000);
});
