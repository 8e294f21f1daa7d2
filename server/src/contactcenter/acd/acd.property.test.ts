// Property tests: random sequences of arrivals, answers, hang-ups, no-answers, agent state and skill
// changes, pulls, callbacks and the passing of time, checked after every step against invariants
// computed here from the configuration and the ACD's public snapshots (not from its internals).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAcdConfig, type AcdChannel, type AcdConfigInput } from './config.ts';
import { AcdError } from './errors.ts';
import { kit, type Kit } from './testKit.ts';
import type { AgentSnapshot, InteractionSnapshot } from './types.ts';

const quiet = { comfortPeriodSeconds: 15, announcePeriodSeconds: 10, firstAnnounceSeconds: 5, wrapUpSeconds: 5, noAnswerTimeoutSeconds: 10 };
const CONFIG: AcdConfigInput = {
  numberLists: { vip: ['n1'] },
  queues: [
    {
      id: 'g',
      name: 'general',
      skills: [{ skill: 'general', minLevel: 2 }],
      strategy: 'skillsWeighted',
      relax: [{ afterSeconds: 20, skills: [{ skill: 'general', minLevel: 1 }] }],
      priorityRules: [
        { name: 'e', when: { kind: 'tag', tag: 'emergency' }, priority: 50 },
        { name: 'o', when: { kind: 'tag', tag: 'elderly' }, priority: 20 },
        { name: 'v', when: { kind: 'numberList', list: 'vip' }, priority: 10 },
        { name: 'r', when: { kind: 'repeatCaller', withinSeconds: 60, minPreviousCalls: 1 }, priority: 5 },
      ],
      maxWaitSeconds: 60,
      overflow: { kind: 'callback' },
      ...quiet,
    },
    { id: 'r', name: 'ring', skills: [{ skill: 'safety', minLevel: 1 }], strategy: 'ringAll', ringAllMax: 2, basePriority: 10, maxWaitSeconds: 30, overflow: { kind: 'queue', queueId: 'g' }, ...quiet },
    { id: 'e', name: 'english', skills: [{ skill: 'english', minLevel: 2 }], strategy: 'roundRobin', relax: [{ afterSeconds: 15, skills: [{ skill: 'english', minLevel: 1 }] }], ...quiet },
    { id: 'f', name: 'fewest', skills: [{ skill: 'general', minLevel: 3 }], strategy: 'fewestCalls', maxWaitSeconds: 40, overflow: { kind: 'voicemail' }, ...quiet },
    { id: 't', name: 'text', channels: ['chat', 'wechat'], skills: [{ skill: 'general', minLevel: 1 }], maxWaitSeconds: 90, overflow: { kind: 'voicemail' }, ...quiet, wrapUpSeconds: 0 },
  ],
};
const parsed = parseAcdConfig(CONFIG);
const queueCfg = new Map(parsed.queues.map((q) => [q.id, q]));
const AGENTS = ['a0', 'a1', 'a2', 'a3', 'a4', 'a5'];
const CAPACITY: Record<string, { voice: number; text: number }> = { a4: { voice: 0, text: 3 }, a5: { voice: 1, text: 2 } };
const capOf = (id: string) => CAPACITY[id] ?? { voice: 1, text: 3 };
const SKILLS = ['general', 'safety', 'english'];

type Cmd =
  | { c: 'enqueue'; q: number; ch: number; tags: string[]; caller: number }
  | { c: 'answer' | 'noAnswer'; i: number }
  | { c: 'hangup' | 'callback'; i: number }
  | { c: 'wrapUpDone' | 'login' | 'logout'; a: number }
  | { c: 'ready'; a: number }
  | { c: 'notReady'; a: number; reason: number }
  | { c: 'skills'; a: number; levels: number[] }
  | { c: 'pull'; i: number; a: number }
  | { c: 'advance'; ms: number };

