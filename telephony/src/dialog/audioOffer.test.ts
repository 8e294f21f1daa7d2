import { describe, expect, it } from 'vitest';
import { parseSdp } from '../sdp/sdp.ts';
import { answerAudio, audioOffer, planFromAnswer } from './audioOffer.ts';

const OFFER = [
  'v=0',
  'o=alice 1 1 IN IP4 198.51.100.7',
  's=-',
  'c=IN IP4 198.51.100.7',
  't=0 0',
  'm=audio 49170 RTP/AVP 9 0 8 101',
  'a=rtpmap:9 G722/8000',
  'a=rtpmap:101 telephone-event/8000',
  'a=fmtp:101 0-16',
  'm=video 51372 RTP/AVP 96',
  'a=rtpmap:96 H264/90000',
  '',
].join('\r\n');

describe('G.711 offer/answer (RFC 3264)', () => {
  it('picks the first G.711 the caller lists, keeps its telephone-event type, refuses video with port 0', () => {
    const a = answerAudio(OFFER, { address: '203.0.113.1', port: 20000 })!;
    expect(a.plan).toEqual({ remote: { address: '198.51.100.7', port: 49170 }, codec: 'PCMU', dtmfPayloadType: 101, direction: 'sendrecv' });
    const sdp = parseSdp(a.sdp);
    expect(sdp.ok && sdp.sdp.media.map((m) => [m.type, m.port, m.formats])).toEqual([
      ['audio', 20000, ['0', '101']],
      ['video', 0, ['96']],
    ]);
  });

  it('answers hold (sendonly, or c=0.0.0.0) with recvonly', () => {
    expect(answerAudio(OFFER.replace('a=fmtp:101 0-16', 'a=fmtp:101 0-16\r\na=sendonly'), { address: '203.0.113.1', port: 20000 })!.plan.direction).toBe('recvonly');
    const old = answerAudio(OFFER.replace('c=IN IP4 198.51.100.7', 'c=IN IP4 0.0.0.0'), { address: '203.0.113.1', port: 20000 })!;
    expect(old.plan).toMatchObject({ remote: undefined, direction: 'recvonly' });
  });

  it("keeps the offer's m-line order when audio is not first", () => {
    const videoFirst = OFFER.replace(/m=audio[^]*?(?=m=video)/, '').replace('a=rtpmap:96 H264/90000\r\n', 'a=rtpmap:96 H264/90000\r\nm=audio 49170 RTP/AVP 8\r\n');
    const a = answerAudio(videoFirst, { address: '203.0.113.1', port: 20000 })!;
    const sdp = parseSdp(a.sdp);
    expect(sdp.ok && sdp.sdp.media.map((m) => [m.type, m.port])).toEqual([['video', 0], ['audio', 20000]]);
    expect(a.plan.codec).toBe('PCMA');
  });

  it('refuses an offer without G.711 (→ 488)', () => {
    expect(answerAudio(OFFER.replace('RTP/AVP 9 0 8 101', 'RTP/AVP 9 101'), { address: '203.0.113.1', port: 20000 })).toBeNull();
    expect(answerAudio('garbage', { address: '203.0.113.1', port: 20000 })).toBeNull();
  });

  it('our offer is read back by planFromAnswer as the peer would answer it', () => {
    const offer = audioOffer({ address: '203.0.113.1', port: 20002 });
    expect(planFromAnswer(offer)).toEqual({ remote: { address: '203.0.113.1', port: 20002 }, codec: 'PCMA', dtmfPayloadType: 101, direction: 'sendrecv' });
  });
});
