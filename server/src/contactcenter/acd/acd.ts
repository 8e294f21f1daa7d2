// The ACD: the single owner of every queue's and agent's routing state. All mutations go through its
// methods (commands from the CTI layer, and its own timers), each runs to completion synchronously
// before any event is delivered, and a refused command changes nothing. Because one owner decides,
// an interaction is never offered to two agents (ring-all rings a group, of which exactly one can
// answer) and an agent never holds more than its capacity — the bug class of queue engines whose
// per-call threads race for the same agent.
import { AgentRecord, type Slot } from './agent.ts';
import { capacitySchema, parseAcdConfig, SYSTEM_NOT_READY_REASONS, type AcdConfig, type AcdConfigInput } from './config.ts';
import { AcdError } from './errors.ts';
import { Announcer } from './announcer.ts';
import { CallbackList } from './callbackList.ts';
import { checkAcd } from './consistency.ts';
import { AcdEvents, type AcdEventMap, type AcdEventName } from './events.ts';
import { newInteraction, snapshotInteraction, type Interaction } from './interaction.ts';
import { CallerHistory, priorityIn } from './priority.ts';
import { ahead, QueueRuntime, zeroCounters } from './queue.ts';
import { Router } from './router.ts';
import type { RelaxHost } from './relax.ts';
import type { AcdScheduler } from './scheduler.ts';
import { agentSnapshot, queueSnapshot, StatsPublisher } from './snapshots.ts';
import type { AgentProfile, AgentSnapshot, CallbackEntry, EnqueueInput, InteractionSnapshot, Outcome, QueueSnapshot } from './types.ts';
import { checkId, checkSkills, parseEnqueue } from './validate.ts';

export interface AcdOptions {
  scheduler: AcdScheduler;
  /** `queueStats` events are batched: at most one per queue per interval. Default 1000 ms. */
  statsIntervalMs?: number;
  onListenerError?: (err: unknown, event: AcdEventName) => void;
}

export class Acd {
  readonly config: AcdConfig;
  readonly #s: AcdScheduler;
  readonly #events = new AcdEvents();
  readonly #queues = new Map<string, QueueRuntime>();
  readonly #agents = new Map<string, AgentRecord>();
  readonly #ixs = new Map<string, Interaction>();
  readonly #router: Router;
  readonly #lists: Map<string, Set<string>>;
  readonly #history: CallerHistory;
  readonly #callbackList = new CallbackList();
  readonly #announcer: Announcer;
  readonly #relaxHost: RelaxHost;
  readonly #reasons: Set<string>;
  readonly #stats: StatsPublisher;
  #seq = 0;
  #agentSeq = 0;
  #offerSeq = 0;
  #depth = 0;
  #lastArrival = Number.NaN;
  #sameMs = 0;

  constructor(config: AcdConfigInput | AcdConfig, opts: AcdOptions) {
    this.config = parseAcdConfig(config);
    this.#s = opts.scheduler;
    if (opts.onListenerError) this.#events.onListenerError = opts.onListenerError;
    for (const q of this.config.queues) this.#queues.set(q.id, new QueueRuntime(q));
    this.#router = new Router(this.#queues.values(), this.config.voiceExcludesText);
    this.#lists = new Map(Object.entries(this.config.numberLists).map(([k, v]) => [k, new Set(v)]));
    this.#history = new CallerHistory(this.config);
    this.#reasons = new Set([...SYSTEM_NOT_READY_REASONS, ...this.config.notReadyReasons.map((r) => r.code)]);
    this.#relaxHost = this.#makeRelaxHost();
    this.#announcer = new Announcer(this.#s, this.#events, (fn) => this.#mutate(fn));
    this.#stats = new StatsPublisher(this.#s, this.#events, opts.statsIntervalMs ?? 1000, (fn) => this.#mutate(fn));
  }

  on<K extends AcdEventName>(name: K, fn: (e: AcdEventMap[K]) => void): () => void {
    return this.#events.on(name, fn);
  }

  // ---- agents -------------------------------------------------------------------------------

