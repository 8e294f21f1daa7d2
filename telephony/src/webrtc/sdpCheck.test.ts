import { afterEach, describe, expect, it } from 'vitest';
import { Pacer } from '../media/pacer.ts';
import { testSdp } from '../ua/testPeers.ts';
import { WebRtcError } from './errors.ts';
import { answerWebRtc } from './negotiate.ts';
import { checkWebRtcSdp, isWebRtcOffer, restrictToG711, webRtcOfferProblem } from './sdpCheck.ts';

// An offer shaped like Chromium's for an audio-only call: Opus first, RED, G.722, both G.711
// laws, CN, telephone-event at 48 kHz and at 8 kHz, BUNDLE, rtcp-mux, one host candidate.
const browserOffer = [
  'v=0',
  'o=- 4611731400430051336 2 IN IP4 127.0.0.1',
  's=-',
  't=0 0',
  'a=group:BUNDLE 0',
  'a=msid-semantic: WMS s1',
  'm=audio 52000 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126',
  'c=IN IP4 127.0.0.1',
  'a=rtcp:9 IN IP4 0.0.0.0',
  'a=candidate:1 1 udp 2122260223 127.0.0.1 52000 typ host generation 0',
  'a=ice-ufrag:Xy1z',
  'a=ice-pwd:4rKv0m1Lq9sPz2Wc7Ty8Ua3B',
  'a=ice-options:trickle',
  'a=fingerprint:sha-256 3A:96:6D:57:B2:C2:C7:61:A0:46:3E:1C:97:39:D3:F7:0A:88:A0:B1:EC:03:FB:10:A5:5D:3A:37:AB:DD:02:AA',
  'a=setup:actpass',
  'a=mid:0',
  'a=sendrecv',
  'a=msid:s1 t1',
  'a=rtcp-mux',
  'a=rtpmap:111 opus/48000/2',
  'a=rtcp-fb:111 transport-cc',
  'a=fmtp:111 minptime=10;useinbandfec=1',
  'a=rtpmap:63 red/48000/2',
  'a=fmtp:63 111/111',
  'a=rtpmap:9 G722/8000',
  'a=rtpmap:0 PCMU/8000',
  'a=rtpmap:8 PCMA/8000',
  'a=rtpmap:13 CN/8000',
  'a=rtpmap:110 telephone-event/48000',
  'a=rtpmap:126 telephone-event/8000',
  'a=ssrc:1001 cname:c1',
  'a=ssrc:1001 msid:s1 t1',
  '',
].join('\r\n');

const without = (re: RegExp): string => browserOffer.replace(re, '');

let pacer: Pacer | undefined;
afterEach(() => pacer?.close());

describe('WebRTC SDP checks', () => {
  it('a browser offer is a WebRTC offer; a plain RTP offer is not', () => {
    expect(isWebRtcOffer(browserOffer)).toBe(true);
    expect(isWebRtcOffer(testSdp(40000))).toBe(false);
    expect(webRtcOfferProblem(testSdp(40000))).toBe('NOT_WEBRTC');
  });

  it('names what is missing: fingerprint, ICE credentials, a G.711 law, a parsable SDP', () => {
    expect(webRtcOfferProblem(without(/^a=fingerprint:.*\r\n/m))).toBe('NO_FINGERPRINT');
    expect(webRtcOfferProblem(without(/^a=ice-pwd:.*\r\n/m))).toBe('NO_ICE_CREDENTIALS');
    expect(webRtcOfferProblem(browserOffer.replace(' 111 63 9 0 8 13 110 126', ' 111 63 9 13 110 126'))).toBe('NO_COMMON_CODEC');
    expect(webRtcOfferProblem(browserOffer.replace('m=audio 52000', 'm=audio 0'))).toBe('NO_COMMON_CODEC');
    expect(webRtcOfferProblem('v=1\r\n')).toBe('BAD_SDP');
    // We may decline a law: a PCMU-only offer to an engine configured for PCMA only.
    expect(webRtcOfferProblem(browserOffer.replace(' 0 8 13', ' 0 13'), ['PCMA'])).toBe('NO_COMMON_CODEC');
  });

  it('takes a session-level fingerprint (RFC 8122 allows both levels)', () => {
    const fp = /^(a=fingerprint:.*)\r\n/m.exec(browserOffer)![1]!;
    const moved = without(/^a=fingerprint:.*\r\n/m).replace('t=0 0\r\n', `t=0 0\r\n${fp}\r\n`);
    expect(isWebRtcOffer(moved)).toBe(true);
  });

  it('cuts the audio stream down to G.711 and telephone-event/8000 before the peer connection sees it', () => {
    const r = checkWebRtcSdp(browserOffer);
    if (!r.ok) throw new Error(r.message);
    expect(r.info.g711).toEqual([{ codec: 'PCMU', payloadType: 0 }, { codec: 'PCMA', payloadType: 8 }]);
    expect(r.info.telephoneEvent).toBe(126);
    const cut = restrictToG711(r.info);
    expect(cut).toMatch(/^m=audio 52000 UDP\/TLS\/RTP\/SAVPF 0 8 126\r$/m);
    expect(cut).not.toMatch(/opus|red\/|G722|CN\/|telephone-event\/48000|rtcp-fb:111|fmtp:63/);
    expect(cut).toContain('a=fingerprint:sha-256 3A:96');
    expect(cut).toContain('a=ssrc:1001 msid:s1 t1');
  });
});

describe('answerWebRtc', () => {
  it('answers a browser offer with PCMU first and the browser’s telephone-event/8000 payload type', async () => {
    pacer = new Pacer();
    const { answerSdp, media } = await answerWebRtc(browserOffer, { pacer });
    media.close();
    expect(answerSdp).toMatch(/^m=audio \d+ UDP\/TLS\/RTP\/SAVPF 0 8 126\r$/m);
    expect(answerSdp).toMatch(/^a=rtpmap:126 telephone-event\/8000\r$/m);
    expect(answerSdp).toMatch(/^a=setup:active\r$/m);
    expect(answerSdp).toMatch(/^a=fingerprint:sha-256 /m);
    expect(media.codec).toBe('PCMU');
    expect(media.dtmfPayloadType).toBe(126);
  });

  it('prefers PCMA when configured so', async () => {
    pacer = new Pacer();
    const { answerSdp, media } = await answerWebRtc(browserOffer, { pacer, codecs: ['PCMA', 'PCMU'] });
    media.close();
    expect(answerSdp).toMatch(/^m=audio \d+ UDP\/TLS\/RTP\/SAVPF 8 0 126\r$/m);
    expect(media.codec).toBe('PCMA');
  });

  it('rejects an unusable offer with a WebRtcError carrying the code and SIP status 488', async () => {
    pacer = new Pacer();
    const err = await answerWebRtc(without(/^a=fingerprint:.*\r\n/m), { pacer }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WebRtcError);
    expect(err).toMatchObject({ code: 'NO_FINGERPRINT', sipStatus: 488 });
    expect(pacer.size).toBe(0);
  });

  it('refuses bad configuration with TypeError / RangeError', async () => {
    pacer = new Pacer();
    await expect(answerWebRtc(browserOffer, { pacer, codecs: [] })).rejects.toThrow(TypeError);
    await expect(answerWebRtc(browserOffer, { pacer, portRange: [5000, 5000] })).rejects.toThrow(RangeError);
  });
});
