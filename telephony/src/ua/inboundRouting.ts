import { responseTo } from '../sip/message.ts';
import type { SipRequest } from '../sip/messageTypes.ts';
import { getParam } from '../sip/params.ts';
import { validateRequest } from '../sip/validate.ts';
import type { ServerTransaction } from '../transaction/transactionLayer.ts';
import { withToTag } from '../transaction/transactionLayer.ts';
import { InviteServerTransaction } from '../transaction/inviteServer.ts';
import { newTag } from '../transport/sipStack.ts';
import { ENDPOINT_METHODS } from './endpointOptions.ts';
import { IncomingCall } from './incomingCall.ts';
import { authorizeInvite } from './policy.ts';
import type { SipEndpoint } from './sipEndpoint.ts';

// Where a new request goes (RFC 3261 §8.2 checks first, then §12.2.2 dialog matching): into its
// session when it carries a To tag, to the registrar for REGISTER, answered here for OPTIONS, or
// offered to the application as a call after the INVITE policy and the call limit.

function respond(st: ServerTransaction, req: SipRequest, status: number, reason?: string, headers: { name: string; value: string }[] = []): void {
  const res = withToTag(responseTo(req, status, reason), newTag());
  res.headers = headers;
  st.respond(res);
}

export function routeRequest(ep: SipEndpoint, req: SipRequest, st: ServerTransaction): void {
  const err = validateRequest(req, { methods: ENDPOINT_METHODS });
  if (err !== null) return respond(st, req, err.status, err.reason, [...err.headers]);
  if (getParam(req.to.params, 'tag') != null) {
    const s = ep.sessions.forRequest(req);
    if (s !== undefined) return s.handleRequest(req, st);
    return respond(st, req, 481);
  }
  switch (req.method) {
    case 'INVITE':
      // A throwing credentials lookup or listener must not become an unhandled rejection.
      if (st instanceof InviteServerTransaction) onInvite(ep, req, st).catch(() => st.state === 'proceeding' && respond(st, req, 500));
      return;
    case 'REGISTER':
      void ep.registrar.handle(req, st.flow).then(
        (res) => st.respond(withToTag(res, newTag())),
        () => respond(st, req, 500),
      );
      return;
    case 'OPTIONS':
      return respond(st, req, 200, undefined, [
        { name: 'Allow', value: ep.services.allow },
        { name: 'Accept', value: 'application/sdp' },
      ]);
    default:
      // BYE, INFO, REFER, NOTIFY outside a dialog
      return respond(st, req, 481);
  }
}

async function onInvite(ep: SipEndpoint, req: SipRequest, st: InviteServerTransaction): Promise<void> {
  const limits = ep.options.limits ?? {};
  if (ep.sessions.size + ep.offered.size + ep.authorizing >= (limits.maxDialogs ?? 2000)) {
    return respond(st, req, 503, 'Too Many Calls', [{ name: 'Retry-After', value: String(limits.retryAfterSeconds ?? 5) }]);
  }
  ep.authorizing++;
  let decision;
  try {
    decision = await authorizeInvite(req, st.flow, {
      trunks: ep.trunks,
      publicNumbers: ep.options.publicNumbers ?? ['12345'],
      registrar: ep.registrar,
      auth: ep.auth,
      isExtension: (u) => ep.options.agentPassword?.(u) !== undefined,
    });
  } finally {
    ep.authorizing--;
  }
  if (st.state !== 'proceeding') return; // cancelled meanwhile
  if (!decision.allow) {
    const headers = decision.status === 407 ? ep.auth.challenges(decision.stale).map((value) => ({ name: 'Proxy-Authenticate', value })) : [];
    return respond(st, req, decision.status, undefined, headers);
  }
  if (ep.listenerCount('invite') === 0) return respond(st, req, 480);
  const call = new IncomingCall(st, decision.source, ep.services, limits.ringTimeoutMs ?? 120_000);
  ep.offered.set(st, call);
  ep.emit('invite', call);
}
