import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';
import { DigestServer } from '../auth/digestServer.ts';
import { Emitter } from '../dialog/emitter.ts';
import type { InviteSession } from '../dialog/inviteSession.ts';
import { sipUri } from '../dialog/outOfDialog.ts';
import type { SessionServices } from '../dialog/services.ts';
import { SessionRegistry } from '../dialog/sessionRegistry.ts';
import type { Binding } from '../registrar/bindingStore.ts';
import { MemoryBindingStore } from '../registrar/bindingStore.ts';
import { OptionsPinger } from '../registrar/optionsPinger.ts';
import { Registrar } from '../registrar/registrar.ts';
import type { TrunkConfig } from '../registrar/trunk.ts';
import { TrunkRegistration } from '../registrar/trunkRegistration.ts';
import type { SipRequest, SipResponse } from '../sip/messageTypes.ts';
import { realClock } from '../transaction/clock.ts';
import type { TimerHandle } from '../transaction/clock.ts';
import type { InviteServerTransaction } from '../transaction/inviteServer.ts';
import { DEFAULT_TIMERS } from '../transaction/timers.ts';
import type { TransactionContext } from '../transaction/timers.ts';
import type { TransactionUser } from '../transaction/transactionLayer.ts';
import { TransactionLayer } from '../transaction/transactionLayer.ts';
import { SipStack } from '../transport/sipStack.ts';
import type { Flow } from '../transport/types.ts';
import { WsTransport } from '../transport/wsTransport.ts';
import { ENDPOINT_METHODS } from './endpointOptions.ts';
import type { ListenOptions, SipEndpointOptions } from './endpointOptions.ts';
import { IncomingCall } from './incomingCall.ts';
import { routeRequest } from './inboundRouting.ts';
import { listenAll } from './listen.ts';
import type { ListeningPorts } from './listen.ts';
import { OutgoingCall } from './outgoingCall.ts';
import type { CallOptions } from './placeCall.ts';
import { planCall } from './placeCall.ts';

// The engine's SIP face: transports → stack → transaction layer → this endpoint (the TU), which
// owns the registrar, the sessions and the calls. Applications listen for `invite` (a call
// offered to the hotline or an extension) and call out with call(); the server mounts the
// WebSocket transport under its HTTP server at /sip with handleUpgrade() or acceptWebSocket().

export type EndpointEvents = {
  invite: [call: IncomingCall];
  register: [aor: string, bindings: Binding[]];
};

export class SipEndpoint extends Emitter<EndpointEvents> implements TransactionUser {
  readonly stack: SipStack;
  readonly transactions: TransactionLayer;
  readonly registrar: Registrar;
  readonly auth: DigestServer;
  readonly sessions = new SessionRegistry();
  readonly offered = new Map<InviteServerTransaction, IncomingCall>();
  readonly trunks: TrunkConfig[];
  readonly trunkRegistrations: TrunkRegistration[] = [];
  readonly pingers: OptionsPinger[] = [];
  readonly ctx: TransactionContext;
  readonly services: SessionServices & { register(s: InviteSession): void; settled(c: IncomingCall): void };
  /** Calls being authorised (counted against maxDialogs with the rest). */
  authorizing = 0;
  #ws: WsTransport | undefined;
  #sweeper: TimerHandle | undefined;

