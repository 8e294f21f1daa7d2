import { RTCPeerConnection, type RTCRtpTransceiver } from 'werift';
import { InvalidStateError } from '../media/errors.ts';
import { codecsOf, peerConfig } from './config.ts';
import { WebRtcError } from './errors.ts';
import { checkWebRtcSdp, restrictToG711 } from './sdpCheck.ts';
import { WebRtcMedia, type WebRtcLegOptions } from './webRtcMedia.ts';

// Offer/answer for WebRTC legs, shaped for SIP: SIP carries one offer and one answer, so each
// side waits for ICE gathering to finish and puts every candidate in its SDP (no trickle ICE,
// RFC 8840, which would need INFO packages). With host candidates only, gathering takes a few
// milliseconds; a STUN/TURN server adds its round trips (bounded by gatherTimeoutMs).

export interface WebRtcAnswer {
  answerSdp: string;
  media: WebRtcMedia;
}

export interface WebRtcOffer {
  readonly offerSdp: string;
  /** The leg; it connects once accept() applied the peer's answer. */
  readonly media: WebRtcMedia;
  /** Applies the peer's answer. Rejects with WebRtcError (and closes the leg) when it is unusable. */
  accept(answerSdp: string): Promise<WebRtcMedia>;
  /** Gives the offer up (the call failed): closes the leg. */
  close(): void;
}

/**
 * Keeps only candidates on `address`: werift binds every ICE socket to the interface address but
 * still advertises the machine's other addresses when the interface is not among them (loopback).
 */
function candidatesOn(sdp: string, address: string): string {
  return sdp.replace(/^a=candidate:\S+ \d+ \S+ \d+ (\S+) .*\r\n/gm, (line, at: string) => (at === address ? line : ''));
}

async function gathered(pc: RTCPeerConnection, timeoutMs: number, interfaceAddress: string | undefined): Promise<string> {
  if (pc.iceGatheringState !== 'complete') {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, timeoutMs);
      const sub = pc.iceGatheringStateChange.subscribe((s) => {
        if (s === 'complete') done();
      });
      function done(): void {
        clearTimeout(timer);
        sub.unSubscribe();
        resolve();
      }
      if (pc.iceGatheringState === 'complete') done();
    });
  }
  const described = pc.localDescription?.sdp;
  if (described === undefined) throw new WebRtcError('NEGOTIATION_FAILED', 'no local description');
  const sdp = interfaceAddress === undefined ? described : candidatesOn(described, interfaceAddress);
  if (!/^a=candidate:/m.test(sdp)) throw new WebRtcError('NEGOTIATION_FAILED', 'no ICE candidate could be gathered (no usable interface?)');
  return sdp;
}

function failure(error: unknown): WebRtcError {
  return error instanceof WebRtcError ? error : new WebRtcError('NEGOTIATION_FAILED', `the peer connection failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
}

function audioTransceiver(pc: RTCPeerConnection): RTCRtpTransceiver | undefined {
  return pc.getTransceivers().find((t) => t.kind === 'audio' && !t.rejected && !t.pendingRejection && !t.stopping);
}

/** Answers a browser's offer (its INVITE). Rejects with WebRtcError; the caller answers 488. */
export async function answerWebRtc(offerSdp: string, options: WebRtcLegOptions): Promise<WebRtcAnswer> {
  const check = checkWebRtcSdp(offerSdp, codecsOf(options));
  if (!check.ok) throw new WebRtcError(check.code, check.message);
  const pc = new RTCPeerConnection(peerConfig(options));
  try {
    await pc.setRemoteDescription({ type: 'offer', sdp: restrictToG711(check.info) });
    const transceiver = audioTransceiver(pc);
    if (transceiver === undefined) throw new WebRtcError('NO_COMMON_CODEC', 'the peer connection found no audio stream it can take');
    transceiver.setDirection('sendrecv');
    await pc.setLocalDescription(await pc.createAnswer());
    const answerSdp = await gathered(pc, options.gatherTimeoutMs ?? 5000, options.interfaceAddress);
    const media = new WebRtcMedia(pc, transceiver, options);
    media.negotiated();
    return { answerSdp, media };
  } catch (error) {
    pc.close().catch(() => undefined);
    throw failure(error);
  }
}

/** Our offer to a browser (an INVITE to an agent's WebRTC phone): PCMU first, then PCMA, telephone-event. */
export async function offerWebRtc(options: WebRtcLegOptions): Promise<WebRtcOffer> {
  const codecs = codecsOf(options);
  const pc = new RTCPeerConnection(peerConfig(options));
  let media: WebRtcMedia;
  let offerSdp: string;
  try {
    const transceiver = pc.addTransceiver('audio', { direction: 'sendrecv' });
    await pc.setLocalDescription(await pc.createOffer());
    offerSdp = await gathered(pc, options.gatherTimeoutMs ?? 5000, options.interfaceAddress);
    media = new WebRtcMedia(pc, transceiver, options);
  } catch (error) {
    pc.close().catch(() => undefined);
    throw failure(error);
  }
  let accepted = false;
  return {
    offerSdp,
    media,
    async accept(answerSdp: string): Promise<WebRtcMedia> {
      if (accepted) throw new InvalidStateError('the answer was already applied');
      if (media.closed) throw new InvalidStateError('the offer was closed');
      accepted = true;
      const check = checkWebRtcSdp(answerSdp, codecs);
      try {
        if (!check.ok) throw new WebRtcError(check.code, check.message);
        await pc.setRemoteDescription({ type: 'answer', sdp: answerSdp });
        if (audioTransceiver(pc) === undefined) throw new WebRtcError('NO_COMMON_CODEC', 'the answer refused the audio stream');
      } catch (error) {
        media.close();
        throw failure(error);
      }
      media.negotiated();
      return media;
    },
    close: () => media.close(),
  };
}
