import type { SipRequest, SipResponse } from '../sip/messageTypes.ts';
import { getParam } from '../sip/params.ts';
import { dialogId } from './dialog.ts';
import type { InviteSession } from './inviteSession.ts';

// Live sessions by dialog ID (RFC 3261 §12: Call-ID, local tag, remote tag). A request from the
// peer carries our tag in To and theirs in From; a response to our request the other way round.

function tag(params: readonly { name: string; value: string | null }[]): string {
  const t = getParam(params, 'tag');
  return typeof t === 'string' ? t : '';
}

export class SessionRegistry {
  readonly #sessions = new Map<string, InviteSession>();

  get size(): number {
    return this.#sessions.size;
  }

  add(s: InviteSession): void {
    this.#sessions.set(s.id, s);
  }

  delete(id: string): void {
    this.#sessions.delete(id);
  }

  forRequest(req: SipRequest): InviteSession | undefined {
    return this.#sessions.get(dialogId(req.callId, tag(req.to.params), tag(req.from.params)));
  }

  forResponse(res: SipResponse): InviteSession | undefined {
    return this.#sessions.get(dialogId(res.callId, tag(res.from.params), tag(res.to.params)));
  }

  all(): InviteSession[] {
    return [...this.#sessions.values()];
  }
}
