import { randomInt } from 'node:crypto';
import type { Direction, SdpMedia, SessionDescription } from '../sdp/sdp.ts';
import { connectionFor, direction, parseSdp, rtpMaps } from '../sdp/sdp.ts';
import { answerDirection } from './sdpDirection.ts';

// Offer/answer for the engine's one kind of media: a G.711 audio stream with RFC 4733 events
// (RFC 3264). The result is both the SDP to send and a MediaPlan — what the media layer needs to
// open or update an RtpSession: where to send, which law, the telephone-event payload type and
// our direction. Non-audio streams are refused with port 0 (§6), keeping the m-line count.

export type G711 = 'PCMU' | 'PCMA';

export interface MediaPlan {
  /** Where to send RTP; undefined when the peer gave none (port 0, or c=0.0.0.0 — RFC 2543 hold). */
  remote: { address: string; port: number } | undefined;
  codec: G711;
  dtmfPayloadType: number | null;
  /** Our direction (sendrecv, or recvonly while the peer holds us…). */
  direction: Direction;
}

export interface LocalMedia {
  address: string;
  port: number;
}

const DTMF_PT = 101;

function ipVersion(address: string): 'IP4' | 'IP6' {
  return address.includes(':') ? 'IP6' : 'IP4';
}

/**
 * Our SDP with one audio stream. `others` are the offer's other streams, refused with port 0 in
 * their places (§6: the answer has the offer's m-lines in the offer's order); `audioIndex` is where
 * ours goes among them.
 */
function audioSdp(local: LocalMedia, formats: { pt: number; map: string }[], dtmfPt: number | null, dir: Direction, others: SdpMedia[] = [], audioIndex = 0): string {
  const v = ipVersion(local.address);
  const head = ['v=0', `o=hotline ${randomInt(1, 2 ** 31)} 1 IN ${v} ${local.address}`, 's=hotline', `c=IN ${v} ${local.address}`, 't=0 0'];
  const fmts = [...formats.map((f) => f.pt), ...(dtmfPt === null ? [] : [dtmfPt])];
  const audio = [`m=audio ${local.port} RTP/AVP ${fmts.join(' ')}`, ...formats.map((f) => `a=rtpmap:${f.pt} ${f.map}`)];
  if (dtmfPt !== null) audio.push(`a=rtpmap:${dtmfPt} telephone-event/8000`, `a=fmtp:${dtmfPt} 0-16`);
  audio.push('a=ptime:20', `a=${dir}`);
  const sections = others.map((m) => [`m=${m.type} 0 ${m.protocol} ${m.formats[0] ?? '0'}`]);
  sections.splice(audioIndex, 0, audio);
  return [...head, ...sections.flat()].join('\r\n') + '\r\n';
}

/** Our offer: PCMA and PCMU (PCMA first — China's networks use A-law) and telephone-event. */
export function audioOffer(local: LocalMedia, dir: Direction = 'sendrecv'): string {
  return audioSdp(local, [{ pt: 8, map: 'PCMA/8000' }, { pt: 0, map: 'PCMU/8000' }], DTMF_PT, dir);
}

/** What a description says about its first audio stream, from the point of view of its receiver. */
function readAudio(sdp: SessionDescription): { m: SdpMedia; codec: G711 | undefined; codecPt: number | undefined; dtmfPt: number | null; remote: MediaPlan['remote']; dir: Direction } | undefined {
  const m = sdp.media.find((x) => x.type === 'audio' && x.port > 0 && /RTP\/AVP/.test(x.protocol));
  if (m === undefined) return undefined;
  const maps = rtpMaps(m);
  let codec: G711 | undefined;
  let codecPt: number | undefined;
  for (const f of m.formats) {
    const pt = Number(f);
    const map = maps.find((r) => r.payloadType === pt);
    const name = map ? map.encoding.toUpperCase() : pt === 0 ? 'PCMU' : pt === 8 ? 'PCMA' : '';
    if ((name === 'PCMU' || name === 'PCMA') && (map === undefined || map.clockRate === 8000)) {
      codec = name;
      codecPt = pt;
      break;
    }
  }
  const ev = maps.find((r) => r.encoding.toLowerCase() === 'telephone-event' && r.clockRate === 8000 && m.formats.includes(String(r.payloadType)));
  const c = connectionFor(sdp, m);
  const held = c === undefined || c.address === '0.0.0.0';
  return { m, codec, codecPt, dtmfPt: ev?.payloadType ?? null, remote: held ? undefined : { address: c.address, port: m.port }, dir: direction(sdp, m) };
}

/** The plan our answer to `offer` will carry — to open the RtpSession before writing the answer. */
export function planForOffer(offer: string): MediaPlan | null {
  return answerAudio(offer, { address: '0.0.0.0', port: 9 })?.plan ?? null;
}

/** Answers a peer's offer; null when there is nothing we can take (→ 488 Not Acceptable Here). */
export function answerAudio(offer: string, local: LocalMedia): { sdp: string; plan: MediaPlan } | null {
  const r = parseSdp(offer);
  if (!r.ok) return null;
  const a = readAudio(r.sdp);
  if (a === undefined || a.codec === undefined || a.codecPt === undefined) return null;
  // RFC 2543 hold (c=0.0.0.0) means the peer will not receive: answer as if it offered sendonly.
  const theirs = a.remote === undefined && a.dir === 'sendrecv' ? 'sendonly' : a.dir;
  const ours = answerDirection(theirs);
  const others = r.sdp.media.filter((x) => x !== a.m);
  const sdp = audioSdp(local, [{ pt: a.codecPt, map: `${a.codec}/8000` }], a.dtmfPt, ours, others, r.sdp.media.indexOf(a.m));
  return { sdp, plan: { remote: a.remote, codec: a.codec, dtmfPayloadType: a.dtmfPt, direction: ours } };
}

/** Reads the peer's answer to our offer (or its 183/200 SDP) into a plan; null when unusable. */
export function planFromAnswer(answer: string): MediaPlan | null {
  const r = parseSdp(answer);
  if (!r.ok) return null;
  const a = readAudio(r.sdp);
  if (a === undefined || a.codec === undefined) return null;
  return { remote: a.remote, codec: a.codec, dtmfPayloadType: a.dtmfPt, direction: answerDirection(a.dir) };
}
