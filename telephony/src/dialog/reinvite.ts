import { responseTo } from '../sip/message.ts';
import type { SipRequest, SipResponse } from '../sip/messageTypes.ts';
import type { InviteSession } from './inviteSession.ts';

// Our re-INVITE (RFC 3261 §14.1): an INVITE client transaction inside the dialog, its 2xx
// acknowledged by the session (and again for every retransmission of it), a 491 (glare, both
// sides re-INVITEd at once) retried once after 2.1–4 s as §14.1 asks of the Call-ID owner.
// A 481 or a timeout means the dialog is gone: §14.1 says to end it, so we send BYE.

export class InvalidStateError extends Error {
  override readonly name = 'InvalidStateError';
}

export function sendReinvite(s: InviteSession, sdp: string, retried = false): Promise<SipResponse> {
  if (s.state === 'terminated') return Promise.reject(new InvalidStateError('re-INVITE on a terminated session'));
  if (s.reinviting) return Promise.reject(new InvalidStateError('a re-INVITE is already in progress'));
  s.reinviting = true;
  let req = s.buildRequest('INVITE', { body: sdp });
  let authTried = false;
  return new Promise((resolve) => {
    let settled = false;
    const settle = (res: SipResponse): void => {
      if (settled) return;
      settled = true;
      s.reinviting = false;
      if (res.status === 491 && !retried) {
        const delay = 2100 + Math.floor(Math.random() * 1900);
        s.services.ctx.clock.setTimer(delay, () => resolve(sendReinvite(s, sdp, true).catch(() => res)));
        return;
      }
      if (res.status === 481 || res.status === 408) void s.bye();
      resolve(res);
    };
    const send = (r: SipRequest): void => {
      s.services.transactions.sendRequest(r, s.target(), {
        response: (res) => {
          if (res.status < 200) return;
          if (res.status < 300) {
            s.ack(res);
            if (!settled) {
              s.localSdp = sdp;
              if (res.body.length > 0) s.remoteSdp = res.body.toString('utf8');
            }
            settle(res);
            return;
          }
          const creds = s.options.credentials;
          if ((res.status === 401 || res.status === 407) && creds !== undefined && !authTried) {
            const h = s.digest.authorize(r, res, creds);
            if (h !== null) {
              authTried = true;
              req = s.buildRequest('INVITE', { body: sdp, headers: [h] });
              send(req);
              return;
            }
          }
          settle(res);
        },
        failed: (why) => settle(responseTo(r, why === 'timeout' ? 408 : 503)),
      });
    };
    send(req);
  });
}
