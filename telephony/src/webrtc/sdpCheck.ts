import type { G711 } from '../dialog/audioOffer.ts';
import { type SdpMedia, type SessionDescription, parseSdp, rtpMaps, serializeSdp } from '../sdp/sdp.ts';
import type { WebRtcErrorCode } from './errors.ts';

// What makes an SDP a usable WebRTC description for us (RFC 8829/8834): an audio stream over
// DTLS-SRTP (`UDP/TLS/RTP/SAVPF`, RFC 5764), the DTLS certificate's fingerprint (RFC 8122), ICE
// credentials (RFC 8839), and at least one G.711 law among its formats. The check runs before
// the peer connection sees the offer, so a bad offer costs no sockets and gets a precise reason.

/** RTP over DTLS-SRTP, as browsers (UDP/TLS/…) and some gateways (TCP/DTLS/…, RTP/SAVPF) write it. */
const DTLS_SRTP = /^(?:UDP\/TLS\/RTP\/SAVPF?|TCP\/D?TLS\/RTP\/SAVPF?|RTP\/SAVPF)$/i;

export interface WebRtcSdpInfo {
  sdp: SessionDescription;
  /** The audio stream we take. */
  audio: SdpMedia;
  /** G.711 laws it offers, in its order of preference, with their payload types. */
  g711: { codec: G711; payloadType: number }[];
  /** Payload type of telephone-event/8000, or null. */
  telephoneEvent: number | null;
}

export type WebRtcSdpCheck = { ok: true; info: WebRtcSdpInfo } | { ok: false; code: WebRtcErrorCode; message: string };

function attribute(sdp: SessionDescription, m: SdpMedia, name: string): string | undefined {
  return (m.attributes.find((a) => a.name === name) ?? sdp.attributes.find((a) => a.name === name))?.value ?? undefined;
}

function g711Of(m: SdpMedia): WebRtcSdpInfo['g711'] {
  const maps = rtpMaps(m);
  const out: WebRtcSdpInfo['g711'] = [];
  for (const f of m.formats) {
    const pt = Number(f);
    const map = maps.find((r) => r.payloadType === pt);
    // Static payload types 0 and 8 may come without an rtpmap (RFC 3551).
    const name = map ? map.encoding.toUpperCase() : pt === 0 ? 'PCMU' : pt === 8 ? 'PCMA' : '';
    if ((name === 'PCMU' || name === 'PCMA') && (map === undefined || map.clockRate === 8000)) out.push({ codec: name, payloadType: pt });
  }
  return out;
}

/** Checks an offer (or answer) for what a WebRTC G.711 leg needs; `codecs` are the laws we accept. */
export function checkWebRtcSdp(text: string, codecs: readonly G711[] = ['PCMU', 'PCMA']): WebRtcSdpCheck {
  const parsed = parseSdp(text);
  if (!parsed.ok) return { ok: false, code: 'BAD_SDP', message: `SDP line ${parsed.line}: ${parsed.error}` };
  const sdp = parsed.sdp;
  const secure = sdp.media.filter((m) => m.type === 'audio' && DTLS_SRTP.test(m.protocol));
  const audio = secure.find((m) => m.port > 0);
  if (audio === undefined) {
    return secure.length > 0
      ? { ok: false, code: 'NO_COMMON_CODEC', message: 'the DTLS-SRTP audio stream is refused (port 0)' }
      : { ok: false, code: 'NOT_WEBRTC', message: 'no audio stream over DTLS-SRTP (UDP/TLS/RTP/SAVPF)' };
  }
  const fingerprint = attribute(sdp, audio, 'fingerprint');
  if (fingerprint === undefined || !/^\S+ [0-9A-Fa-f:]+$/.test(fingerprint.trim())) return { ok: false, code: 'NO_FINGERPRINT', message: 'the audio stream has no a=fingerprint for DTLS' };
  if (attribute(sdp, audio, 'ice-ufrag') === undefined || attribute(sdp, audio, 'ice-pwd') === undefined) {
    return { ok: false, code: 'NO_ICE_CREDENTIALS', message: 'the audio stream has no a=ice-ufrag / a=ice-pwd' };
  }
  const g711 = g711Of(audio).filter((g) => codecs.includes(g.codec));
  if (g711.length === 0) return { ok: false, code: 'NO_COMMON_CODEC', message: `the audio stream offers none of ${codecs.join(', ')} (formats ${audio.formats.join(' ')})` };
  const ev = rtpMaps(audio).find((r) => r.encoding.toLowerCase() === 'telephone-event' && r.clockRate === 8000 && audio.formats.includes(String(r.payloadType)));
  return { ok: true, info: { sdp, audio, g711, telephoneEvent: ev?.payloadType ?? null } };
}

/** The problem with a WebRTC offer, null when it is usable, or 'NOT_WEBRTC' for a plain RTP offer. */
export function webRtcOfferProblem(sdp: string, codecs?: readonly G711[]): WebRtcErrorCode | null {
  const r = checkWebRtcSdp(sdp, codecs);
  return r.ok ? null : r.code;
}

/** A usable WebRTC offer: audio over UDP/TLS/RTP/SAVPF with a fingerprint, ICE credentials and G.711. */
export function isWebRtcOffer(sdp: string): boolean {
  return webRtcOfferProblem(sdp) === null;
}

/**
 * The offer with its audio stream cut down to our G.711 laws and telephone-event/8000. A browser
 * offers Opus, G.722, RED, CN and telephone-event at 48 kHz as well; what the peer connection
 * never sees it cannot pick (werift matches telephone-event by name alone, and would answer the
 * 48 kHz one to a G.711 stream). The answer stays valid for the full offer: a subset of its formats.
 */
export function restrictToG711(info: WebRtcSdpInfo): string {
  const keep = new Set(info.g711.map((g) => String(g.payloadType)));
  if (info.telephoneEvent !== null) keep.add(String(info.telephoneEvent));
  const ptOf = (value: string | null): string => (value ?? '').split(' ')[0] ?? '';
  const audio: SdpMedia = {
    ...info.audio,
    formats: info.audio.formats.filter((f) => keep.has(f)),
    attributes: info.audio.attributes.filter((a) => {
      if (a.name !== 'rtpmap' && a.name !== 'fmtp' && a.name !== 'rtcp-fb') return true;
      const pt = ptOf(a.value);
      return pt === '*' || keep.has(pt);
    }),
  };
  return serializeSdp({ ...info.sdp, media: info.sdp.media.map((m) => (m === info.audio ? audio : m)) });
}