  constructor(readonly options: SipEndpointOptions = {}) {
    super();
    const limits = options.limits ?? {};
    this.ctx = { clock: options.clock ?? realClock, timers: { ...DEFAULT_TIMERS, ...options.timers } };
    this.stack = new SipStack({ maxMessageBytes: limits.maxMessageBytes, publicHost: options.publicHost });
    this.transactions = new TransactionLayer(this.stack, this.ctx, limits);
    this.stack.user = this.transactions;
    this.transactions.tu = this;
    const password = options.agentPassword ?? (() => undefined);
    this.auth = new DigestServer({
      realm: options.realm ?? 'hotline',
      algorithms: options.digestAlgorithms ?? ['MD5'],
      lookup: (u) => password(u),
      clock: this.ctx.clock,
    });
    this.registrar = new Registrar({ store: options.bindings ?? new MemoryBindingStore(), auth: this.auth, clock: this.ctx.clock });
    this.registrar.on('changed', (aor, b) => this.emit('register', aor, b));
    this.trunks = options.trunks ?? [];
    this.services = {
      ctx: this.ctx,
      transactions: this.transactions,
      stack: this.stack,
      allow: ENDPOINT_METHODS.join(', '),
      contact: (protocol) => {
        const { host, port } = this.stack.sentBy(protocol);
        return { uri: sipUri(undefined, host, port, protocol === 'udp' ? [] : [{ name: 'transport', value: protocol }]), params: [] };
      },
      onTerminated: (s) => this.sessions.delete(s.id),
      register: (s) => this.sessions.add(s),
      settled: (c) => void this.offered.delete(c.transaction),
    };
    const sweep = (): void => {
      this.registrar.sweep();
      this.#sweeper = this.ctx.clock.setTimer(30_000, sweep);
    };
    this.#sweeper = this.ctx.clock.setTimer(30_000, sweep);
  }

  /** Opens the listeners asked for; returns the ports actually bound. */
  async listen(opts: ListenOptions): Promise<ListeningPorts> {
    return listenAll(this, opts);
  }

  /** The WebSocket transport for mounting under an HTTP server (created on first use). */
  get webSocket(): WsTransport {
    if (this.#ws === undefined) {
      this.#ws = new WsTransport({ maxMessageBytes: this.stack.maxMessageBytes, ...this.options.limits?.connections });
      this.stack.addTransport(this.#ws);
    }
    return this.#ws;
  }

  set webSocket(t: WsTransport) {
    this.#ws = t;
    this.stack.addTransport(t);
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.webSocket.handleUpgrade(req, socket, head);
  }

  acceptWebSocket(ws: WebSocket, req: IncomingMessage): void {
    this.webSocket.accept(ws, req);
  }

  /** Places a call; resolves once the INVITE is on its way (await `.answered` for the answer). */
  async call(target: string, opts: CallOptions): Promise<OutgoingCall> {
    const plan = await planCall(target, opts, { stack: this.stack, registrar: this.registrar, trunks: this.trunks });
    const call = new OutgoingCall(plan.request, plan.flow, this.services, opts.sdp, plan.credentials);
    opts.signal?.addEventListener('abort', () => call.cancel(), { once: true });
    call.start();
    return call;
  }

  /** Registers to trunks that ask for it and starts OPTIONS keep-alives. */
  startTrunks(): void {
    const deps = { ctx: this.ctx, transactions: this.transactions, stack: this.stack };
    for (const t of this.trunks) {
      if (t.register) {
        const r = new TrunkRegistration(t, deps);
        this.trunkRegistrations.push(r);
        r.start();
      }
      const p = new OptionsPinger(t, deps);
      this.pingers.push(p);
      p.start();
    }
  }

  async close(): Promise<void> {
    this.#sweeper?.cancel();
    for (const p of this.pingers) p.stop();
    await Promise.all(this.trunkRegistrations.map((r) => r.stop()));
    for (const c of [...this.offered.values()]) if (c.state === 'offered') c.reject(503);
    for (const s of this.sessions.all()) void s.bye('closed');
    this.transactions.close();
    await this.stack.close();
  }

  // ---- TransactionUser

  onRequest(req: SipRequest, st: Parameters<TransactionUser['onRequest']>[1]): void {
    routeRequest(this, req, st);
  }

  onAck(ack: SipRequest): void {
    this.sessions.forRequest(ack)?.onAck(ack);
  }

  onCancel(invite: InviteServerTransaction): void {
    this.offered.get(invite)?.cancelled();
  }

  onStray2xx(res: SipResponse, _flow: Flow): void {
    this.sessions.forResponse(res)?.ack(res);
  }
}
