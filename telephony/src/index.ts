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

// Media: RTP/RTCP sessions, G.711, RFC 4733 DTMF, WAV, the shared pacer, players, recorder, mixer.
export * from './media/index.ts';

// Text to speech (an optional eSpeak NG provider in a child process) and the prompt cache.
export type { TextToSpeech, SynthesisOptions, TtsErrorCode } from './tts/textToSpeech.ts';
export { TtsError, TTS_SAMPLE_RATE } from './tts/textToSpeech.ts';
export { EspeakTts, espeakVersion, ESPEAK_PACKAGE } from './tts/espeakTts.ts';
export type { EspeakTtsOptions } from './tts/espeakTts.ts';
export { PromptCache } from './tts/promptCache.ts';
export type { PromptCacheOptions, PromptCacheStats } from './tts/promptCache.ts';

// IVR: call flows as validated data, the interpreter, the flow registry, the built-in flows.
export type { Flow, FlowNode, FlowInput, Prompt, Prompts, VerbName, NodeOf, TimeRange } from './ivr/flowSchema.ts';
export { flowSchema, nodeSchema, flowJsonSchema, VERB_NAMES } from './ivr/flowSchema.ts';
export { validateFlow } from './ivr/validateFlow.ts';
export type { FlowValidation } from './ivr/validateFlow.ts';
export { FlowRegistry } from './ivr/registry.ts';
export type { FlowInfo } from './ivr/registry.ts';
export { IvrInterpreter } from './ivr/interpreter.ts';
export type { IvrResult, IvrEndReason, IvrInterpreterOptions } from './ivr/interpreter.ts';
export type { CallPort, PlayOptions, PlayResult, CollectOptions, RecordOptions, Recording, Dtmf } from './ivr/callPort.ts';
export { CallEndedError } from './ivr/callPort.ts';
export type { IvrServices, IvrMessage, MessageKind, WorkOrderLookup, SurveyAnswer, EnqueueRequest } from './ivr/services.ts';
export type { IvrStep, IvrEvents, PromptSource, EndReason } from './ivr/context.ts';
export { PromptRenderer, staticPrompts, warmPrompts } from './ivr/prompts.ts';
export type { PromptRendererOptions } from './ivr/prompts.ts';
export { BUILTIN_FLOW_IDS, builtinFlowText } from './ivr/builtinFlows.ts';
export type { BuiltinFlowId } from './ivr/builtinFlows.ts';

