// Public API of the media layer (RTP/RTCP, G.711, DTMF, prompts, recording, mixing, pacing).
// The engine's ownership tree (engine → call → leg → media) builds on RtpSession, Mixer and
// Recorder; one Pacer and one PortAllocator are shared by the whole process.

export { FRAME_MS, FRAME_SAMPLES, SAMPLE_RATE, clamp16 } from './audio.ts';
export type { AudioSource } from './audio.ts';
export { TypedEmitter } from './events.ts';
export type { EventMap } from './events.ts';
export { InvalidStateError, MediaError } from './errors.ts';
export type { MediaErrorCode } from './errors.ts';

export {
  ALAW_SILENCE,
  ULAW_SILENCE,
  alawDecode,
  alawEncode,
  decodeG711,
  encodeG711,
  ulawDecode,
  ulawEncode,
  alawDecodeSample,
  alawEncodeSample,
  ulawDecodeSample,
  ulawEncodeSample,
} from './g711.ts';
export type { G711Law } from './g711.ts';
export { RTP_HEADER_BYTES, looksLikeRtcp, parseRtp, serializeRtp, writeRtpHeader } from './rtpPacket.ts';
export type { RtpHeaderExtension, RtpHeaderFields, RtpPacket, RtpParseError, RtpParseResult } from './rtpPacket.ts';
export { RTCP_BYE, RTCP_RR, RTCP_SDES, RTCP_SR, buildRtcpReport, ntpTime, parseRtcp } from './rtcp.ts';
export type { ReportBlock, RtcpPacket, RtcpParseResult, RtcpReportInput, SenderInfo } from './rtcp.ts';
export { ReceiveStats } from './rtpStats.ts';
export { DTMF_DIGITS, DtmfReceiver, DtmfSender, EVENT_FLASH, digitToEvent, eventToDigit, parseTelephoneEvent, serializeTelephoneEvent } from './dtmf4733.ts';
export type { DtmfAction, DtmfSenderOptions, ReceivedDigit, TelephoneEvent } from './dtmf4733.ts';
export { DtmfToneDetector, detectDtmfBlock } from './dtmfDetector.ts';
export { goertzelPower, hasTone, meanSquare, toneAmplitude, toneRatio } from './goertzel.ts';
export type { ToneCheck } from './goertzel.ts';
export { mixDown, parseWav, readWavFile, serializeWav, wavHeader, wavToTelephony } from './wav.ts';
export type { TelephonyAudioResult, WavAudio, WavEncoding, WavResult } from './wav.ts';
export { resample } from './resample.ts';

export { ManualClock, systemClock } from './clock.ts';
export type { MediaClock, TimerHandle } from './clock.ts';
export { Pacer } from './pacer.ts';
export type { PacerClient, PacerOptions, PacerRegistration } from './pacer.ts';
export { DurationHistogram } from './histogram.ts';
export { PortAllocator } from './portAllocator.ts';
export { RtpSession } from './rtpSession.ts';
export type { Direction as MediaDirection, RtpRemote, RtpSessionEvents, RtpSessionOptions, RtpSessionStats } from './rtpSession.ts';
export { RtcpChannel, RTCP_INTERVAL_MS } from './rtcpChannel.ts';

export { QueueSource, SampleQueue } from './sampleQueue.ts';
export { BufferPlayer, CN_TONES, LoopPlayer, ToneGenerator, render, silence } from './sources.ts';
export type { EndReason, ToneSpec } from './sources.ts';
export { Recorder, recordSessions } from './recorder.ts';
export type { RecordableSession, RecorderOptions, RecordingSummary } from './recorder.ts';
export { Mixer, attachSession } from './mixer.ts';
export type { MixableSession, MixerParticipant } from './mixer.ts';
export { applySupervisorMode } from './supervision.ts';
export type { SupervisedCall, SupervisorMode } from './supervision.ts';
