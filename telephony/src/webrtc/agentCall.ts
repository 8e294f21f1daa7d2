import type { InviteSession } from '../dialog/inviteSession.ts';
import type { CallOptions } from '../ua/placeCall.ts';
import type { OutgoingCall } from '../ua/outgoingCall.ts';
import type { SipEndpoint } from '../ua/sipEndpoint.ts';
import { offerWebRtc } from './negotiate.ts';
import type { WebRtcLegOptions, WebRtcMedia } from './webRtcMedia.ts';

// The engine ringing an agent's browser: an INVITE with a WebRTC offer to the extension, over the
// WebSocket the browser registered from. The SIP call and the WebRTC leg end together: a BYE (or
// CANCEL, or a failed call) closes the leg, and a leg that fails (ICE, DTLS, lost connection)
// hangs the call up with BYE.

export type WebRtcCallOptions = Omit<CallOptions, 'sdp'> & WebRtcLegOptions;

export interface WebRtcCall {
  readonly call: OutgoingCall;
  /** The leg (connects after the answer; `media.whenConnected()` says when audio flows). */
  readonly media: WebRtcMedia;
  /**
   * Resolves when the agent answered with a usable SDP. Rejects with CallFailedError (busy,
   * declined, timeout, cancelled) or WebRtcError (an answer we cannot use: the call is hung up).
   */
  readonly answered: Promise<InviteSession>;
  /** CANCEL while ringing, BYE once answered; closes the leg. */
  hangup(): Promise<void>;
}

/** Whether an extension's newest registration came over a WebSocket (a browser softphone). */
export function registeredOverWebSocket(endpoint: SipEndpoint, extension: string): boolean {
  const binding = endpoint.registrar.lookup(extension).sort((a, b) => b.expiresAt - a.expiresAt)[0];
  return binding !== undefined && (binding.flow.protocol === 'ws' || binding.flow.protocol === 'wss');
}

/** Calls `target` (an extension such as "8001", or a SIP URI) with a WebRTC offer. */
export async function callWebRtc(endpoint: SipEndpoint, target: string, options: WebRtcCallOptions): Promise<WebRtcCall> {
  const { from, fromDisplayName, trunk, headers, signal, ...leg } = options;
  const offer = await offerWebRtc(leg);
  const media = offer.media;
  let call: OutgoingCall;
  try {
    call = await endpoint.call(target, {
      sdp: offer.offerSdp,
      ...(from === undefined ? {} : { from }),
      ...(fromDisplayName === undefined ? {} : { fromDisplayName }),
      ...(trunk === undefined ? {} : { trunk }),
      ...(headers === undefined ? {} : { headers }),
      ...(signal === undefined ? {} : { signal }),
    });
  } catch (error) {
    offer.close();
    throw error;
  }
  const answered = call.answered.then(
    async (session) => {
      try {
        await offer.accept(session.remoteSdp ?? '');
      } catch (error) {
        void session.bye().catch(() => undefined);
        throw error;
      }
      session.on('terminated', () => media.close());
      media.on('close', () => void session.bye().catch(() => undefined));
      if (session.state === 'terminated') media.close();
      return session;
    },
    (error: unknown) => {
      offer.close();
      throw error;
    },
  );
  answered.catch(() => undefined); // a caller that only hangs up must not see an unhandled rejection
  return {
    call,
    media,
    answered,
    async hangup() {
      const session = call.state === 'answered' ? call.session : undefined;
      if (session === undefined) call.cancel();
      const bye = session?.bye();
      media.close();
      await bye;
    },
  };
}