// SIP signalling: transports (UDP, TCP/TLS, WebSocket/WSS) → SipStack → transactions (RFC 3261
// §17) → dialogs and sessions → the SipEndpoint, plus digest auth, the registrar and trunks.
export type { Flow as SipFlow, SipTransport, TransportProtocol } from './transport/types.ts';
export { UdpTransport } from './transport/udpTransport.ts';
export type { UdpOptions } from './transport/udpTransport.ts';
export { TcpTransport } from './transport/tcpTransport.ts';
export type { TcpOptions, TlsMaterial } from './transport/tcpTransport.ts';
export { WsTransport, SIP_SUBPROTOCOL, chooseSipProtocol } from './transport/wsTransport.ts';
export type { WsOptions, WsListenOptions } from './transport/wsTransport.ts';
export type { ConnectionLimits } from './transport/connectionTable.ts';
export { SipStack, stampReceived, responseFlow, newBranch, newTag, newCallId } from './transport/sipStack.ts';
export type { StackUser, StackOptions, StackStats } from './transport/sipStack.ts';
export { resolveUri, resolveHost } from './transport/resolve.ts';
export type { Clock as SipClock, TimerHandle as SipTimerHandle } from './transaction/clock.ts';
export { realClock, FakeClock } from './transaction/clock.ts';
export type { TimerConfig, TransactionContext } from './transaction/timers.ts';
export { DEFAULT_TIMERS } from './transaction/timers.ts';
export { TransactionLayer, withToTag } from './transaction/transactionLayer.ts';
export type { ServerTransaction, ClientTransaction, TransactionUser, TransactionLimits } from './transaction/transactionLayer.ts';
export { InviteClientTransaction } from './transaction/inviteClient.ts';
export { NonInviteClientTransaction } from './transaction/nonInviteClient.ts';
export { InviteServerTransaction } from './transaction/inviteServer.ts';
export { NonInviteServerTransaction } from './transaction/nonInviteServer.ts';
export type { ClientTransactionUser, MessageSender } from './transaction/types.ts';
export { awaitFinal } from './transaction/awaitFinal.ts';
export { Dialog, dialogId } from './dialog/dialog.ts';
export { InviteSession } from './dialog/inviteSession.ts';
export type { SessionEvents, RequestOptions } from './dialog/inviteSession.ts';
export type { SessionOptions, TerminationReason } from './dialog/services.ts';
export type { ReferRequest } from './dialog/inDialogRequests.ts';
export { InvalidStateError as SipInvalidStateError } from './dialog/reinvite.ts';
export { withDirection, answerDirection, sdpDirection } from './dialog/sdpDirection.ts';
export { Emitter } from './dialog/emitter.ts';
export { digestResponse, SUPPORTED_ALGORITHMS } from './auth/digest.ts';
export type { DigestAlgorithm } from './auth/digest.ts';
export { DigestServer } from './auth/digestServer.ts';
export type { DigestServerOptions, VerifyResult } from './auth/digestServer.ts';
export { DigestClient, isStale } from './auth/digestClient.ts';
export type { Credentials } from './auth/digestClient.ts';
export { Registrar } from './registrar/registrar.ts';
export type { RegistrarOptions } from './registrar/registrar.ts';
export { MemoryBindingStore } from './registrar/bindingStore.ts';
export type { Binding, BindingStore } from './registrar/bindingStore.ts';
export { TrunkRegistration } from './registrar/trunkRegistration.ts';
export { OptionsPinger } from './registrar/optionsPinger.ts';
export type { TrunkConfig } from './registrar/trunk.ts';
export { addressAllowed, trunkOf } from './registrar/trunk.ts';
export { DEMO_EXTENSIONS, demoAgentPassword } from './registrar/demoAgents.ts';
export { SipEndpoint } from './ua/sipEndpoint.ts';
export type { EndpointEvents } from './ua/sipEndpoint.ts';
export type { SipEndpointOptions, ListenOptions as SipListenOptions, EndpointLimits } from './ua/endpointOptions.ts';
export { ENDPOINT_METHODS } from './ua/endpointOptions.ts';
export type { ListeningPorts } from './ua/listen.ts';
export { IncomingCall } from './ua/incomingCall.ts';
export type { IncomingCallEvents } from './ua/incomingCall.ts';
export { OutgoingCall, CallFailedError } from './ua/outgoingCall.ts';
export type { OutgoingCallEvents } from './ua/outgoingCall.ts';
export type { CallOptions } from './ua/placeCall.ts';
export { CallTargetError } from './ua/placeCall.ts';
export type { CallSource } from './ua/policy.ts';
export { audioOffer, answerAudio, planForOffer, planFromAnswer } from './dialog/audioOffer.ts';
export type { MediaPlan, LocalMedia, G711 } from './dialog/audioOffer.ts';

// Engine: the IVR on real calls — SipCallPort (CallPort over an IncomingCall and an RtpSession)
// and IvrCallHandler (runs the interpreter for each call to the hotline).
export { SipCallPort, numberOf } from './engine/sipCallPort.ts';
export type { SipCallPortOptions } from './engine/sipCallPort.ts';
export { IvrCallHandler } from './engine/ivrCallHandler.ts';
export type { IvrCallHandlerOptions, IvrCallHandlerEvents, IvrCallRecord } from './engine/ivrCallHandler.ts';

// WebRTC legs for browser softphones (werift: ICE host candidates, DTLS-SRTP, G.711 inside):
// answering a browser's offer, offering to a browser, calling a WebSocket-registered agent,
// bridging two legs through a Mixer. A SipCallPort's `media` is a WebRtcMedia for browser calls.
export * from './webrtc/index.ts';
export type { CallMedia } from './engine/sipCallPort.ts';
