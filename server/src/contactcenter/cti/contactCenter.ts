import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import {
  LoopPlayer, Mixer, Recorder, applySupervisorMode, attachSession, recordSessions,
  type EnqueueRequest, type IvrCallRecord, type IvrResult, type MixerParticipant, type SipCallPort, type SupervisorMode,
} from '@hotline/telephony';
import type { Ctx } from '../../context.ts';
import type { TelephonyRuntime } from '../../telephony/runtime.ts';
import { Acd, AcdError, demoAcdConfig, systemScheduler, type AcdConfigInput, type AcdScheduler } from '../acd/index.ts';
import { autoLegDialer, type Leg, type LegDialer } from './legs.ts';
import { CallRecords, type CallState } from './callRecords.ts';
import { CtiError, acdCommand } from './ctiError.ts';
import { AcdConversationRouter } from './conversationRouter.ts';
import type { ConversationService } from '../../conversations/service.ts';

// The contact center: the ACD decides, this carries the decisions out on real calls. It owns the
// live calls (caller leg from the IVR, agent leg it dials, the mixer bridging them, the
// recording), keeps the call detail record in step, and publishes CTI events. The ACD stays the
// single owner of routing state; every telephony outcome goes back to it as a command
// (answered, noAnswer, hangup), so a call can never be bridged to an agent the ACD did not choose.

export interface CtiEvent {
  type: string;
  at: string;
  /** The agents the event concerns (null: supervisors only / everyone allowed). */
  agentIds: string[];
  data: Record<string, unknown>;
}

/**
 * The citizen's side of a live call: the IVR's SipCallPort for calls in, or the dialled leg for
 * an agent's call out. `media` is RTP or WebRTC (a browser calling from the portal).
 */
type CallerSide = Pick<SipCallPort, 'callId' | 'callerNumber' | 'calledNumber' | 'media' | 'ended' | 'onHangup' | 'hangup' | 'play' | 'collectDigits' | 'clearDigits'>;

interface LiveCall {
  id: string;
  direction: 'inbound' | 'outbound';
  port: CallerSide;
  state: CallState;
  queueId: string;
  agentId: string | null;
  offeredTo: string | null;
  enqueuedAt: number;
  answeredAt: number | null;
  agentLeg: Leg | null;
  extra: Map<string, { leg: Leg; participant: MixerParticipant; detach: () => void }>;
  mixer: Mixer | null;
  caller: { participant: MixerParticipant; detach: (() => void) | null } | null;
  agent: { participant: MixerParticipant; detach: () => void } | null;
  recorder: Recorder | null;
  moh: LoopPlayer | null;
  ended: boolean;
  muted: boolean;
  /** The CTI is ending the agent leg on purpose (so its termination is a hangup, not a loss). */
  hangingUp: boolean;
  /** Settles when the recording's file is complete. */
  recordingClosed?: Promise<void>;
}

export interface AgentSession {
  agentId: string;
  extension: string;
  displayName: string;
}

export interface ContactCenterOptions {
  config?: AcdConfigInput;
  scheduler?: AcdScheduler;
  dialer?: LegDialer;
  /** Seconds the satisfaction survey waits for a key. */
  surveyTimeoutMs?: number;
  log?: (m: string) => void;
}

const SURVEY = { '1': 'satisfied', '2': 'neutral', '3': 'dissatisfied' } as const;

/** The queues' comfort messages (prompt keys of the ACD configuration). */
const COMFORT: Record<string, string> = {
  'acd.comfort.busy': '当前来电较多，坐席正在全力为您服务，请不要挂机。',
  'acd.comfort.callback': '如不便继续等待，您可以挂机，我们会根据来电号码尽快回电。',
  'acd.comfort.urgent': '正在为您转接紧急事项专席，请稍候。如遇危及生命安全的情况，请立即拨打一一零、一一九或一二零。',
  'acd.comfort.elderly': '老年人专席正在为您接通，请您不要挂机，耐心等待。',
  'acd.comfort.en': 'All our agents are busy. Please stay on the line; your call will be answered shortly.',
};

/** Music on hold: a soft two-note chime, generated so the project ships no recording. */
function musicOnHold(): Int16Array {
  const rate = 8000;
  const notes = [523.25, 659.25, 783.99, 659.25];
  const out = new Int16Array(rate * 2);
  for (let i = 0; i < out.length; i++) {
    const n = Math.floor(i / (rate / 2));
    const t = (i % (rate / 2)) / rate;
    const env = Math.min(1, t * 40) * Math.exp(-3 * t);
    out[i] = Math.round(2500 * env * Math.sin(2 * Math.PI * notes[n]! * t));
  }
  return out;
}