const idx = fc.nat({ max: 50 });
const agentIdx = fc.nat({ max: AGENTS.length - 1 });
const cmdArb: fc.Arbitrary<Cmd> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ c: fc.constant('enqueue' as const), q: fc.nat({ max: 4 }), ch: fc.nat({ max: 1 }), tags: fc.subarray(['emergency', 'elderly']), caller: fc.nat({ max: 4 }) }) },
  { weight: 5, arbitrary: fc.record({ c: fc.constant('answer' as const), i: idx }) },
  { weight: 2, arbitrary: fc.record({ c: fc.constant('noAnswer' as const), i: idx }) },
  { weight: 4, arbitrary: fc.record({ c: fc.constant('hangup' as const), i: idx }) },
  { weight: 1, arbitrary: fc.record({ c: fc.constant('callback' as const), i: idx }) },
  { weight: 2, arbitrary: fc.record({ c: fc.constant('wrapUpDone' as const), a: agentIdx }) },
  { weight: 2, arbitrary: fc.record({ c: fc.constant('login' as const), a: agentIdx }) },
  { weight: 1, arbitrary: fc.record({ c: fc.constant('logout' as const), a: agentIdx }) },
  { weight: 3, arbitrary: fc.record({ c: fc.constant('ready' as const), a: agentIdx }) },
  { weight: 1, arbitrary: fc.record({ c: fc.constant('notReady' as const), a: agentIdx, reason: fc.nat({ max: 3 }) }) },
  { weight: 1, arbitrary: fc.record({ c: fc.constant('skills' as const), a: agentIdx, levels: fc.array(fc.nat({ max: 4 }), { minLength: 3, maxLength: 3 }) }) },
  { weight: 1, arbitrary: fc.record({ c: fc.constant('pull' as const), i: idx, a: agentIdx }) },
  { weight: 3, arbitrary: fc.record({ c: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 25_000 }) }) },
);
const REASONS = ['break', 'meal', 'training', 'meeting'];

/** What the ACD must satisfy, checked from outside. */
class Checker {
  readonly enqueued = new Set<string>();
  readonly ended = new Map<string, string>();
  readonly answered = new Set<string>();
  /** Live offers as the events told them: interaction → agents, agent → interaction. */
  readonly offersByIx = new Map<string, Set<string>>();
  readonly offerByAgent = new Map<string, string>();
  readonly announced = new Map<string, { position: number; ewt: number | null }>();
  skills = new Map<string, Record<string, number>>();
  step = 0;
  batch = new Map<string, number>();
  failures: string[] = [];

  constructor(readonly k: Kit) {
    k.acd.on('offer', (o) => {
      if (this.offerByAgent.has(o.agentId)) this.fail(`agent ${o.agentId} offered ${o.interactionId} while holding ${this.offerByAgent.get(o.agentId)}`);
      const holders = this.offersByIx.get(o.interactionId) ?? new Set();
      // Several offers of one interaction only as one ring-all group, made in one step.
      if (holders.size > 0 && (o.queueId !== 'r' || this.batch.get(o.interactionId) !== this.step)) this.fail(`${o.interactionId} offered to ${o.agentId} while ringing ${[...holders]}`);
      holders.add(o.agentId);
      this.offersByIx.set(o.interactionId, holders);
      this.offerByAgent.set(o.agentId, o.interactionId);
      this.batch.set(o.interactionId, this.step);
      if (!o.pulled) this.checkPriority(o.interactionId, o.agentId);
    });
    const drop = (ix: string, agent: string) => {
      this.offersByIx.get(ix)?.delete(agent);
      if (this.offerByAgent.get(agent) === ix) this.offerByAgent.delete(agent);
    };
    k.acd.on('offerRevoked', (e) => drop(e.interactionId, e.agentId));
    k.acd.on('offerTimeout', (e) => drop(e.interactionId, e.agentId));
    k.acd.on('ended', (e) => {
      if (!this.enqueued.has(e.interactionId)) this.fail(`${e.interactionId} ended without being enqueued`);
      if (this.ended.has(e.interactionId)) this.fail(`${e.interactionId} ended twice`);
      if ((e.outcome === 'answered') !== this.answered.has(e.interactionId)) this.fail(`${e.interactionId} ended ${e.outcome}`);
      this.ended.set(e.interactionId, e.outcome);
      for (const a of this.offersByIx.get(e.interactionId) ?? []) drop(e.interactionId, a);
    });
    k.acd.on('overflow', (e) => this.announced.delete(e.interactionId));
    k.acd.on('announce', (e) => {
      const last = this.announced.get(e.interactionId);
      if (last) {
        const better = e.position < last.position || (e.ewtSeconds !== null && (last.ewt === null || e.ewtSeconds < last.ewt));
        if (!better) this.fail(`${e.interactionId} announced without improvement`);
        if (e.ewtSeconds !== null && last.ewt !== null && e.ewtSeconds > last.ewt) this.fail(`${e.interactionId} announced a longer wait`);
      }
      this.announced.set(e.interactionId, { position: Math.min(e.position, last?.position ?? e.position), ewt: e.ewtSeconds ?? last?.ewt ?? null });
    });
  }

  fail(msg: string): void {
    this.failures.push(`step ${this.step}: ${msg}`);
  }

  /** Stage an interaction should be at after waiting in its queue until now. */
  stageOf(ix: InteractionSnapshot): number {
    const waited = this.k.clock.now() - ix.queuedAt;
    return queueCfg.get(ix.queueId)!.relax.filter((r) => r.afterSeconds * 1000 <= waited).length;
  }

