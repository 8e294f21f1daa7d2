// Public API of @hotline/telephony. So far: the SIP message layer (parse/serialise/frame/validate)
// and SDP; transactions, dialogs, RTP and IVR will build on these types.

export type { Uri, SipUri, TelUri, AbsoluteUri, UriHeader } from './sip/uri.ts';
export { parseUri, serializeUri, uriEquals, uriUserBytes, percentDecode } from './sip/uri.ts';
export type { Param } from './sip/params.ts';
export { getParam, hasParam, withParam, unquote, quote } from './sip/params.ts';
export type { NameAddr } from './sip/nameAddr.ts';
export { parseNameAddr, serializeNameAddr } from './sip/nameAddr.ts';
export type { Via } from './sip/via.ts';
export { parseVia, serializeVia, viaBranch, isRfc3261Branch, BRANCH_COOKIE } from './sip/via.ts';
export type { CSeq } from './sip/scalars.ts';
export type { MediaType } from './sip/mediaType.ts';
export { parseMediaType, serializeMediaType, mimeOf, acceptAdmits } from './sip/mediaType.ts';
export { canonicalHeaderName, headerKey, COMPACT_FORMS } from './sip/headerNames.ts';
export { getHeader, getHeaders, getHeaderList } from './sip/headerAccess.ts';
export { parseSipDate, formatSipDate } from './sip/date.ts';
export { isIPv4, isIPv6, isIPv6Reference, parseIPv6, classifyHost, hostsEqual } from './sip/ip.ts';
export type { HostKind } from './sip/ip.ts';
export type {
  RawHeader,
  SipMessage,
  SipMessageFields,
  SipRequest,
  SipResponse,
  Transport,
  ParseOptions,
  ParseResult,
  ParseSuccess,
  ParseFailure,
} from './sip/messageTypes.ts';
export { parseMessage, serializeMessage, startLineOf, responseTo, DEFAULT_MAX_MESSAGE_BYTES } from './sip/message.ts';
export type { FrameEvent, FramerOptions } from './sip/framer.ts';
export { SipStreamFramer, DEFAULT_FRAMER_MAX_HEADER, DEFAULT_FRAMER_MAX_MESSAGE } from './sip/framer.ts';
export { SipError } from './sip/sipError.ts';
export type { ResponseHeader } from './sip/sipError.ts';
export { REASON_PHRASES, reasonPhrase } from './sip/reasonPhrases.ts';
export type { UasProfile } from './sip/validate.ts';
export { validateRequest, DEFAULT_UAS_PROFILE, KNOWN_METHODS } from './sip/validate.ts';

export type {
  SessionDescription,
  SdpOrigin,
  SdpConnection,
  SdpBandwidth,
  SdpTiming,
  SdpAttribute,
  SdpMedia,
  SdpParseResult,
  RtpMap,
  Direction,
} from './sdp/sdp.ts';
export { parseSdp, serializeSdp, rtpMaps, fmtps, ptime, direction, connectionFor } from './sdp/sdp.ts';
