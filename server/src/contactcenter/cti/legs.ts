import {
  RtpSession, callWebRtc, planFromAnswer, registeredOverWebSocket,
  type InviteSession, type MixableSession, type OutgoingCall, type Pacer, type PortAllocator, type RecordableSession, type SipEndpoint,
} from '@hotline/telephony';

// A leg the contact center places: ringing an agent's (or supervisor's, or a consulted party's)
// phone, and the media session it gets when the phone answers. A phone registered over a
// WebSocket is a browser softphone and gets a WebRTC offer (ICE + DTLS-SRTP, G.711 inside);
// any other registration gets a plain RTP offer. Either way the media mixes and records alike.

export interface Leg {
  readonly target: string;
  readonly call: OutgoingCall;
  /** Media of the leg (opened before ringing, so the offer carries its address). */
  readonly media: MixableSession & RecordableSession & { readonly closed: boolean; close(): void };
  /** Resolves when the far end answered with usable media; rejects when the call failed. */
  readonly answered: Promise<InviteSession>;
  session: InviteSession | null;
  /** Ends the leg whatever its state: CANCEL while ringing, BYE once answered; closes media. */
  end(): Promise<void>;
}

export type LegDialer = (target: string, opts: { callerNumber: string; displayName?: string; signal?: AbortSignal; trunk?: string }) => Promise<Leg>;

export function rtpLegDialer(deps: { endpoint: SipEndpoint; pacer: Pacer; ports: PortAllocator; bindAddress: string; mediaAddress?: string }): LegDialer {
  return async (target, opts) => {
    const media = await RtpSession.open({ pacer: deps.pacer, ports: deps.ports, bindAddress: deps.bindAddress, codec: 'PCMU', dtmfPayloadType: 101, direction: 'sendrecv' });
    const address = deps.mediaAddress ?? (deps.bindAddress === '0.0.0.0' ? '127.0.0.1' : deps.bindAddress);
    let call: OutgoingCall;
    try {
      call = await deps.endpoint.call(target, { sdp: pcmuOffer(address, media.localPort), from: opts.callerNumber, ...(opts.displayName ? { fromDisplayName: opts.displayName } : {}), ...(opts.signal ? { signal: opts.signal } : {}), ...(opts.trunk ? { trunk: opts.trunk } : {}) });
    } catch (e) {
      media.close();
      throw e;
    }
    const leg: Leg = {
      target,
      call,
      media,
      answered: call.answered,
      session: null,
      async end() {
        if (leg.session) await leg.session.bye().catch(() => undefined);
        else call.cancel();
        media.close();
      },
    };
    call.answered.then(
      (session) => {
        leg.session = session;
        const plan = session.remoteSdp === undefined ? null : planFromAnswer(session.remoteSdp);
        if (plan?.remote && !media.closed) media.setRemote(plan.remote);
        session.on('terminated', () => media.close());
      },
      () => media.close(),
    );
    return leg;
  };
}

/** WebRTC for browser softphones, RTP for everything else. */
export function autoLegDialer(deps: { endpoint: SipEndpoint; pacer: Pacer; ports: PortAllocator; bindAddress: string; mediaAddress?: string }): LegDialer {
  const rtp = rtpLegDialer(deps);
  return async (target, opts) => {
    if (!registeredOverWebSocket(deps.endpoint, target)) return rtp(target, opts);
    const w = await callWebRtc(deps.endpoint, target, {
      pacer: deps.pacer,
      from: opts.callerNumber,
      ...(opts.displayName ? { fromDisplayName: opts.displayName } : {}),
      ...(opts.signal ? { signal: opts.signal } : {}),
    });
    const leg: Leg = {
      target,
      call: w.call,
      media: w.media,
      answered: w.answered,
      session: null,
      end: () => w.hangup(),
    };
    w.answered.then((s) => (leg.session = s), () => undefined);
    return leg;
  };
}

/**
 * Agent legs offer PCMU only: the leg's sending law is fixed when its media opens, every SIP
 * phone and browser supports PCMU, and the mixer decodes either law from the caller's side.
 */
function pcmuOffer(address: string, port: number): string {
  const ip = address.includes(':') ? 'IP6' : 'IP4';
  return [
    'v=0', `o=hotline ${Date.now() % 2 ** 31} 1 IN ${ip} ${address}`, 's=hotline', `c=IN ${ip} ${address}`, 't=0 0',
    `m=audio ${port} RTP/AVP 0 101`, 'a=rtpmap:0 PCMU/8000', 'a=rtpmap:101 telephone-event/8000', 'a=fmtp:101 0-16', 'a=ptime:20', 'a=sendrecv', '',
  ].join('\r\n');
}
