import { afterEach, describe, expect, it } from 'vitest';
import { hasTone } from '../media/goertzel.ts';
import { Pacer } from '../media/pacer.ts';
import { ToneGenerator } from '../media/sources.ts';
import { answerWebRtc, offerWebRtc } from './negotiate.ts';
import type { WebRtcLegOptions, WebRtcMedia } from './webRtcMedia.ts';
import { Listener, waitFor } from './testing/audio.ts';

// Two werift legs on loopback, one offering and one answering, as our engine and a browser would:
// SDP with every candidate (no trickle), DTLS-SRTP, G.711 both ways, RFC 4733 digits.

let legs: WebRtcMedia[] = [];
let pacer: Pacer;
afterEach(() => {
  for (const l of legs) l.close();
  legs = [];
  pacer?.close();
});

async function pair(offerOpts: Partial<WebRtcLegOptions> = {}, answerOpts: Partial<WebRtcLegOptions> = {}): Promise<[WebRtcMedia, WebRtcMedia, string, string]> {
  pacer = new Pacer();
  const offer = await offerWebRtc({ pacer, ...offerOpts });
  legs.push(offer.media);
  const { answerSdp, media } = await answerWebRtc(offer.offerSdp, { pacer, ...answerOpts });
  legs.push(media);
  const a = await offer.accept(answerSdp);
  await Promise.all([a.whenConnected(), media.whenConnected()]);
  return [a, media, offer.offerSdp, answerSdp];
}

describe('a WebRTC leg to another WebRTC leg (werift on both ends, loopback)', () => {
  it('offer/answer carry every candidate and a fingerprint; each side hears the other’s tone; stats count packets', async () => {
    const [a, b, offerSdp, answerSdp] = await pair();
    for (const sdp of [offerSdp, answerSdp]) {
      expect(sdp).toMatch(/^m=audio \d+ UDP\/TLS\/RTP\/SAVPF 0 8 101\r$/m);
      expect(sdp).toMatch(/^a=fingerprint:sha-256 [0-9A-F:]+\r$/m);
      expect(sdp).toMatch(/^a=candidate:.* 127\.0\.0\.1 \d+ typ host/m);
      expect(sdp).toMatch(/^a=end-of-candidates\r$/m);
    }
    expect(a.codec).toBe('PCMU');
    expect(b.codec).toBe('PCMU');
    expect(a.dtmfPayloadType).toBe(101);
    const heardByA = new Listener(a);
    const heardByB = new Listener(b);
    a.play(new ToneGenerator({ frequencies: [1000], amplitude: 8000 }));
    b.play(new ToneGenerator({ frequencies: [1500], amplitude: 8000 }));
    await waitFor(() => heardByA.last(1600) !== null && heardByB.last(1600) !== null && hasTone(heardByB.last(1600)!, 1000) && hasTone(heardByA.last(1600)!, 1500));
    expect(hasTone(heardByB.last(1600)!, 1500)).toBe(false);
    expect(a.stats.packetsSent).toBeGreaterThan(0);
    expect(b.stats.packetsReceived).toBeGreaterThan(0);
    expect(a.stats.unknownPayloadType + b.stats.unknownPayloadType).toBe(0);
  });

  it('sendDtmf() on one leg arrives as RFC 4733 dtmf events on the other, each digit once', async () => {
    const [a, b] = await pair();
    const digits: string[] = [];
    b.on('dtmf', (d, via) => digits.push(`${d}:${via}`));
    a.sendDtmf('5#');
    await waitFor(() => digits.length >= 2);
    await new Promise((r) => setTimeout(r, 200)); // the end packets are repeated: no duplicates
    expect(digits).toEqual(['5:rfc4733', '#:rfc4733']);
  });

  it('an interface address and a port range confine the candidates, and the legs still connect', async () => {
    const [a, , offerSdp, answerSdp] = await pair({ interfaceAddress: '127.0.0.1', portRange: [51000, 51100] }, { interfaceAddress: '127.0.0.1', portRange: [51200, 51300] });
    for (const [sdp, min, max] of [[offerSdp, 51000, 51100], [answerSdp, 51200, 51300]] as const) {
      const candidates = [...sdp.matchAll(/^a=candidate:\S+ \d+ udp \d+ (\S+) (\d+) typ host/gm)];
      expect(candidates.length).toBeGreaterThan(0);
      for (const c of candidates) {
        expect(c[1]).toBe('127.0.0.1');
        expect(Number(c[2])).toBeGreaterThanOrEqual(min);
        expect(Number(c[2])).toBeLessThanOrEqual(max);
      }
    }
    expect(a.state).toBe('connected');
  });

  it('an answerer that takes only PCMA makes both ends send A-law', async () => {
    const [a, b, , answerSdp] = await pair({}, { codecs: ['PCMA'] });
    expect(answerSdp).toMatch(/^m=audio \d+ UDP\/TLS\/RTP\/SAVPF 8 101\r$/m);
    expect(a.codec).toBe('PCMA');
    expect(b.codec).toBe('PCMA');
    const heard = new Listener(b);
    a.play(new ToneGenerator({ frequencies: [800], amplitude: 8000 }));
    await waitFor(() => heard.last(1600) !== null && hasTone(heard.last(1600)!, 800));
  });
});
