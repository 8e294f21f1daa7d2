import type { Credentials } from '../auth/digestClient.ts';
import type { NameAddr } from '../sip/nameAddr.ts';
import type { TransactionContext } from '../transaction/timers.ts';
import type { TransactionLayer } from '../transaction/transactionLayer.ts';
import type { SipStack } from '../transport/sipStack.ts';
import type { TransportProtocol } from '../transport/types.ts';

// What a session needs from the layers below and from its owner, passed in rather than reached
// for, so that a session can be tested over a fake transport and clock.

export interface SessionServices {
  ctx: TransactionContext;
  transactions: TransactionLayer;
  stack: SipStack;
  /** Our Contact for a transport. */
  contact(protocol: TransportProtocol): NameAddr;
  /** Methods we implement, for Allow headers. */
  allow: string;
  /** Called once when a session ends, so its owner can forget it. */
  onTerminated(session: { readonly id: string }): void;
}

export interface SessionOptions {
  /** The SDP we sent (offer or answer) — the base for hold/resume offers and default answers. */
  localSdp?: string;
  remoteSdp?: string;
  /** For in-dialog requests a trunk challenges (BYE, re-INVITE). */
  credentials?: Credentials;
  /**
   * Produces our answer to an SDP offer in a re-INVITE. Default: our last SDP with the direction
   * that mirrors the offer's (hold → recvonly, resume → sendrecv), which is right when media
   * addresses do not change.
   */
  answerOffer?: (offer: string) => string | Promise<string>;
}

export type TerminationReason = 'local-bye' | 'remote-bye' | 'ack-timeout' | 'closed';