  eligible(agentId: string, ix: InteractionSnapshot): boolean {
    const q = queueCfg.get(ix.queueId)!;
    const reqs = new Map(q.skills.map((s) => [s.skill, s.minLevel]));
    for (const step of q.relax.slice(0, this.stageOf(ix))) for (const s of step.skills) reqs.set(s.skill, s.minLevel);
    const skills = this.skills.get(agentId) ?? {};
    for (const [skill, min] of reqs) if (min > 0 && (skills[skill] ?? 0) < min) return false;
    return true;
  }

  /** Room for a channel given what the agent holds (connected and wrap-up), ignoring offers. */
  room(a: AgentSnapshot, channel: AcdChannel): boolean {
    const held = a.interactions.filter((i) => i.phase !== 'offered');
    const voice = held.filter((i) => i.channel === 'voice').length;
    const text = held.length - voice;
    const cap = capOf(a.agentId);
    return channel === 'voice' ? voice < cap.voice && text === 0 : text < cap.text && voice === 0;
  }

  checkPriority(ixId: string, agentId: string): void {
    const all = this.k.acd.interactions();
    const x = all.find((i) => i.id === ixId);
    if (!x || x.status !== 'offered') return; // already moved on by a later command in the same flush
    const a = this.k.acd.agentSnapshot(agentId);
    for (const y of all) {
      if (y.status !== 'waiting' || !this.eligible(agentId, y) || !this.room(a, y.channel)) continue;
      const ahead = y.priority > x.priority || (y.priority === x.priority && y.sortKey < x.sortKey);
      if (ahead) this.fail(`${ixId} (p${x.priority}) offered to ${agentId} before ${y.id} (p${y.priority})`);
    }
  }

  /** Invariants of the state after a step. */
  checkState(): void {
    const { acd } = this.k;
    for (const e of acd.checkConsistency()) this.fail(e);
    const ixs = acd.interactions();
    const agents = acd.wallboard().agents;
    const live = new Set(ixs.map((i) => i.id));
    // Conservation: every interaction is still here or ended exactly once, never both.
    for (const id of this.enqueued) if (live.has(id) === this.ended.has(id)) this.fail(`${id}: live ${live.has(id)}, ended ${this.ended.get(id)}`);
    const connectedTo = new Map<string, number>();
    for (const a of agents) {
      const offered = a.interactions.filter((i) => i.phase === 'offered');
      if (offered.length > 1) this.fail(`agent ${a.agentId} holds ${offered.length} offers`);
      const held = a.interactions.filter((i) => i.phase !== 'offered');
      const voice = held.filter((i) => i.channel === 'voice').length;
      const text = held.length - voice;
      const cap = capOf(a.agentId);
      if (voice > cap.voice || text > cap.text || (voice > 0 && text > 0)) this.fail(`agent ${a.agentId} over capacity: ${voice} voice, ${text} text`);
      for (const i of a.interactions) if (i.phase === 'connected') connectedTo.set(i.interactionId, (connectedTo.get(i.interactionId) ?? 0) + 1);
      if (a.state === 'loggedOut' && a.interactions.length > 0) this.fail(`agent ${a.agentId} logged out holding work`);
    }
    for (const [id, n] of connectedTo) if (n > 1) this.fail(`${id} connected to ${n} agents`);
    for (const ix of ixs) {
      if (ix.stage !== this.stageOf(ix) && ix.status === 'waiting') this.fail(`${ix.id} at stage ${ix.stage}, expected ${this.stageOf(ix)}`);
      if (ix.status === 'offered' && ix.offeredTo.length > (ix.queueId === 'r' ? 2 : 1)) this.fail(`${ix.id} offered to ${ix.offeredTo}`);
      if (ix.status === 'connected' && connectedTo.get(ix.id) !== 1) this.fail(`${ix.id} connected but not to one agent`);
    }
    // Completeness: no waiting interaction while an eligible agent with room sits ready.
    for (const a of agents) {
      if (a.presence !== 'ready' || a.interactions.some((i) => i.phase === 'offered')) continue;
      for (const ix of ixs) {
        if (ix.status === 'waiting' && this.eligible(a.agentId, ix) && this.room(a, ix.channel)) this.fail(`${ix.id} waits while ${a.agentId} is free for it`);
      }
    }
  }
}