  /** 签入. The agent starts not ready (reason `afterLogin`) unless `initial` is 'ready'. */
  login(profile: AgentProfile, initial: 'ready' | 'notReady' = 'notReady'): void {
    checkId(profile.id, 'agent id');
    const skills = checkSkills(profile.skills);
    const cap = capacitySchema.safeParse({ ...this.config.defaultCapacity, ...profile.capacity });
    if (!cap.success) throw new TypeError(`capacity: ${cap.error.issues[0]?.message}`);
    if (initial !== 'ready' && initial !== 'notReady') throw new TypeError('initial state must be ready or notReady');
    const old = this.#agents.get(profile.id);
    if (old && old.presence !== 'loggedOut') throw new AcdError('ALREADY_LOGGED_IN', `agent ${profile.id} is already logged in`);
    this.#mutate(() => {
      const now = this.#s.now();
      if (old) for (const q of old.minStage.keys()) q.members.delete(old);
      const a = new AgentRecord(profile.id, this.#agentSeq++, cap.data, now);
      a.skills = skills;
      this.#agents.set(a.id, a);
      this.#router.qualify(a, this.#queues.values());
      a.presence = initial;
      a.reason = initial === 'notReady' ? 'afterLogin' : null;
      a.idleSince = now;
      this.#countLoggedIn(a, 1);
      this.#settle(a);
    });
  }

  /** 签出. Refused while the agent is connected; a pending offer goes to the next agent, wrap-up ends. */
  logout(agentId: string): void {
    const a = this.#loggedIn(agentId);
    for (const s of a.slots.values()) if (s.phase === 'connected') throw new AcdError('AGENT_BUSY', `agent ${agentId} is still connected to ${s.interactionId}`);
    this.#mutate(() => {
      const ix = a.offer;
      if (ix) {
        this.#events.emit('offerRevoked', { interactionId: ix.id, agentId: a.id, reason: 'loggedOut' });
        this.#dropFromOffer(ix, a);
      }
      for (const s of [...a.slots.values()]) {
        s.wrapTimer?.cancel();
        a.release(s);
      }
      this.#countLoggedIn(a, -1);
      a.presence = 'loggedOut';
      a.reason = null;
      this.#router.forget(a);
      this.#updateState(a);
      if (ix && ix.offeredTo.length === 0) this.#requeue(ix);
    });
  }

  /** 示闲 / 示忙. Going ready also ends a wrap-up in progress. */
  setAgentState(agentId: string, state: 'ready' | 'notReady', reason?: string): void {
    if (state !== 'ready' && state !== 'notReady') throw new TypeError('state must be ready or notReady');
    const a = this.#loggedIn(agentId);
    if (state === 'notReady' && (reason === undefined || !this.#reasons.has(reason))) {
      throw new AcdError('UNKNOWN_REASON', `unknown not-ready reason ${String(reason)}`);
    }
    this.#mutate(() => {
      if (state === 'ready') {
        for (const s of [...a.slots.values()]) if (s.phase === 'wrapUp') this.#endWrapUp(a, s, false);
        if (a.presence !== 'ready') a.idleSince = this.#s.now();
        a.presence = 'ready';
        a.reason = null;
      } else {
        a.presence = 'notReady';
        a.reason = reason!;
      }
      this.#settle(a);
    });
  }

  setSkills(agentId: string, skills: Readonly<Record<string, number>>): void {
    const a = this.#loggedIn(agentId);
    const parsed = checkSkills(skills);
    this.#mutate(() => {
      this.#countLoggedIn(a, -1);
      a.skills = parsed;
      this.#router.qualify(a, this.#queues.values());
      this.#countLoggedIn(a, 1);
      this.#settle(a);
    });
  }

  // ---- interactions -------------------------------------------------------------------------

  enqueue(input: EnqueueInput): void {
    const { channel, tags, floor, caller } = parseEnqueue(input);
    if (this.#ixs.has(input.id)) throw new AcdError('DUPLICATE_INTERACTION', `interaction ${input.id} is already in the ACD`);
    const q = this.#queue(input.queueId);
    if (!q.config.channels.includes(channel)) throw new AcdError('CHANNEL_NOT_ACCEPTED', `queue ${q.id} does not take ${channel}`);
    this.#mutate(() => {
      const now = this.#s.now();
      this.#sameMs = now === this.#lastArrival ? this.#sameMs + 1 : 0;
      this.#lastArrival = now;
      const ix = newInteraction({
        id: input.id,
        channel,
        callerNumber: caller,
        tags,
        priorityFloor: floor,
        earlierCalls: this.#history.arrive(caller, now),
        arrivedAt: now,
        sortKey: now,
        tie: Math.min(1023, this.#sameMs),
        seq: this.#seq++,
        queue: q,
      });
      this.#ixs.set(ix.id, ix);
      this.#enterQueue(ix, q);
    });
  }

  /** The agent answered (or accepted the chat). Ring-all: the others stop ringing. */
  answered(interactionId: string, agentId: string): void {
    const { ix, a } = this.#offeredTo(interactionId, agentId);
    this.#mutate(() => {
      const now = this.#s.now();
      ix.offerTimer?.cancel();
      ix.offerTimer = null;
      const others = ix.offeredTo.filter((o) => o !== a);
      ix.offeredTo = [];
      for (const o of others) {
        o.offer = null;
        this.#events.emit('offerRevoked', { interactionId: ix.id, agentId: o.id, reason: 'answeredElsewhere' });
      }
      this.#stopWaiting(ix);
      ix.status = 'connected';
      ix.agent = a;
      const c = ix.queue.counters;
      if (ix.callback) c.callbacksCompleted++;
      else {
        c.answered++;
        if (now - ix.arrivedAt <= ix.queue.config.serviceLevelSeconds * 1000) c.answeredWithinServiceLevel++;
      }
      // The citizen got through: a missed-call callback for this number is no longer needed.
      if (ix.callerNumber !== null) this.#callbackList.remove(ix.callerNumber);
      a.offer = null;
      a.answered++;
      a.hold({ interactionId: ix.id, channel: ix.channel, queue: ix.queue, phase: 'connected', since: now, answeredAt: now, wrapTimer: null });
      this.#settle(a);
      for (const o of others) this.#settle(o);
    });
  }

  /** The agent did not answer (rejected, unreachable): the interaction goes to the next agent, the agent not ready. */
  noAnswer(interactionId: string, agentId: string): void {
    const { ix, a } = this.#offeredTo(interactionId, agentId);
    this.#mutate(() => {
      this.#dropFromOffer(ix, a);
      this.#missed(a, ix);
      if (ix.offeredTo.length === 0) this.#requeue(ix);
    });
  }

  /**
   * The call ended (or the chat closed). Before an answer that is an abandon (listed for a
   * missed-call callback); after it, the agent goes to wrap-up.
   */
  hangup(interactionId: string): void {
    const ix = this.#interaction(interactionId);
    this.#mutate(() => {
      const now = this.#s.now();
      if (ix.status === 'connected') {
        const a = ix.agent!;
        const slot = a.slots.get(ix.id)!;
        this.#finish(ix, 'answered');
        slot.phase = 'wrapUp';
        slot.since = now;
        const wrap = ix.queue.config.wrapUpSeconds;
        if (wrap === 0) this.#endWrapUp(a, slot, true);
        else {
          slot.wrapTimer = this.#s.setTimer(wrap * 1000, () => this.#mutate(() => this.#endWrapUp(a, slot, true)));
          this.#settle(a);
        }
        return;
      }
      const agents = ix.offeredTo;
      ix.offerTimer?.cancel();
      ix.offerTimer = null;
      ix.offeredTo = [];
      for (const a of agents) {
        a.offer = null;
        this.#events.emit('offerRevoked', { interactionId: ix.id, agentId: a.id, reason: 'abandoned' });
      }
      if (!ix.callback) this.#abandoned(ix, now);
      this.#finish(ix, 'abandoned');
      for (const a of agents) this.#settle(a);
    });
  }

  /** 话后处理 finished: one interaction's, or all of the agent's. */
  wrapUpDone(agentId: string, interactionId?: string): void {
    const a = this.#agent(agentId);
    const slots = [...a.slots.values()].filter((s) => s.phase === 'wrapUp' && (interactionId === undefined || s.interactionId === interactionId));
    if (slots.length === 0) throw new AcdError('INVALID_STATE', `agent ${agentId} has no wrap-up${interactionId ? ` for ${interactionId}` : ''}`);
    this.#mutate(() => {
      for (const s of slots) this.#endWrapUp(a, s, false);
      this.#settle(a);
    });
  }

  /** The citizen chose to be called back: the call may end, the place in line stays. Voice only, while waiting. */
  requestCallback(interactionId: string): void {
    const ix = this.#interaction(interactionId);
    if (ix.channel !== 'voice') throw new AcdError('INVALID_STATE', 'callbacks are for voice calls');
    if (ix.status !== 'waiting' || ix.callback) throw new AcdError('INVALID_STATE', `interaction ${interactionId} is ${ix.callback ? 'already a callback' : ix.status}`);
    this.#mutate(() => this.#toCallback(ix));
  }

  /** A supervisor gives a waiting interaction to a chosen agent, whatever the skills, state and order. */
  pull(interactionId: string, agentId: string): void {
    const ix = this.#interaction(interactionId);
    if (ix.status !== 'waiting') throw new AcdError('INVALID_STATE', `interaction ${interactionId} is ${ix.status}`);
    const a = this.#loggedIn(agentId);
    if (a.offer !== null) throw new AcdError('AGENT_BUSY', `agent ${agentId} is being offered ${a.offer.id}`);
    if (!a.hasRoom(ix.channel, this.config.voiceExcludesText)) throw new AcdError('NO_CAPACITY', `agent ${agentId} has no room for ${ix.channel}`);
    this.#mutate(() => this.#offer(ix, [a], true));
  }

  // ---- reading ------------------------------------------------------------------------------

  queueSnapshot(queueId: string): QueueSnapshot {
    return queueSnapshot(this.#queue(queueId), this.#s.now());
  }

  agentSnapshot(agentId: string): AgentSnapshot {
    return agentSnapshot(this.#agent(agentId));
  }

  /** Everything a wallboard shows. */
  wallboard(): { at: number; queues: QueueSnapshot[]; agents: AgentSnapshot[] } {
    const now = this.#s.now();
    return {
      at: now,
      queues: [...this.#queues.values()].map((q) => queueSnapshot(q, now)),
      agents: [...this.#agents.values()].map((a) => agentSnapshot(a)),
    };
  }

  interaction(id: string): InteractionSnapshot | null {
    const ix = this.#ixs.get(id);
    return ix ? snapshotInteraction(ix) : null;
  }

  interactions(): InteractionSnapshot[] {
    return [...this.#ixs.values()].map(snapshotInteraction);
  }

  /** Missed calls to call back, oldest first. */
  callbackList(): CallbackEntry[] {
    return this.#callbackList.list();
  }

  /** Taken off the list (called back, or judged not needed). */
  removeCallback(callerNumber: string): boolean {
    return this.#callbackList.remove(callerNumber);
  }

  /** Zeroes the counters (a new day, a new shift). */
  resetStats(): void {
    for (const q of this.#queues.values()) q.counters = zeroCounters();
  }

  /** Internal consistency (indexes, offers, capacities); empty when sound. For tests and diagnostics. */
  checkConsistency(): string[] {
    return checkAcd(this.#router, this.#agents.values(), this.#ixs.values(), this.config.voiceExcludesText);
  }

  // ---- internals ----------------------------------------------------------------------------

  /** Runs a mutation; events go out when the outermost one has finished. */
  #mutate(fn: () => void): void {
    this.#depth++;
    try {
      fn();
    } finally {
      this.#depth--;
      if (this.#depth === 0) this.#events.flush();
    }
  }

  #queue(id: string): QueueRuntime {
    const q = this.#queues.get(id);
    if (!q) throw new AcdError('UNKNOWN_QUEUE', `no queue ${id}`);
    return q;
  }

  #agent(id: string): AgentRecord {
    const a = this.#agents.get(id);
    if (!a) throw new AcdError('UNKNOWN_AGENT', `no agent ${id}`);
    return a;
  }

  #loggedIn(id: string): AgentRecord {
    const a = this.#agent(id);
    if (a.presence === 'loggedOut') throw new AcdError('NOT_LOGGED_IN', `agent ${id} is logged out`);
    return a;
  }

  #interaction(id: string): Interaction {
    const ix = this.#ixs.get(id);
    if (!ix) throw new AcdError('UNKNOWN_INTERACTION', `no interaction ${id}`);
    return ix;
  }

  #offeredTo(interactionId: string, agentId: string): { ix: Interaction; a: AgentRecord } {
    const ix = this.#interaction(interactionId);
    const a = this.#agent(agentId);
    if (ix.status !== 'offered' || !ix.offeredTo.includes(a)) throw new AcdError('NOT_OFFERED', `interaction ${interactionId} is not offered to ${agentId}`);
    return { ix, a };
  }

  #countLoggedIn(a: AgentRecord, d: number): void {
    for (const q of a.minStage.keys()) q.loggedIn += d;
  }

  /** After any change to an agent: re-index, publish its state, and give it work if it can take some. */
  #settle(a: AgentRecord): void {
    this.#router.refresh(a);
    this.#updateState(a);
    this.#matchAgent(a);
  }

  #updateState(a: AgentRecord): void {
    const state = a.derivedState();
    const reason = a.presence === 'notReady' ? a.reason : null;
    if (state === a.state && reason === a.stateReason) return;
    if (state !== a.state) a.stateSince = this.#s.now();
    a.state = state;
    a.stateReason = reason;
    this.#events.emit('agentState', { agentId: a.id, state, reason, since: a.stateSince });
  }

  #matchAgent(a: AgentRecord): void {
    for (;;) {
      const ix = this.#router.bestCallFor(a);
      if (ix === null) return;
      // The strategy picks among everyone available for that call, which may be another agent
      // freed by the same command (ring-all losers, say); then look again for this one.
      this.#offer(ix, this.#router.bestAgentsFor(ix), false);
    }
  }

  #matchInteraction(ix: Interaction): void {
    if (ix.status !== 'waiting') return;
    const agents = this.#router.bestAgentsFor(ix);
    if (agents.length > 0) this.#offer(ix, agents, false);
  }

  #offer(ix: Interaction, agents: AgentRecord[], pulled: boolean): void {
    const now = this.#s.now();
    const q = ix.queue;
    this.#router.unplace(ix);
    ix.status = 'offered';
    ix.offeredTo = agents;
    ix.pulled = pulled;
    const timeout = q.config.noAnswerTimeoutSeconds;
    ix.offerTimer = this.#s.setTimer(timeout * 1000, () => this.#mutate(() => this.#offerTimedOut(ix)));
    for (const a of agents) {
      a.offer = ix;
      a.offerSince = now;
      a.lastOffer.set(q, ++this.#offerSeq);
      this.#router.refresh(a);
      this.#updateState(a);
      this.#events.emit('offer', { interactionId: ix.id, agentId: a.id, queueId: q.id, channel: ix.channel, callback: ix.callback, pulled, timeoutSeconds: timeout });
    }
    this.#stats.dirty(q);
  }

  #offerTimedOut(ix: Interaction): void {
    if (ix.status !== 'offered') return;
    ix.offerTimer = null;
    const agents = ix.offeredTo;
    ix.offeredTo = [];
    for (const a of agents) {
      this.#events.emit('offerTimeout', { interactionId: ix.id, agentId: a.id, queueId: ix.queue.id });
      this.#missed(a, ix);
    }
    this.#requeue(ix);
  }

  /** Takes one agent out of an interaction's offer (the interaction may still ring others). */
  #dropFromOffer(ix: Interaction, a: AgentRecord): void {
    ix.offeredTo = ix.offeredTo.filter((o) => o !== a);
    a.offer = null;
    if (ix.offeredTo.length === 0) {
      ix.offerTimer?.cancel();
      ix.offerTimer = null;
    }
  }

  /** An agent let an offer pass: not ready (unless the queue says otherwise or the agent already is). */
  #missed(a: AgentRecord, ix: Interaction): void {
    a.offer = null;
    if (a.presence === 'ready' && (ix.queue.config.noAnswerSetsNotReady || ix.pulled)) {
      a.presence = 'notReady';
      a.reason = 'noAnswer';
    }
    this.#settle(a);
  }

  /** Back in line after an offer failed, at the same place — or out, if its maximum wait passed meanwhile. */
  #requeue(ix: Interaction): void {
    ix.status = 'waiting';
    ix.pulled = false;
    if (ix.maxWaitReached) {
      ix.maxWaitReached = false;
      this.#overflow(ix);
      return;
    }
    this.#router.place(ix);
    if (!ix.callback) this.#events.emit('queued', { interactionId: ix.id, queueId: ix.queue.id, musicOnHold: ix.queue.config.musicOnHold });
    this.#stats.dirty(ix.queue);
    this.#matchInteraction(ix);
  }

  #enterQueue(ix: Interaction, q: QueueRuntime): void {
    const now = this.#s.now();
    const cfg = q.config;
    ix.queue = q;
    ix.queuedAt = now;
    ix.stage = 0;
    ix.entry++;
    ix.priority = priorityIn(cfg, ix, this.#lists);
    (ix.callback ? q.callbacks : q.live).set(ix.id, ix);
    q.changed();
    if (q.relax.hasStages) {
      q.relax.add(ix, ix.entry);
      q.relax.arm(this.#relaxHost);
    }
    if (!ix.callback) {
      if (cfg.maxWaitSeconds !== null) ix.maxWaitTimer = this.#s.setTimer(cfg.maxWaitSeconds * 1000, () => this.#mutate(() => this.#maxWaitDue(ix)));
      this.#announcer.start(ix);
      this.#events.emit('queued', { interactionId: ix.id, queueId: q.id, musicOnHold: cfg.musicOnHold });
    }
    this.#router.place(ix);
    this.#stats.dirty(q);
    this.#matchInteraction(ix);
  }

  #makeRelaxHost(): RelaxHost {
    return {
      s: this.#s,
      run: (fn) => this.#mutate(fn),
      live: (ix, entry) => ix.entry === entry && ix.status !== 'connected' && this.#ixs.get(ix.id) === ix,
      raised: (ixs) => {
        // While offered, the new stage applies if the offer fails and the interaction is placed again.
        const waiting = ixs.filter((ix) => ix.status === 'waiting').sort((a, b) => (ahead(a, b) ? -1 : 1));
        for (const ix of waiting) {
          this.#router.unplace(ix);
          this.#router.place(ix);
        }
        for (const ix of waiting) this.#matchInteraction(ix);
      },
    };
  }

  #maxWaitDue(ix: Interaction): void {
    ix.maxWaitTimer = null;
    if (ix.status === 'waiting') this.#overflow(ix);
    else if (ix.status === 'offered') ix.maxWaitReached = true;
  }

  #overflow(ix: Interaction): void {
    const from = ix.queue;
    const to = from.config.overflow!;
    from.counters.overflowed++;
    this.#events.emit('overflow', { interactionId: ix.id, fromQueueId: from.id, to });
    if (to.kind === 'callback') {
      this.#toCallback(ix);
      if (ix.node === null) {
        // It overflowed on its way back from a failed offer: it still needs its place in the lane.
        this.#router.place(ix);
        this.#matchInteraction(ix);
      }
      return;
    }
    this.#stopWaiting(ix);
    if (to.kind === 'voicemail') {
      this.#ixs.delete(ix.id);
      this.#events.emit('ended', { interactionId: ix.id, queueId: from.id, outcome: 'overflowed' });
    } else {
      this.#enterQueue(ix, this.#queues.get(to.queueId)!);
    }
  }

  /** Turns a waiting call into a callback request: same lane, same place; nobody left on the line to announce to. */
  #toCallback(ix: Interaction): void {
    ix.callback = true;
    ix.maxWaitTimer?.cancel();
    ix.maxWaitTimer = null;
    this.#announcer.stop(ix);
    ix.queue.live.delete(ix.id);
    ix.queue.callbacks.set(ix.id, ix);
    this.#stats.dirty(ix.queue);
  }

  /** No longer in line (answered or gone): timers stop, the lane and the queue's line forget it. */
  #stopWaiting(ix: Interaction): void {
    ix.maxWaitTimer?.cancel();
    ix.offerTimer?.cancel();
    ix.maxWaitTimer = ix.offerTimer = null;
    this.#announcer.stop(ix);
    this.#router.unplace(ix);
    const q = ix.queue;
    if (q.live.delete(ix.id) || q.callbacks.delete(ix.id)) q.changed();
    this.#stats.dirty(q);
  }

  #finish(ix: Interaction, outcome: Outcome): void {
    this.#stopWaiting(ix);
    this.#ixs.delete(ix.id);
    this.#events.emit('ended', { interactionId: ix.id, queueId: ix.queue.id, outcome });
  }

  #abandoned(ix: Interaction, now: number): void {
    const q = ix.queue;
    q.counters.abandoned++;
    this.#events.emit('abandoned', { interactionId: ix.id, queueId: q.id, waitedSeconds: Math.round((now - ix.arrivedAt) / 1000) });
    const entry = this.#callbackList.abandoned(q.config, { interactionId: ix.id, callerNumber: ix.callerNumber, waitedMs: now - ix.arrivedAt, at: now });
    if (entry) this.#events.emit('callbackListed', entry);
  }

  /** Ends a wrap-up: the slot is free. The caller settles the agent (once, after several). */
  #endWrapUp(a: AgentRecord, slot: Slot, settle: boolean): void {
    if (a.slots.get(slot.interactionId) !== slot) return;
    slot.wrapTimer?.cancel();
    const now = this.#s.now();
    a.release(slot);
    slot.queue.recordHandleTime((now - slot.answeredAt) / 1000);
    a.idleSince = now;
    if (settle) this.#settle(a);
  }

}
