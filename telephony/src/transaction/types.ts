import type { SipResponse } from '../sip/messageTypes.ts';
import type { Flow } from '../transport/types.ts';

// What a transaction needs from below (a way to put messages on the wire) and tells above.

/** Puts bytes on the wire (the SipStack). Transactions serialise once and resend the same bytes. */
export interface MessageSender {
  sendRaw(flow: Flow, data: Buffer): boolean;
}

/** The transaction user of a client transaction (RFC 3261 §17.1): responses and failures. */
export interface ClientTransactionUser {
  /** Every response passed up: provisional, final, and (INVITE) each 2xx of the Accepted state. */
  response(res: SipResponse): void;
  /** Timer B/F fired, or the transport refused the request: the TU sees it as a 408/503. */
  failed(reason: 'timeout' | 'transport'): void;
}

export type ClientState = 'calling' | 'trying' | 'proceeding' | 'completed' | 'accepted' | 'terminated';
export type ServerState = 'trying' | 'proceeding' | 'completed' | 'accepted' | 'confirmed' | 'terminated';
