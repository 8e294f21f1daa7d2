import type { DigestServer } from '../auth/digestServer.ts';
import { Emitter } from '../dialog/emitter.ts';
import { formatSipDate } from '../sip/date.ts';
import { getHeader } from '../sip/headerAccess.ts';
import { responseTo } from '../sip/message.ts';
import type { SipRequest, SipResponse } from '../sip/messageTypes.ts';
import { getParam, withParam } from '../sip/params.ts';
import { uriEquals } from '../sip/uri.ts';
import type { Clock } from '../transaction/clock.ts';
import type { Flow } from '../transport/types.ts';
import type { Binding, BindingStore } from './bindingStore.ts';

// The registrar (RFC 3261 §10.3) for agent phones: REGISTER is authenticated by digest (the
// authenticated user must be the AOR's user), then each Contact is added, refreshed or removed
// with its expiry; Contact "*" with Expires 0 removes them all. Too short an expiry gets 423 with
// Min-Expires (§10.3 step 7 / §20.23). The 200 lists every current binding with its remaining
// lifetime. Bindings per AOR are capped so a phone cannot grow memory by registering new contacts.

export interface RegistrarOptions {
  store: BindingStore;
  auth: DigestServer;
  clock: Clock;
  minExpires?: number;
  maxExpires?: number;
  defaultExpires?: number;
  maxBindingsPerAor?: number;
}

type RegistrarEvents = { changed: [aor: string, bindings: Binding[]] };

export class Registrar extends Emitter<RegistrarEvents> {
  readonly store: BindingStore;
  readonly minExpires: number;
  readonly maxExpires: number;
  readonly defaultExpires: number;
  readonly maxBindings: number;

  constructor(private readonly opts: RegistrarOptions) {
    super();
    this.store = opts.store;
    this.minExpires = opts.minExpires ?? 60;
    this.maxExpires = opts.maxExpires ?? 7200;
    this.defaultExpires = opts.defaultExpires ?? 3600;
    this.maxBindings = opts.maxBindingsPerAor ?? 5;
  }

  /** Current contacts of an extension. */
  lookup(aor: string): Binding[] {
    return this.store.list(aor, this.opts.clock.now());
  }

  /** Drops expired bindings, announcing each AOR whose bindings changed (call periodically). */
  sweep(): void {
    const now = this.opts.clock.now();
    for (const aor of this.store.aors()) {
      const before = this.store.list(aor, 0).length;
      const live = this.store.list(aor, now);
      if (live.length !== before) this.emit('changed', aor, live);
    }
  }

  /** Handles a REGISTER; returns the response to send (the caller owns the transaction). */
  async handle(req: SipRequest, flow: Flow): Promise<SipResponse> {
    const aor = req.to.uri.kind === 'sip' ? req.to.uri.user : undefined;
    if (aor === undefined) return responseTo(req, 404);
    const auth = await this.opts.auth.verify(req);
    if (!auth.ok) {
      const res = responseTo(req, 401);
      res.headers = this.opts.auth.challenges(auth.stale).map((value) => ({ name: 'WWW-Authenticate', value }));
      return res;
    }
    if (auth.username !== aor) return responseTo(req, 403, 'Forbidden (user does not own this AOR)');
    const now = this.opts.clock.now();
    let bindings = this.store.list(aor, now);
    const changed = bindings.length;

    if (req.contact === '*') {
      // §10.3 step 6: "*" only with Expires 0, and alone.
      if (req.expires !== 0) return responseTo(req, 400, 'Contact * needs Expires: 0');
      if (bindings.some((b) => b.callId === req.callId && req.cseq.seq <= b.cseq)) return responseTo(req, 500, 'Out of order');
      bindings = [];
    } else {
      for (const c of req.contact) {
        const p = getParam(c.params, 'expires');
        const asked = typeof p === 'string' ? Number(p) : (req.expires ?? this.defaultExpires);
        if (asked !== 0 && asked < this.minExpires) {
          const res = responseTo(req, 423);
          res.headers = [{ name: 'Min-Expires', value: String(this.minExpires) }];
          return res;
        }
        const i = bindings.findIndex((b) => uriEquals(b.contact.uri, c.uri));
        const old = i >= 0 ? bindings[i] : undefined;
        if (old !== undefined && old.callId === req.callId && req.cseq.seq <= old.cseq) return responseTo(req, 500, 'Out of order');
        if (old !== undefined) bindings.splice(i, 1);
        if (asked === 0) continue;
        const expires = Math.min(asked, this.maxExpires);
        bindings.push({
          aor,
          contact: { ...c, params: c.params.filter((x) => x.name !== 'expires') },
          expiresAt: now + expires * 1000,
          callId: req.callId,
          cseq: req.cseq.seq,
          flow,
          userAgent: getHeader(req, 'User-Agent'),
        });
      }
      while (bindings.length > this.maxBindings) bindings.shift();
    }
    this.store.replace(aor, bindings);
    if (req.contact === '*' || req.contact.length > 0 || changed !== bindings.length) this.emit('changed', aor, bindings);

    const res = responseTo(req, 200);
    res.contact = bindings.map((b) => ({
      ...b.contact,
      params: withParam(b.contact.params, 'expires', String(Math.max(0, Math.round((b.expiresAt - now) / 1000)))),
    }));
    res.headers = [{ name: 'Date', value: formatSipDate(new Date(now)) }];
    return res;
  }
}
