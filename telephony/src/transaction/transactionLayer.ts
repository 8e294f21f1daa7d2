import { responseTo, serializeMessage } from '../sip/message.ts';
import type { SipRequest, SipResponse } from '../sip/messageTypes.ts';
import { getParam, withParam } from '../sip/params.ts';
import { viaBranch } from '../sip/via.ts';
import type { StackUser } from '../transport/sipStack.ts';
import { newTag, responseFlow } from '../transport/sipStack.ts';
import type { Flow } from '../transport/types.ts';
import { InviteClientTransaction } from './inviteClient.ts';
import { InviteServerTransaction } from './inviteServer.ts';
import { clientKey, responseClientKey, serverKey } from './key.ts';
import { NonInviteClientTransaction } from './nonInviteClient.ts';
import { NonInviteServerTransaction } from './nonInviteServer.ts';
import type { TransactionContext } from './timers.ts';
import type { ClientTransactionUser, MessageSender } from './types.ts';

// The transaction layer (RFC 3261 §17): matches what the stack receives to transactions,
// creates server transactions for new requests and hands those to the TU, and runs the client
// transactions the TU starts. CANCEL is answered here (§9.2): 200 for the CANCEL, 487 for the
// INVITE it matches (481 when none). ACKs for 2xx and 2xx retransmissions that no transaction
// owns go to the TU (the dialog), as §13 wants.
//
// Bounds: new out-of-dialog requests beyond maxServerTransactions in flight get a stateless 503
// with Retry-After; twice that many is a hard cap for any request, so memory stays bounded
// whatever a peer sends.

export type ServerTransaction = InviteServerTransaction | NonInviteServerTransaction;
export type ClientTransaction = InviteClientTransaction | NonInviteClientTransaction;

export interface TransactionUser {
  /** A new request (not a retransmission, not an ACK). Respond through `st`. */
  onRequest(req: SipRequest, st: ServerTransaction): void;
  /** An ACK no transaction absorbed: the ACK for a 2xx (§13.3.1.4). */
  onAck(ack: SipRequest, flow: Flow): void;
  /** A pending INVITE was cancelled; its 487 has been sent. */
  onCancel(invite: InviteServerTransaction, cancel: SipRequest): void;
  /** A 2xx to an INVITE that no client transaction owns any more (§13.2.2.4: ACK it again). */
  onStray2xx(res: SipResponse, flow: Flow): void;
}

export interface TransactionLimits {
  /** Out-of-dialog requests in flight before 503. Default 5000. */
  maxServerTransactions?: number;
  /** Seconds in the Retry-After of that 503. Default 5. */
  retryAfterSeconds?: number;
}

export class TransactionLayer implements StackUser {
  tu: TransactionUser | null = null;
  readonly server = new Map<string, ServerTransaction>();
  readonly client = new Map<string, ClientTransaction>();
  readonly maxServer: number;
  readonly retryAfter: number;
  rejectedOverload = 0;

  constructor(
    readonly sender: MessageSender,
    readonly ctx: TransactionContext,
    limits: TransactionLimits = {},
  ) {
    this.maxServer = limits.maxServerTransactions ?? 5000;
    this.retryAfter = limits.retryAfterSeconds ?? 5;
  }

  onRequest(req: SipRequest, flow: Flow): void {
    if (req.method === 'ACK') {
      const st = this.server.get(serverKey(req));
      if (st instanceof InviteServerTransaction && st.receiveAck()) return;
      this.tu?.onAck(req, flow);
      return;
    }
    const key = serverKey(req);
    const existing = this.server.get(key);
    if (existing !== undefined) {
      existing.receiveRequest();
      return;
    }
    const inDialog = getParam(req.to.params, 'tag') != null;
    if (this.server.size >= (inDialog || req.method === 'CANCEL' ? 2 * this.maxServer : this.maxServer)) {
      this.rejectedOverload++;
      this.#statelessReply(req, flow, 503, [{ name: 'Retry-After', value: String(this.retryAfter) }]);
      return;
    }
    const done = (): void => void this.server.delete(key);
    if (req.method === 'INVITE') {
      const st = new InviteServerTransaction(this.ctx, this.sender, req, flow, done);
      this.server.set(key, st);
      // §17.2.1: a 100 right away stops the client's INVITE retransmissions.
      st.respond(responseTo(req, 100));
      this.tu?.onRequest(req, st);
      return;
    }
    const st = new NonInviteServerTransaction(this.ctx, this.sender, req, flow, done);
    this.server.set(key, st);
    if (req.method === 'CANCEL') this.#cancel(req, st);
    else this.tu?.onRequest(req, st);
  }

  /** RFC 3261 §9.2: find the INVITE by the CANCEL's branch; 200 the CANCEL, 487 the INVITE. */
  #cancel(cancel: SipRequest, st: NonInviteServerTransaction): void {
    const invite = this.server.get(serverKey(cancel, 'INVITE'));
    if (!(invite instanceof InviteServerTransaction)) {
      st.respond(withToTag(responseTo(cancel, 481), newTag()));
      return;
    }
    const tag = getParam(invite.lastResponse?.to.params ?? [], 'tag');
    const toTag = typeof tag === 'string' ? tag : newTag();
    st.respond(withToTag(responseTo(cancel, 200), toTag));
    if (invite.state !== 'proceeding') return;
    invite.respond(withToTag(responseTo(invite.request, 487), toTag));
    this.tu?.onCancel(invite, cancel);
  }

  onResponse(res: SipResponse, flow: Flow): void {
    const key = responseClientKey(res);
    const ct = key === undefined ? undefined : this.client.get(key);
    if (ct !== undefined) {
      ct.receive(res);
      return;
    }
    if (res.cseq.method === 'INVITE' && res.status >= 200 && res.status < 300) this.tu?.onStray2xx(res, flow);
  }

  /** Starts a client transaction for `req` (its top Via carries the branch) towards `flow`. */
  sendRequest(req: SipRequest, flow: Flow, user: ClientTransactionUser): ClientTransaction {
    const branch = viaBranch(req.via[0]!) ?? '';
    const key = clientKey(branch, req.method);
    const done = (): void => void this.client.delete(key);
    const ct =
      req.method === 'INVITE'
        ? new InviteClientTransaction(this.ctx, this.sender, req, flow, user, done)
        : new NonInviteClientTransaction(this.ctx, this.sender, req, flow, user, done);
    this.client.set(key, ct);
    ct.start();
    return ct;
  }

  /** Responds to `req` without a transaction (overload, or a message no transaction may hold). */
  #statelessReply(req: SipRequest, flow: Flow, status: number, headers: { name: string; value: string }[]): void {
    const res = withToTag(responseTo(req, status), newTag());
    res.headers = headers;
    this.sender.sendRaw(responseFlow(req.via[0], flow), serializeMessage(res));
  }

  close(): void {
    for (const t of [...this.server.values()]) t.terminate();
    for (const t of [...this.client.values()]) t.terminate();
  }
}

/** The response with a To tag (kept when the request's To already had one). */
export function withToTag(res: SipResponse, tag: string): SipResponse {
  if (getParam(res.to.params, 'tag') != null) return res;
  return { ...res, to: { ...res.to, params: withParam(res.to.params, 'tag', tag) } };
}
