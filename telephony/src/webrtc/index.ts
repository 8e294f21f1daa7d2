// WebRTC media legs (werift: ICE, DTLS-SRTP) for browser softphones, with G.711 inside so they
// mix with RTP legs without transcoding. See README.md.
export { WebRtcMedia } from './webRtcMedia.ts';
export type { WebRtcCloseReason, WebRtcLegOptions, WebRtcMediaEvents, WebRtcMediaStats, WebRtcState } from './webRtcMedia.ts';
export type { IceServer, WebRtcConfig } from './config.ts';
export { WebRtcError } from './errors.ts';
export type { WebRtcErrorCode } from './errors.ts';
export { checkWebRtcSdp, isWebRtcOffer, webRtcOfferProblem } from './sdpCheck.ts';
export type { WebRtcSdpCheck, WebRtcSdpInfo } from './sdpCheck.ts';
export { answerWebRtc, offerWebRtc } from './negotiate.ts';
export type { WebRtcAnswer, WebRtcOffer } from './negotiate.ts';
export { callWebRtc, registeredOverWebSocket } from './agentCall.ts';
export type { WebRtcCall, WebRtcCallOptions } from './agentCall.ts';
export { bridgeLegs } from './bridge.ts';
export type { BridgeableLeg } from './bridge.ts';