export class ContactCenter {
  readonly acd: Acd;
  readonly records: CallRecords;
  readonly events = new EventEmitter<{ event: [CtiEvent] }>();
  readonly agents = new Map<string, AgentSession>();
  readonly #calls = new Map<string, LiveCall>();
  readonly #ports = new Map<string, SipCallPort>();
  readonly #dial: LegDialer;
  readonly #moh = musicOnHold();
  readonly #log: (m: string) => void;
  readonly #surveyTimeoutMs: number;
  readonly #offs: Array<() => void> = [];
  #text: { conversations: ConversationService; inner: ConversationService['router']; router: AcdConversationRouter } | null = null;

  constructor(
    private readonly ctx: Ctx,
    private readonly rt: TelephonyRuntime,
    opts: ContactCenterOptions = {},
  ) {
    this.#log = opts.log ?? (() => undefined);
    this.#surveyTimeoutMs = opts.surveyTimeoutMs ?? 8000;
    this.records = new CallRecords(ctx);
    this.acd = new Acd(opts.config ?? demoAcdConfig, {
      scheduler: opts.scheduler ?? systemScheduler,
      onListenerError: (e, name) => this.#log(`cti: ${name} listener failed: ${e instanceof Error ? e.message : String(e)}`),
    });
    this.#dial = opts.dialer ?? autoLegDialer({ endpoint: rt.endpoint, pacer: rt.pacer, ports: rt.rtpPorts, bindAddress: ctx.env.SIP_HOST, ...(ctx.env.SIP_PUBLIC_HOST ? { mediaAddress: ctx.env.SIP_PUBLIC_HOST } : {}) });
    this.#wireAcd();
    const onIvrCall = (r: IvrCallRecord) => {
      this.#ports.set(r.port.callId, r.port);
      r.port.onHangup(() => setTimeout(() => this.#ports.delete(r.port.callId), 1000));
    };
    rt.handler.on('call', onIvrCall);
    this.#offs.push(() => rt.handler.off('call', onIvrCall));
    // Calls that end in the IVR (self-service, messages, night service) get a record too.
    const onIvrResult = (r: IvrResult, port: SipCallPort) => {
      if (r.reason === 'enqueued') return;
      void this.#ivrOnlyRecord(r, port).catch((e) => this.#log(`cti: record: ${String(e)}`));
    };
    rt.handler.on('result', onIvrResult);
    this.#offs.push(() => rt.handler.off('result', onIvrResult));
    rt.services.enqueueHandler = (req) => this.enqueue(req);
  }

  /**
   * Routes the text conversations (web chat, WeChat, SMS, e-mail) through this ACD as well, so an
   * agent's load counts across channels. Call before the inbox is used.
   */
  attachConversations(conversations: ConversationService): void {
    const inner = conversations.router;
    const router = new AcdConversationRouter(this.ctx, {
      acd: this.acd,
      isSignedIn: (agentId) => this.agents.has(agentId),
      publishToAgent: (agentId, type, data) => this.#publish(type, [agentId], data),
    }, conversations, inner, 'text', this.#log);
    conversations.router = router;
    this.#text = { conversations, inner, router };
  }

  close(): void {
    if (this.#text) this.#text.conversations.router = this.#text.inner;
    this.rt.services.enqueueHandler = null;
    for (const off of this.#offs) off();
    for (const c of this.#calls.values()) void this.#finish(c, 'shutdown');
  }

  // ---- events ---------------------------------------------------------------------------------

  #publish(type: string, agentIds: (string | null)[], data: Record<string, unknown>): void {
    this.events.emit('event', { type, at: new Date(this.ctx.clock.now()).toISOString(), agentIds: agentIds.filter((a): a is string => !!a), data });
  }

  #wireAcd(): void {
    const acd = this.acd;
    acd.on('offer', (e) => void this.#offer(e.interactionId, e.agentId));
    acd.on('offerTimeout', (e) => this.#stopRinging(e.interactionId, e.agentId));
    acd.on('offerRevoked', (e) => this.#stopRinging(e.interactionId, e.agentId));
    acd.on('agentState', (e) => this.#publish('agent.state', [e.agentId], { ...e, since: new Date(e.since).toISOString() }));
    acd.on('queueStats', (e) => this.#publish('queue.stats', [], { ...e }));
    acd.on('callbackListed', (e) => this.#publish('callback.listed', [], { ...e }));
    acd.on('announce', (e) => void this.#announce(e.interactionId, e.position, e.ewtSeconds));
    acd.on('overflow', (e) => void this.#overflow(e.interactionId, e.to.kind));
    acd.on('comfort', (e) => void this.#say(e.interactionId, COMFORT[e.prompt] ?? COMFORT['acd.comfort.busy']!));
    acd.on('ended', (e) => void this.records.update(e.interactionId, { outcome: e.outcome }).catch((err) => this.#log(`cti: record: ${String(err)}`)));
  }

  // ---- agents ---------------------------------------------------------------------------------

  async login(agentId: string, extension: string, displayName: string): Promise<void> {
    const [row] = await this.ctx.db.query<{ skills: Record<string, number> }>('SELECT skills FROM agent_skills WHERE user_id = $1', [agentId]);
    const skills = row?.skills ?? defaultSkills(this.acd);
    try {
      this.acd.login({ id: agentId, skills });
    } catch (e) {
      if (!(e instanceof AcdError && e.code === 'ALREADY_LOGGED_IN')) throw e;
    }
    this.agents.set(agentId, { agentId, extension, displayName });
  }

  logout(agentId: string): void {
    this.acd.logout(agentId);
    this.agents.delete(agentId);
  }

  // ---- the caller's side -------------------------------------------------------------------------

  async #ivrOnlyRecord(r: IvrResult, port: SipCallPort): Promise<void> {
    const id = randomUUID();
    const now = this.ctx.clock.now();
    await this.records.insert({
      id, sipCallId: port.callId, direction: 'inbound', callerNumber: port.callerNumber, calledNumber: port.calledNumber,
      ivrFlow: `${r.flow.id}@${r.flow.version}`, ivrPath: r.path, queueId: null, state: 'ended', enqueuedAt: null,
    });
    await this.records.update(id, { endedAt: now, outcome: `ivr:${r.reason}`, hangupCause: r.detail ?? r.reason });
  }

  async enqueue(req: EnqueueRequest): Promise<{ accepted: boolean; reason?: string }> {
    const port = this.#ports.get(req.callId);
    if (!port) return { accepted: false, reason: 'call not known to the contact center' };
    if (!this.acd.config.queues.some((q) => q.id === req.queue)) return { accepted: false, reason: `no queue ${req.queue}` };
    const id = randomUUID();
    const now = this.ctx.clock.now().getTime();
    const call: LiveCall = {
      id, direction: 'inbound', port, state: 'queued', queueId: req.queue, agentId: null, offeredTo: null, enqueuedAt: now, answeredAt: null,
      agentLeg: null, extra: new Map(), mixer: null, caller: null, agent: null, recorder: null, moh: null, ended: false, muted: false, hangingUp: false,
    };
    await this.records.insert({
      id, sipCallId: req.callId, direction: 'inbound', callerNumber: req.callerNumber, calledNumber: req.calledNumber,
      ivrFlow: `${req.flow.id}@${req.flow.version}`, ivrPath: req.path, queueId: req.queue, state: 'queued', enqueuedAt: new Date(now),
    });
    this.#calls.set(id, call);
    port.onHangup((cause) => void this.#callerHungUp(call, cause));
    const tags = (req.vars.tags ?? '').split(',').filter(Boolean);
    try {
      this.acd.enqueue({ id, queueId: req.queue, callerNumber: req.callerNumber, tags, ...(req.priority ? { priority: req.priority } : {}) });
    } catch (e) {
      this.#calls.delete(id);
      await this.records.update(id, { state: 'ended', outcome: 'rejected', hangupCause: e instanceof Error ? e.message : String(e), endedAt: new Date() });
      return { accepted: false, reason: e instanceof Error ? e.message : String(e) };
    }
    // The IVR's enqueue verb returns first; music starts once the IVR has let go of the call.
    setImmediate(() => this.#startMoh(call));
    this.#publish('call.queued', [], { callId: id, queueId: req.queue, callerNumber: req.callerNumber });
    return { accepted: true };
  }

  #startMoh(call: LiveCall): void {
    const session = call.port.media;
    if (!session || session.closed || call.ended || (call.state !== 'queued' && call.state !== 'offered' && call.state !== 'held')) return;
    call.moh = new LoopPlayer(this.#moh, 500);
    session.play(call.moh);
  }

  async #announce(id: string, position: number, ewt: number | null): Promise<void> {
    await this.#say(id, `您前面还有${position}位市民在等候${ewt ? `，预计等待约${Math.max(1, Math.round(ewt / 60))}分钟` : ''}，请您耐心等待。`);
  }

  /** Speaks to a waiting caller over the music, which resumes afterwards. */
  async #say(id: string, text: string): Promise<void> {
    const call = this.#calls.get(id);
    if (!call || call.state !== 'queued') return;
    try {
      const pcm = await this.rt.prompts.synthesize(text);
      if (call.state !== 'queued') return;
      await call.port.play(pcm, { bargeIn: false });
    } catch {
      // an announcement that cannot be spoken is skipped; the caller keeps their place
    }
    this.#startMoh(call);
  }

  async #overflow(id: string, kind: string): Promise<void> {
    const call = this.#calls.get(id);
    if (!call) return;
    if (kind === 'queue') return; // moved to another queue inside the ACD; the caller keeps waiting
    const text = kind === 'callback' ? '当前话务繁忙，我们已记录您的来电号码，稍后将给您回电，感谢您的耐心。' : '当前话务繁忙，请在提示音后留言，我们会尽快处理。';
    call.state = 'ended';
    try {
      await call.port.play(await this.rt.prompts.synthesize(text), { bargeIn: false });
    } catch {
      // the caller may have hung up meanwhile
    }
    await this.#finish(call, `overflow:${kind}`);
  }

  async #callerHungUp(call: LiveCall, cause: string): Promise<void> {
    if (call.ended) return;
    const wasTalking = call.state === 'talking' || call.state === 'held';
    if (call.state === 'queued' || call.state === 'offered' || wasTalking) {
      try {
        this.acd.hangup(call.id);
      } catch {
        // already out of the ACD
      }
    }
    await this.#finish(call, wasTalking ? 'caller-hangup' : cause === 'remote-bye' ? 'abandoned' : cause);
  }

  // ---- the agent's side ------------------------------------------------------------------------

  async #offer(id: string, agentId: string): Promise<void> {
    if (this.acd.interaction(id)?.channel !== 'voice') {
      if (this.#text) await this.#text.router.offered(id, agentId);
      return;
    }
    const call = this.#calls.get(id);
    const agent = this.agents.get(agentId);
    if (!call || !agent) {
      this.#safe(() => this.acd.noAnswer(id, agentId));
      return;
    }
    call.state = 'offered';
    call.offeredTo = agentId;
    await this.records.update(id, { state: 'offered', offeredAt: this.ctx.clock.now(), agentId, extension: agent.extension });
    this.#publish('call.offered', [agentId], { callId: id, agentId, callerNumber: call.port.callerNumber, queueId: call.queueId });
    let leg: Leg;
    try {
      leg = await this.#dial(agent.extension, { callerNumber: call.port.callerNumber });
    } catch (e) {
      this.#log(`cti: cannot ring ${agent.extension}: ${e instanceof Error ? e.message : String(e)}`);
      if (call.offeredTo === agentId) this.#safe(() => this.acd.noAnswer(id, agentId));
      return;
    }
    if (call.offeredTo !== agentId || call.ended) {
      await leg.end();
      return;
    }
    call.agentLeg = leg;
    leg.answered.then(
      () => void this.#agentAnswered(call, agentId, leg),
      () => {
        if (call.agentLeg === leg) call.agentLeg = null;
        if (call.offeredTo === agentId && call.state === 'offered') {
          call.state = 'queued';
          call.offeredTo = null;
          this.#safe(() => this.acd.noAnswer(id, agentId));
        }
      },
    );
  }

  #stopRinging(id: string, agentId: string): void {
    const call = this.#calls.get(id);
    if (!call || call.offeredTo !== agentId || call.state !== 'offered') return;
    call.offeredTo = null;
    call.state = 'queued';
    const leg = call.agentLeg;
    call.agentLeg = null;
    void leg?.end();
  }

  async #agentAnswered(call: LiveCall, agentId: string, leg: Leg): Promise<void> {
    if (call.ended || call.offeredTo !== agentId) {
      await leg.end();
      return;
    }
    try {
      this.acd.answered(call.id, agentId);
    } catch {
      await leg.end();
      return;
    }
    if (!(await this.#bridge(call, agentId, leg))) return;
    leg.session?.on('terminated', (reason) => {
      // The agent hung up (their BYE) or the CTI did: the caller goes on to the survey. Anything
      // else — the browser closed, its network or WebRTC connection failed — is a lost agent:
      // the caller must not be lost with them.
      if (reason === 'remote-bye' || call.hangingUp) void this.#agentHungUp(call, leg);
      else void this.#agentLost(call, leg, String(reason));
    });
  }

  /** Joins the caller's and the agent's media in a mixer and records both; false when the caller is gone. */
  async #bridge(call: LiveCall, agentId: string, leg: Leg): Promise<boolean> {
    const callerSession = call.port.media;
    if (!callerSession || callerSession.closed) {
      await leg.end();
      return false;
    }
    call.state = 'talking';
    call.agentId = agentId;
    call.agentLeg = leg;
    call.answeredAt = this.ctx.clock.now().getTime();
    callerSession.play(null);
    call.moh = null;
    const mixer = new Mixer({ pacer: this.rt.pacer });
    call.mixer = mixer;
    const cp = mixer.add('caller');
    const ap = mixer.add('agent');
    call.caller = { participant: cp, detach: attachSession(cp, callerSession) };
    call.agent = { participant: ap, detach: attachSession(ap, leg.media) };
    const file = path.join(this.ctx.env.dataDir, 'recordings', `${call.id}.wav`);
    try {
      await mkdir(path.dirname(file), { recursive: true });
      call.recorder = await Recorder.open(file, { pacer: this.rt.pacer });
      recordSessions(call.recorder, callerSession, leg.media);
    } catch (e) {
      this.#log(`cti: recording failed: ${e instanceof Error ? e.message : String(e)}`);
    }
    await this.records.update(call.id, { state: 'talking', answeredAt: new Date(call.answeredAt), recordingKey: call.recorder ? `${call.id}.wav` : null });
    this.#publish('call.answered', [agentId], { callId: call.id, agentId });
    return true;
  }

  /**
   * An agent's call out (外呼): the agent's phone rings first; when the agent answers, the number
   * is dialled with the hotline's number as caller ID (never the agent's extension), through the
   * first configured trunk unless it is one of our extensions. The agent is not ready (reason
   * `outbound`) for the ACD meanwhile, so no citizen is offered to a busy agent.
   */
  async outbound(agentId: string, number: string): Promise<string> {
    const agent = this.agents.get(agentId);
    if (!agent) throw new CtiError('AGENT_NOT_SIGNED_IN', 'sign in with an extension first');
    if ([...this.#calls.values()].some((c) => c.agentId === agentId || c.offeredTo === agentId)) throw new CtiError('CALL_STATE', 'you are on a call');
    const internal = this.rt.endpoint.registrar.lookup(number).length > 0;
    const trunk = this.ctx.env.SIP_TRUNKS[0]?.name;
    if (!internal && !trunk) throw new CtiError('UNKNOWN_TARGET', `${number} is neither a registered extension nor reachable: no trunk is configured`);
    acdCommand(() => this.acd.setAgentState(agentId, 'notReady', 'outbound'));
    let agentLeg: Leg;
    try {
      agentLeg = await this.#dial(agent.extension, { callerNumber: number });
    } catch (e) {
      throw new CtiError('TARGET_UNAVAILABLE', `cannot ring your phone: ${e instanceof Error ? e.message : String(e)}`);
    }
    try {
      await agentLeg.answered;
    } catch {
      await agentLeg.end();
      throw new CtiError('TARGET_UNAVAILABLE', 'your phone did not answer');
    }
    const far = await this.#dial(number, { callerNumber: this.ctx.env.HOTLINE_NUMBER, ...(internal ? {} : { trunk: trunk! }) });
    let farSession;
    try {
      farSession = await far.answered;
    } catch {
      await Promise.all([far.end(), agentLeg.end()]);
      throw new CtiError('TARGET_UNAVAILABLE', `${number} did not answer`);
    }
    const id = randomUUID();
    const now = this.ctx.clock.now();
    const port = legAsCaller(far, farSession.dialog.callId, number, this.ctx.env.HOTLINE_NUMBER);
    const call: LiveCall = {
      id, direction: 'outbound', port, state: 'offered', queueId: '', agentId, offeredTo: agentId, enqueuedAt: now.getTime(), answeredAt: null,
      agentLeg: null, extra: new Map(), mixer: null, caller: null, agent: null, recorder: null, moh: null, ended: false, muted: false, hangingUp: false,
    };
    await this.records.insert({ id, sipCallId: port.callId, direction: 'outbound', callerNumber: number, calledNumber: number, ivrFlow: null, ivrPath: [], queueId: null, state: 'offered', enqueuedAt: now });
    await this.records.update(id, { agentId, extension: agent.extension, offeredAt: now });
    this.#calls.set(id, call);
    port.onHangup(() => void this.#finish(call, 'remote-hangup'));
    if (!(await this.#bridge(call, agentId, agentLeg))) {
      await this.#finish(call, 'remote-hangup');
      return id;
    }
    agentLeg.session?.on('terminated', () => void this.#finish(call, 'agent-hangup'));
    return id;
  }

  /**
   * The agent's phone went away mid-call. The caller goes back to the front of the queue (the
   * ACD's priority floor for a transfer back) with music on hold, the call record notes it, and the
   * agent is signed out of the ACD until they sign in again.
   */
  async #agentLost(call: LiveCall, leg: Leg, reason: string): Promise<void> {
    if (call.ended || call.agentLeg !== leg) return;
    const agentId = call.agentId;
    this.#log(`cti: agent ${agentId} lost mid-call (${reason}); the caller goes back to the queue`);
    this.#publish('call.agentLost', [agentId], { callId: call.id, agentId, reason });
    await this.transferToQueue(call, call.queueId, 'agent-lost');
    if (agentId) {
      this.#safe(() => this.logout(agentId));
    }
  }

  async #agentHungUp(call: LiveCall, leg: Leg): Promise<void> {
    if (call.ended || call.agentLeg !== leg) return;
    call.agentLeg = null;
    this.#safe(() => this.acd.hangup(call.id));
    this.#unbridge(call);
    await this.#survey(call);
  }

  /** After the agent hangs up, the caller rates the service: 1 satisfied, 2 neutral, 3 dissatisfied. */
  async #survey(call: LiveCall): Promise<void> {
    if (call.ended || call.port.ended || call.direction === 'outbound') return this.#finish(call, 'agent-hangup');
    call.state = 'survey';
    await this.records.update(call.id, { state: 'survey' });
    this.#publish('call.survey', [call.agentId], { callId: call.id });
    let digit: string | null = null;
    try {
      call.port.clearDigits();
      await call.port.play(await this.rt.prompts.synthesize('请您对本次服务进行评价：满意请按1，基本满意请按2，不满意请按3。'), { bargeIn: true });
      digit = await call.port.collectDigits({ min: 1, max: 1, timeoutMs: this.#surveyTimeoutMs, interDigitMs: this.#surveyTimeoutMs });
    } catch {
      digit = null;
    }
    const answer = digit && digit in SURVEY ? SURVEY[digit as keyof typeof SURVEY] : null;
    if (answer) {
      await this.records.update(call.id, { satisfaction: answer });
      await this.rt.services.recordSurvey({ survey: 'satisfaction', callId: call.id, callerNumber: call.port.callerNumber, digit: digit!, answer });
      try {
        await call.port.play(await this.rt.prompts.synthesize('感谢您的评价，再见。'), { bargeIn: false });
      } catch {
        // hung up after rating
      }
    }
    await this.#finish(call, answer ? 'survey-done' : 'survey-skipped');
  }

  #unbridge(call: LiveCall): void {
    // A leg whose media already closed (its far end hung up) cannot be detached; that is fine.
    const quietly = (fn: (() => void) | null | undefined) => {
      try {
        fn?.();
      } catch {
        // closed already
      }
    };
    quietly(call.caller?.detach);
    quietly(call.agent?.detach);
    for (const x of call.extra.values()) quietly(x.detach);
    call.mixer?.close();
    call.mixer = null;
    call.caller = null;
    call.agent = null;
    const recorder = call.recorder;
    call.recorder = null;
    if (recorder) call.recordingClosed = recorder.close().then(() => undefined, () => undefined);
  }

  async #finish(call: LiveCall, cause: string): Promise<void> {
    if (call.ended) return;
    call.ended = true;
    call.state = 'ended';
    this.#calls.delete(call.id);
    this.#unbridge(call);
    const legs = [call.agentLeg, ...[...call.extra.values()].map((x) => x.leg)];
    call.agentLeg = null;
    await Promise.all(legs.map((l) => l?.end().catch(() => undefined)));
    await call.port.hangup(cause).catch(() => undefined);
    const now = this.ctx.clock.now();
    const waitEnd = call.answeredAt ?? now.getTime();
    await this.records.update(call.id, {
      state: 'ended', endedAt: now, hangupCause: cause,
      waitSeconds: Math.round((waitEnd - call.enqueuedAt) / 1000),
      talkSeconds: call.answeredAt ? Math.round((now.getTime() - call.answeredAt) / 1000) : null,
    }).catch((e) => this.#log(`cti: record: ${String(e)}`));
    // Listeners (transcription) may read the recording once its WAV header is final.
    await call.recordingClosed;
    this.#publish('call.ended', [call.agentId, call.offeredTo], { callId: call.id, cause });
  }

  // ---- call control (CTI commands) ------------------------------------------------------------

  /** The live call, checked to be the caller agent's own (supervisors may act on any). */
  live(id: string, actor: { id: string; supervisor: boolean }): LiveCall {
    const call = this.#calls.get(id);
    if (!call) throw new CtiError('CALL_NOT_FOUND', 'no such live call');
    if (!actor.supervisor && call.agentId !== actor.id && call.offeredTo !== actor.id) throw new CtiError('NOT_YOUR_CALL', 'the call belongs to another agent');
    return call;
  }

  liveCalls(): { id: string; state: CallState; agentId: string | null; queueId: string; callerNumber: string; enqueuedAt: number; answeredAt: number | null }[] {
    return [...this.#calls.values()].map((c) => ({ id: c.id, state: c.state, agentId: c.agentId, queueId: c.queueId, callerNumber: c.port.callerNumber, enqueuedAt: c.enqueuedAt, answeredAt: c.answeredAt }));
  }

  async hangup(call: LiveCall): Promise<void> {
    const leg = call.agentLeg;
    if (!leg || call.state !== 'talking' && call.state !== 'held') throw new CtiError('CALL_STATE', `cannot hang up a call that is ${call.state}`);
    call.hangingUp = true;
    await leg.end(); // the leg's termination runs #agentHungUp → survey
    await this.#agentHungUp(call, leg);
  }

  hold(call: LiveCall): void {
    if (call.state !== 'talking') throw new CtiError('CALL_STATE', `cannot hold a call that is ${call.state}`);
    call.caller?.detach?.();
    if (call.caller) call.caller.detach = null;
    call.state = 'held';
    this.#startMoh(call);
    void this.records.update(call.id, { state: 'held' });
    this.#publish('call.held', [call.agentId], { callId: call.id });
  }

  resume(call: LiveCall): void {
    if (call.state !== 'held' || !call.caller || !call.port.media) throw new CtiError('CALL_STATE', `cannot resume a call that is ${call.state}`);
    call.port.media.play(null);
    call.moh = null;
    call.caller.detach = attachSession(call.caller.participant, call.port.media);
    call.state = 'talking';
    void this.records.update(call.id, { state: 'talking' });
    this.#publish('call.resumed', [call.agentId], { callId: call.id });
  }

  mute(call: LiveCall, muted: boolean): void {
    if (!call.mixer || (call.state !== 'talking' && call.state !== 'held')) throw new CtiError('CALL_STATE', `cannot mute a call that is ${call.state}`);
    call.muted = muted;
    call.mixer.setHears('caller', 'agent', !muted);
  }

  sendDtmf(call: LiveCall, digits: string): void {
    const session = call.port.media;
    if (!session || (call.state !== 'talking' && call.state !== 'held')) throw new CtiError('CALL_STATE', `cannot send digits on a call that is ${call.state}`);
    session.sendDtmf(digits);
  }

  /** Blind transfer to a queue: the agent leaves, the caller waits in the target queue. */
  async transferToQueue(call: LiveCall, queueId: string, cause = 'transferred'): Promise<void> {
    if (call.state !== 'talking' && call.state !== 'held') throw new CtiError('CALL_STATE', `cannot transfer a call that is ${call.state}`);
    if (!this.acd.config.queues.some((q) => q.id === queueId)) throw new CtiError('UNKNOWN_TARGET', `no queue ${queueId}`);
    const leg = call.agentLeg;
    call.agentLeg = null;
    this.#safe(() => this.acd.hangup(call.id));
    this.#unbridge(call);
    await leg?.end();
    // The transferred caller goes on as a new interaction; the record keeps the first agent.
    this.#calls.delete(call.id);
    const now = this.ctx.clock.now();
    await this.records.update(call.id, {
      state: 'ended', endedAt: now, hangupCause: cause,
      talkSeconds: call.answeredAt ? Math.round((now.getTime() - call.answeredAt) / 1000) : null,
    });
    const newId = randomUUID();
    Object.assign(call, { id: newId, state: 'queued', queueId, agentId: null, offeredTo: null, answeredAt: null, enqueuedAt: now.getTime(), hangingUp: false, extra: new Map() });
    await this.records.insert({
      id: newId, sipCallId: call.port.callId, direction: 'inbound', callerNumber: call.port.callerNumber, calledNumber: call.port.calledNumber,
      ivrFlow: null, ivrPath: [], queueId, state: 'queued', enqueuedAt: now,
    });
    this.#calls.set(newId, call);
    this.acd.enqueue({ id: newId, queueId, callerNumber: call.port.callerNumber, priority: 50 });
    this.#startMoh(call);
  }

  /** Adds a third party (another extension or number): consult (caller held) or conference. */
  async addParty(call: LiveCall, target: string, mode: 'consult' | 'conference' | SupervisorMode, actorName?: string): Promise<void> {
    if (!call.mixer || (call.state !== 'talking' && call.state !== 'held')) throw new CtiError('CALL_STATE', `cannot add a party to a call that is ${call.state}`);
    const key = mode === 'listen' || mode === 'whisper' || mode === 'barge' ? 'supervisor' : 'third';
    const existing = call.extra.get(key);
    if (existing && key === 'supervisor') {
      applySupervisorMode(call.mixer, { caller: 'caller', agent: 'agent', supervisor: 'supervisor' }, mode as SupervisorMode);
      return;
    }
    if (existing) throw new CtiError('CALL_STATE', 'a third party is already on the call');
    const leg = await this.#dial(target, { callerNumber: call.port.callerNumber, ...(actorName ? { displayName: actorName } : {}) });
    try {
      await leg.answered;
    } catch {
      await leg.end();
      throw new CtiError('TARGET_UNAVAILABLE', `${target} did not answer`);
    }
    if (!call.mixer) {
      await leg.end();
      throw new CtiError('CALL_STATE', 'the call ended meanwhile');
    }
    const p = call.mixer.add(key);
    call.extra.set(key, { leg, participant: p, detach: attachSession(p, leg.media) });
    if (key === 'supervisor') applySupervisorMode(call.mixer, { caller: 'caller', agent: 'agent', supervisor: 'supervisor' }, mode as SupervisorMode);
    else if (mode === 'consult') {
      call.mixer.setHears('caller', key, false);
      call.mixer.setHears(key, 'caller', false);
      this.hold(call);
    }
    leg.session?.on('terminated', () => {
      const x = call.extra.get(key);
      if (x?.leg !== leg) return;
      try {
        x.detach();
      } catch {
        // the leg's media closed with it
      }
      call.mixer?.remove(key);
      call.extra.delete(key);
    });
  }

  /** Consult → three-way: everyone hears everyone. */
  conference(call: LiveCall): void {
    const third = call.extra.get('third');
    if (!third || !call.mixer) throw new CtiError('CALL_STATE', 'no consulted party to join');
    if (call.state === 'held') this.resume(call);
    call.mixer.setHears('caller', 'third', true);
    call.mixer.setHears('third', 'caller', true);
  }

  /** Attended transfer: caller and consulted party stay joined, the agent leaves (to wrap-up). */
  async completeTransfer(call: LiveCall): Promise<void> {
    const third = call.extra.get('third');
    if (!third || !call.mixer) throw new CtiError('CALL_STATE', 'no consulted party to transfer to');
    this.conference(call);
    const leg = call.agentLeg;
    call.agentLeg = null;
    call.agent?.detach();
    call.mixer.remove('agent');
    call.agent = null;
    this.#safe(() => this.acd.hangup(call.id));
    await leg?.end();
    // The call now lives on between caller and the third party; it ends when either hangs up.
    third.leg.session?.on('terminated', () => void this.#finish(call, 'transferred-party-hangup'));
  }

  #safe(fn: () => void): void {
    try {
      fn();
    } catch (e) {
      if (!(e instanceof AcdError)) throw e;
    }
  }
}

function defaultSkills(acd: Acd): Record<string, number> {
  // Without configured skills an agent serves every voice queue at a middle level.
  const skills: Record<string, number> = {};
  for (const q of acd.config.queues) for (const s of q.skills) skills[s.skill] = Math.max(skills[s.skill] ?? 0, 5);
  return skills;
}

/** The far end of an agent's call out, seen as the citizen's side of the call. */
function legAsCaller(leg: Leg, callId: string, number: string, hotline: string): CallerSide {
  const listeners: Array<(cause: string) => void> = [];
  let ended = false;
  leg.session?.on('terminated', (r) => {
    ended = true;
    for (const l of listeners.splice(0)) l(String(r));
  });
  const unsupported = () => Promise.reject(new Error('prompts are not played on calls out'));
  return {
    callId,
    callerNumber: number,
    calledNumber: hotline,
    get media() {
      return leg.media as SipCallPort['media'];
    },
    get ended() {
      return ended;
    },
    onHangup: (l) => (ended ? l('ended') : void listeners.push(l)),
    hangup: async () => {
      ended = true;
      await leg.end();
    },
    play: unsupported,
    collectDigits: unsupported,
    clearDigits: () => '',
  };
}