/** `team[i]`: agent i starts logged in and ready with these levels of general, safety, english (null: logged out). */
function run(team: (number[] | null)[], cmds: Cmd[]): string[] {
  const k = kit(CONFIG, { statsIntervalMs: 1000 });
  const chk = new Checker(k);
  let n = 0;
  team.forEach((levels, i) => {
    if (levels === null) return;
    const id = AGENTS[i]!;
    const skills = Object.fromEntries(SKILLS.map((s, j) => [s, levels[j]!]));
    chk.skills.set(id, skills);
    k.acd.login({ id, skills, capacity: capOf(id) }, 'ready');
  });
  for (const cmd of cmds) {
    chk.step++;
    const ixs = k.acd.interactions();
    const pick = (i: number, f: (x: InteractionSnapshot) => boolean = () => true) => {
      const xs = ixs.filter(f);
      return xs.length ? xs[i % xs.length]! : null;
    };
    const before = JSON.stringify([k.acd.interactions(), k.acd.wallboard()]);
    try {
      switch (cmd.c) {
        case 'enqueue': {
          const q = parsed.queues[cmd.q]!;
          const id = `i${n++}`;
          chk.enqueued.add(id);
          try {
            k.acd.enqueue({ id, queueId: q.id, channel: q.channels[cmd.ch % q.channels.length], tags: cmd.tags, callerNumber: cmd.caller === 0 ? null : `n${cmd.caller}` });
          } catch (e) {
            chk.enqueued.delete(id);
            throw e;
          }
          break;
        }
        case 'answer':
        case 'noAnswer': {
          const ix = pick(cmd.i, (x) => x.status === 'offered');
          if (!ix) break;
          const agent = ix.offeredTo[cmd.i % ix.offeredTo.length]!;
          if (cmd.c === 'answer') {
            chk.answered.add(ix.id);
            for (const a of chk.offersByIx.get(ix.id) ?? []) chk.offerByAgent.delete(a);
            chk.offersByIx.delete(ix.id);
            k.acd.answered(ix.id, agent);
          } else {
            chk.offersByIx.get(ix.id)?.delete(agent);
            chk.offerByAgent.delete(agent);
            k.acd.noAnswer(ix.id, agent);
          }
          break;
        }
        case 'hangup': {
          const ix = pick(cmd.i);
          if (ix) k.acd.hangup(ix.id);
          break;
        }
        case 'callback': {
          const ix = pick(cmd.i);
          if (ix) k.acd.requestCallback(ix.id);
          break;
        }
        case 'pull': {
          const ix = pick(cmd.i);
          if (ix) k.acd.pull(ix.id, AGENTS[cmd.a]!);
          break;
        }
        case 'wrapUpDone':
          k.acd.wrapUpDone(AGENTS[cmd.a]!);
          break;
        case 'login': {
          const id = AGENTS[cmd.a]!;
          const skills = chk.skills.get(id) ?? { general: 1 + (cmd.a % 3), safety: cmd.a % 2, english: cmd.a % 3 };
          k.acd.login({ id, skills, capacity: capOf(id) }, cmd.a % 2 ? 'ready' : 'notReady');
          chk.skills.set(id, skills);
          break;
        }
        case 'logout':
          k.acd.logout(AGENTS[cmd.a]!);
          break;
        case 'ready':
          k.acd.setAgentState(AGENTS[cmd.a]!, 'ready');
          break;
        case 'notReady':
          k.acd.setAgentState(AGENTS[cmd.a]!, 'notReady', REASONS[cmd.reason]);
          break;
        case 'skills': {
          const skills = Object.fromEntries(SKILLS.map((s, i) => [s, cmd.levels[i]!]));
          k.acd.setSkills(AGENTS[cmd.a]!, skills);
          chk.skills.set(AGENTS[cmd.a]!, skills);
          break;
        }
        case 'advance':
          k.clock.advance(cmd.ms);
          break;
      }
    } catch (e) {
      if (!(e instanceof AcdError)) throw e;
      // A refused command changes nothing.
      if (JSON.stringify([k.acd.interactions(), k.acd.wallboard()]) !== before) chk.fail(`refused ${cmd.c} (${e.code}) changed the state`);
    }
    chk.checkState();
    if (chk.failures.length) return [`after ${JSON.stringify(cmd)}`, ...chk.failures];
  }
  return chk.failures;
}

const teamArb = fc.array(fc.option(fc.array(fc.nat({ max: 4 }), { minLength: 3, maxLength: 3 }), { freq: 3 }), { minLength: AGENTS.length, maxLength: AGENTS.length });

describe('ACD invariants under random command sequences', () => {
  it('no double offer, capacity kept, priorities respected, nothing missed, every interaction accounted for', () => {
    fc.assert(
      fc.property(teamArb, fc.array(cmdArb, { minLength: 1, maxLength: 80 }), (team, cmds) => {
        expect(run(team, cmds)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('a long busy day keeps the invariants too', () => {
    fc.assert(
      fc.property(teamArb, fc.array(cmdArb, { minLength: 300, maxLength: 600 }), (team, cmds) => {
        expect(run(team, cmds)).toEqual([]);
      }),
      { numRuns: 15 },
    );
  });
});
