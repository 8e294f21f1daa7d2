// Why a WebRTC leg could not be negotiated. Every code is a problem with the peer's SDP or with
// setting up the peer connection; the SIP layer answers all of them with 488 Not Acceptable Here
// (RFC 3261 §21.4.26), and the code says which part of the offer was at fault.

export type WebRtcErrorCode =
  /** The SDP does not parse. */
  | 'BAD_SDP'
  /** No audio stream over DTLS-SRTP (UDP/TLS/RTP/SAVPF): a plain RTP offer, handled elsewhere. */
  | 'NOT_WEBRTC'
  /** A DTLS-SRTP audio stream without a=fingerprint: the DTLS peer cannot be authenticated. */
  | 'NO_FINGERPRINT'
  /** No a=ice-ufrag / a=ice-pwd: connectivity checks are impossible. */
  | 'NO_ICE_CREDENTIALS'
  /** The audio stream offers neither PCMU nor PCMA (we do not transcode Opus). */
  | 'NO_COMMON_CODEC'
  /** The peer connection refused the description or failed to produce ours. */
  | 'NEGOTIATION_FAILED';

export class WebRtcError extends Error {
  override readonly name = 'WebRtcError';
  readonly code: WebRtcErrorCode;
  /** The SIP status to refuse the offer with. */
  readonly sipStatus = 488;

  constructor(code: WebRtcErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
