import { responseTo } from '../sip/message.ts';
import type { SipRequest, SipResponse } from '../sip/messageTypes.ts';
import type { NameAddr } from '../sip/nameAddr.ts';
import { getHeader } from '../sip/headerAccess.ts';
import { InviteServerTransaction } from '../transaction/inviteServer.ts';
import type { ServerTransaction } from '../transaction/transactionLayer.ts';
import { parseInfoDtmf, referTo, sipfragStatus } from './inDialogBodies.ts';
import type { InviteSession } from './inviteSession.ts';
import { setBody } from './inviteSession.ts';
import { answerDirection, sdpDirection, withDirection } from './sdpDirection.ts';

// Requests the peer sends inside an established call (RFC 3261 §12.2.2, §14.2, §15.1.2; RFC 3515):
// BYE ends it, re-INVITE renegotiates media (hold/resume), INFO carries DTMF, REFER asks us to
// transfer (202 + NOTIFY sipfrag progress), NOTIFY reports on a REFER we sent, OPTIONS probes.

export interface ReferRequest {
  referTo: NameAddr;
  request: SipRequest;
  /** Reports progress to the referrer as a sipfrag NOTIFY; a final status ends the subscription. */
  notify(status: number, reason?: string): Promise<number>;
}

function reply(s: InviteSession, st: ServerTransaction, req: SipRequest, status: number, fill?: (res: SipResponse) => void): void {
  const res = responseTo(req, status);
  if (status >= 200 && status < 300 && (req.method === 'INVITE' || req.method === 'REFER')) res.contact = [s.contact()];
  fill?.(res);
  st.respond(res);
}

export function handleInDialog(s: InviteSession, req: SipRequest, st: ServerTransaction): void {
  if (!s.dialog.acceptRemote(req)) return reply(s, st, req, 500, (r) => (r.reason = 'CSeq out of order'));
  switch (req.method) {
    case 'BYE':
      reply(s, st, req, 200);
      s.end('remote-bye');
      return;
    case 'INVITE':
      if (st instanceof InviteServerTransaction) onReinvite(s, req, st).catch(() => st.state === 'proceeding' && reply(s, st, req, 500));
      return;
    case 'INFO': {
      const d = parseInfoDtmf(req);
      reply(s, st, req, 200);
      if (d !== undefined) s.emit('dtmf', d.digit, d.durationMs);
      else s.emit('info', req);
      return;
    }
    case 'REFER':
      return onRefer(s, req, st);
    case 'NOTIFY': {
      reply(s, st, req, 200);
      const frag = /^refer\b/i.test(getHeader(req, 'Event') ?? '') ? sipfragStatus(req.body) : undefined;
      if (frag !== undefined) s.emit('referProgress', frag.status, frag.reason);
      return;
    }
    case 'OPTIONS':
      return reply(s, st, req, 200, (r) => (r.headers = [{ name: 'Allow', value: s.services.allow }, { name: 'Accept', value: 'application/sdp' }]));
    default:
      return reply(s, st, req, 405, (r) => (r.headers = [{ name: 'Allow', value: s.services.allow }]));
  }
}

async function onReinvite(s: InviteSession, req: SipRequest, st: InviteServerTransaction): Promise<void> {
  // §14.2 glare: ours is pending → 491; theirs still unacknowledged → 500 with Retry-After.
  if (s.reinviting) return reply(s, st, req, 491);
  if (s.retransmitter.pending) return reply(s, st, req, 500, (r) => (r.headers = [{ name: 'Retry-After', value: String(Math.floor(Math.random() * 10)) }]));
  const offer = req.body.length > 0 ? req.body.toString('utf8') : undefined;
  let answer: string | undefined;
  try {
    if (offer === undefined) answer = s.localSdp; // we offer in the 2xx; the ACK answers
    else if (s.options.answerOffer !== undefined) answer = await s.options.answerOffer(offer);
    else if (s.localSdp !== undefined) answer = withDirection(s.localSdp, answerDirection(sdpDirection(offer) ?? 'sendrecv'));
  } catch {
    answer = undefined;
  }
  if (answer === undefined || s.state === 'terminated') return reply(s, st, req, 488);
  const res = responseTo(req, 200);
  res.contact = [s.contact()];
  setBody(res, answer, 'application/sdp');
  s.localSdp = answer;
  if (offer !== undefined) s.remoteSdp = offer;
  s.retransmitter.start(st, res, () => void s.bye('ack-timeout'));
  s.emit('reinvite', offer, answer);
}

function onRefer(s: InviteSession, req: SipRequest, st: ServerTransaction): void {
  const to = referTo(req);
  if (to === undefined) return reply(s, st, req, 400, (r) => (r.reason = 'Missing or bad Refer-To'));
  // RFC 3515 §2.4.2: nobody to carry the transfer out → decline rather than accept and stall.
  if (s.listenerCount('refer') === 0) return reply(s, st, req, 603);
  reply(s, st, req, 202);
  const id = req.cseq.seq;
  const refer: ReferRequest = {
    referTo: to,
    request: req,
    notify: async (status, reason = '') => {
      if (s.state === 'terminated') return 481;
      const final = status >= 200;
      const res = await s.request('NOTIFY', {
        body: `SIP/2.0 ${status} ${reason}\r\n`,
        contentType: 'message/sipfrag;version=2.0',
        headers: [
          { name: 'Event', value: `refer;id=${id}` },
          { name: 'Subscription-State', value: final ? 'terminated;reason=noresource' : 'active;expires=60' },
        ],
      });
      return res.status;
    },
  };
  // RFC 3515 §2.4.5: the first NOTIFY follows the 202 at once.
  void refer.notify(100, 'Trying');
  s.emit('refer', refer);
}
