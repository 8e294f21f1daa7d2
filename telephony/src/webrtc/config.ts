import { type PeerConfig, RTCRtpCodecParameters, usePCMA, usePCMU } from 'werift';
import type { G711 } from '../dialog/audioOffer.ts';

// How a WebRTC leg's peer connection is set up. Defaults fit a browser on the same LAN or the
// same machine: host candidates on every IPv4 interface plus loopback, no STUN/TURN, IPv4 only
// (every gathered address costs a socket per leg), G.711 only.

export interface IceServer {
  urls: string | string[];
  username?: string;
  credential?: string;
}

export interface WebRtcConfig {
  /** STUN/TURN servers (default none: host candidates only, fine on a LAN or loopback). */
  iceServers?: IceServer[];
  /**
   * Gather on this local IPv4 address only, and bind the ICE sockets to it (default: every
   * interface, sockets on 0.0.0.0).
   */
  interfaceAddress?: string;
  /** Also offer a 127.0.0.1 host candidate, for a softphone on the same machine (default true; not with interfaceAddress). */
  loopback?: boolean;
  /** UDP ports for ICE sockets, [min, max] with min < max (default: any free port). */
  portRange?: [number, number];
  /** Gather IPv6 host candidates too (default false). */
  ipv6?: boolean;
  /** G.711 laws we accept, in our order of preference (default PCMU then PCMA). */
  codecs?: G711[];
  /** How long candidate gathering may take before our SDP goes out anyway (default 5000 ms). */
  gatherTimeoutMs?: number;
  /** From the peer's description until ICE and DTLS must be up, else the leg closes (default 20000 ms). */
  connectTimeoutMs?: number;
  /** How long a lost connection (ICE "disconnected") may last before the leg closes (default 10000 ms). */
  disconnectTimeoutMs?: number;
  /** Detect DTMF tones in the received audio too, while no telephone-event has arrived (default false). */
  inbandDtmf?: boolean;
}

/** The payload type we offer for telephone-event (an answer uses the peer's). */
export const TELEPHONE_EVENT_PT = 101;

export function codecsOf(config: WebRtcConfig): G711[] {
  const codecs = config.codecs ?? ['PCMU', 'PCMA'];
  if (codecs.length === 0 || codecs.some((c) => c !== 'PCMU' && c !== 'PCMA')) throw new TypeError(`codecs must be PCMU and/or PCMA, got ${JSON.stringify(codecs)}`);
  return codecs;
}

export function peerConfig(config: WebRtcConfig): Partial<PeerConfig> {
  const range = config.portRange;
  if (range !== undefined && !(Number.isInteger(range[0]) && Number.isInteger(range[1]) && range[0] > 0 && range[0] < range[1] && range[1] <= 65535)) {
    throw new RangeError(`bad ICE port range ${JSON.stringify(range)}`);
  }
  const audio = [
    ...codecsOf(config).map((c) => (c === 'PCMU' ? usePCMU() : usePCMA())),
    new RTCRtpCodecParameters({ mimeType: 'audio/telephone-event', clockRate: 8000, channels: 1, payloadType: TELEPHONE_EVENT_PT, parameters: '0-16' }),
  ];
  // With an interface address every ICE socket is bound to it, so a loopback candidate would lie.
  const extra = config.interfaceAddress !== undefined ? [config.interfaceAddress] : config.loopback === false ? [] : ['127.0.0.1'];
  return {
    codecs: { audio, video: [] },
    headerExtensions: { audio: [], video: [] },
    iceServers: config.iceServers ?? [],
    iceUseIpv4: true,
    iceUseIpv6: config.ipv6 ?? false,
    iceUseTcp: false,
    iceAdditionalHostAddresses: extra,
    ...(config.interfaceAddress === undefined ? {} : { iceInterfaceAddresses: { udp4: config.interfaceAddress } }),
    ...(range === undefined ? {} : { icePortRange: range }),
  };
}
