import { afterEach, describe, expect, it } from 'vitest';
import { InvalidStateError } from '../media/errors.ts';
import { Mixer } from '../media/mixer.ts';
import { Pacer } from '../media/pacer.ts';
import { PortAllocator } from '../media/portAllocator.ts';
import { RtpSession } from '../media/rtpSession.ts';
import { ToneGenerator } from '../media/sources.ts';
import { bridgeLegs } from './bridge.ts';
import { answerWebRtc, offerWebRtc } from './negotiate.ts';
import type { WebRtcMedia } from './webRtcMedia.ts';

// How WebRTC legs end: close() once and for all, a connection that never comes up, an offer given
// up, and the bridge that follows its legs.

let pacer: Pacer;
const open: { close(): void }[] = [];
afterEach(() => {
  for (const o of open.splice(0)) o.close();
  pacer?.close();
});

async function connectedPair(): Promise<[WebRtcMedia, WebRtcMedia]> {
  pacer = new Pacer();
  const offer = await offerWebRtc({ pacer });
  open.push(offer.media);
  const answer = await answerWebRtc(offer.offerSdp, { pacer });
  open.push(answer.media);
  await offer.accept(answer.answerSdp);
  await Promise.all([offer.media.whenConnected(), answer.media.whenConnected()]);
  return [offer.media, answer.media];
}

describe('closing a WebRTC leg', () => {
  it('close() is idempotent: one close event, the pacer let go, play() and sendDtmf() then throw InvalidStateError', async () => {
    const [a] = await connectedPair();
    expect(pacer.size).toBe(2);
    let closes = 0;
    a.on('close', () => closes++);
    a.play(new ToneGenerator({ frequencies: [440] }));
    a.close();
    a.close();
    expect(closes).toBe(1);
    expect(a.state).toBe('closed');
    expect(a.closeReason).toBe('local');
    expect(pacer.size).toBe(1);
    expect(() => a.play(null)).toThrow(InvalidStateError);
    expect(() => a.sendDtmf('1')).toThrow(InvalidStateError);
    await expect(a.whenConnected()).rejects.toThrow(InvalidStateError);
  });

  it('a leg whose peer never connects closes itself after connectTimeoutMs, and whenConnected() rejects', async () => {
    pacer = new Pacer();
    const offer = await offerWebRtc({ pacer });
    const answer = await answerWebRtc(offer.offerSdp, { pacer, connectTimeoutMs: 400 });
    open.push(answer.media);
    offer.close(); // the browser went away before ICE started
    const connected = answer.media.whenConnected();
    const closed = new Promise<void>((resolve) => answer.media.once('close', resolve));
    await expect(connected).rejects.toThrow(/connect-timeout/);
    await closed;
    expect(answer.media.closeReason).toBe('connect-timeout');
    expect(pacer.size).toBe(0);
  });

  it('accept() after the offer was given up rejects with InvalidStateError; a second accept() too', async () => {
    pacer = new Pacer();
    const offer = await offerWebRtc({ pacer });
    const answer = await answerWebRtc(offer.offerSdp, { pacer });
    open.push(answer.media);
    offer.close();
    await expect(offer.accept(answer.answerSdp)).rejects.toThrow(InvalidStateError);

    const again = await offerWebRtc({ pacer });
    open.push(again.media);
    const answer2 = await answerWebRtc(again.offerSdp, { pacer });
    open.push(answer2.media);
    await again.accept(answer2.answerSdp);
    await expect(again.accept(answer2.answerSdp)).rejects.toThrow(InvalidStateError);
  });

  it('an unusable answer closes the offered leg and rejects with its WebRtcError', async () => {
    pacer = new Pacer();
    const offer = await offerWebRtc({ pacer });
    const answer = await answerWebRtc(offer.offerSdp, { pacer });
    open.push(answer.media);
    await expect(offer.accept(answer.answerSdp.replace(/^a=ice-ufrag:.*\r\n/m, ''))).rejects.toMatchObject({ code: 'NO_ICE_CREDENTIALS' });
    expect(offer.media.closed).toBe(true);
  });
});

describe('bridgeLegs', () => {
  it('a leg that closes takes the bridge down: both participants leave the mixer, the other leg stays up', async () => {
    const [a] = await connectedPair();
    const ports = new PortAllocator(49000, 49099);
    const rtp = await RtpSession.open({ pacer, ports, bindAddress: '127.0.0.1' });
    open.push(rtp);
    const mixer = new Mixer({ pacer });
    open.push(mixer);
    const unbridge = bridgeLegs(mixer, rtp, a, ['caller', 'agent']);
    expect(mixer.participants).toEqual(['caller', 'agent']);
    a.close();
    expect(mixer.participants).toEqual([]);
    expect(rtp.closed).toBe(false);
    expect(rtp.play(null)).toBeNull(); // detached: it no longer plays the mixer's output
    unbridge(); // idempotent
  });

  it('unbridge() detaches both legs; bridging a leg to itself or a closed leg is a TypeError', async () => {
    const [a, b] = await connectedPair();
    const mixer = new Mixer({ pacer });
    open.push(mixer);
    expect(() => bridgeLegs(mixer, a, a)).toThrow(TypeError);
    const unbridge = bridgeLegs(mixer, a, b);
    expect(mixer.participants).toHaveLength(2);
    unbridge();
    expect(mixer.participants).toEqual([]);
    expect(a.play(null)).toBeNull();
    b.close();
    expect(() => bridgeLegs(mixer, a, b)).toThrow(TypeError);
  });
});
