import { reasonPhrase } from './reasonPhrases.ts';

/** Extra header a rejection has to carry (e.g. Unsupported on 420, Accept on 415, Allow on 405). */
export interface ResponseHeader {
  name: string;
  value: string;
}

/**
 * A SIP-level failure as a plain value: the final response a UAS should send (status + reason)
 * and any header that response must carry. It is returned, not thrown — the parser and the
 * validator never throw — and it deliberately does not extend Error: building a stack trace for
 * every malformed datagram a hostile peer sends would be wasted work.
 */
export class SipError {
  readonly status: number;
  readonly reason: string;
  readonly headers: readonly ResponseHeader[];

  constructor(status: number, reason?: string, headers: readonly ResponseHeader[] = []) {
    if (!Number.isInteger(status) || status < 300 || status > 699) {
      throw new RangeError(`SipError status must be a final non-2xx code, got ${status}`);
    }
    this.status = status;
    this.reason = reason ?? reasonPhrase(status);
    this.headers = headers;
  }

  toString(): string {
    return `${this.status} ${this.reason}`;
  }
}
