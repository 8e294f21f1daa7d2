// One queue at run time: its relax stages, its lanes, who is in line, its counters, and the
// estimates (position, expected wait) it announces.
import type { AcdChannel, QueueConfig, SkillRequirement } from './config.ts';
import type { AgentRecord } from './agent.ts';
import type { Interaction } from './interaction.ts';
import type { Lane } from './lane.ts';
import { RelaxSchedule } from './relax.ts';

export interface QueueCounters {
  answered: number;
  answeredWithinServiceLevel: number;
  abandoned: number;
  overflowed: number;
  callbacksCompleted: number;
}

export const zeroCounters = (): QueueCounters => ({ answered: 0, answeredWithinServiceLevel: 0, abandoned: 0, overflowed: 0, callbacksCompleted: 0 });

/** Positions may be this old under load; rebuilding the ranking on every change would cost O(n log n) per announcement. */
const RANK_MAX_AGE_MS = 1000;
/** Estimated waits are said in steps of half a minute, so a second less is not "an improvement" to announce. */
export const EWT_STEP_SECONDS = 30;

export function meets(skills: ReadonlyMap<string, number>, reqs: readonly SkillRequirement[]): boolean {
  for (const r of reqs) if (r.minLevel > 0 && (skills.get(r.skill) ?? 0) < r.minLevel) return false;
  return true;
}

export class QueueRuntime {
  readonly id: string;
  /** Requirements per stage: stage 0 is the queue's own, stage k applies the first k relax steps. */
  readonly stages: SkillRequirement[][];
  /** Milliseconds in the queue after which each stage applies (stages[0] at 0). */
  readonly stageStartMs: number[];
  /** Lanes by channel, then by stage. */
  readonly lanes = new Map<AcdChannel, Lane[]>();
  /** Citizens in line (waiting or being offered), in the order they joined this queue. */
  readonly live = new Map<string, Interaction>();
  /** Callback requests keeping their place in line. */
  readonly callbacks = new Map<string, Interaction>();
  /** Agents eligible at some stage, logged in or not. */
  readonly members = new Set<AgentRecord>();
  loggedIn = 0;
  counters = zeroCounters();
  /** Average handling time (answer to end of wrap-up), an exponential moving average. */
  ahtSeconds: number;
  readonly relax: RelaxSchedule;
  #version = 0;
  #rank: Float64Array | null = null;
  #rankBase = 0;
  #rankVersion = -1;
  #rankBuiltAt = 0;

  constructor(readonly config: QueueConfig) {
    this.id = config.id;
    this.ahtSeconds = config.expectedHandleSeconds;
    const stage0 = config.skills.map((s) => ({ ...s }));
    this.stages = [stage0];
    this.stageStartMs = [0];
    for (const step of config.relax) {
      const prev = this.stages[this.stages.length - 1]!;
      this.stages.push(prev.map((r) => step.skills.find((s) => s.skill === r.skill) ?? r));
      this.stageStartMs.push(step.afterSeconds * 1000);
    }
    this.relax = new RelaxSchedule(this.stageStartMs);
  }

  /** The first stage whose requirements these skills meet, or undefined. */
  stageFor(skills: ReadonlyMap<string, number>): number | undefined {
    for (let k = 0; k < this.stages.length; k++) if (meets(skills, this.stages[k]!)) return k;
    return undefined;
  }

  /** The skills-weighted routing key: the agent's levels summed over the queue's skills. */
  scoreOf(skills: ReadonlyMap<string, number>): number {
    let s = 0;
    for (const r of this.config.skills) s += skills.get(r.skill) ?? 0;
    return s;
  }

  /** Call whenever someone joins or leaves the line. */
  changed(): void {
    this.#version++;
  }

  /**
   * Place in line as one number, smaller first: priority (at most 2,000: base + rule, each ≤ 1,000),
   * then milliseconds after the oldest in line (32 bits: 49 days), then the order of arrivals within
   * one millisecond (10 bits) — 53 bits, exact in a double, so the ranking sorts a Float64Array
   * without a comparator (a 10,000-call line in well under a millisecond).
   */
  #rankKey(ix: Interaction, base: number): number {
    const ms = Math.min(2 ** 32 - 1, Math.max(0, ix.sortKey - base));
    return (2047 - ix.priority) * 2 ** 42 + ms * 1024 + ix.tie;
  }

  /** 1-based place in line among everyone in this queue (at most a second stale under load). */
  positionOf(ix: Interaction, now: number): number {
    if (this.#rank === null || (this.#rankVersion !== this.#version && now - this.#rankBuiltAt >= RANK_MAX_AGE_MS)) {
      let base = now;
      for (const x of this.live.values()) base = Math.min(base, x.sortKey);
      for (const x of this.callbacks.values()) base = Math.min(base, x.sortKey);
      const keys = new Float64Array(this.live.size + this.callbacks.size);
      let i = 0;
      for (const x of this.live.values()) keys[i++] = this.#rankKey(x, base);
      for (const x of this.callbacks.values()) keys[i++] = this.#rankKey(x, base);
      this.#rank = keys.sort();
      this.#rankBase = base;
      this.#rankVersion = this.#version;
      this.#rankBuiltAt = now;
    }
    const key = this.#rankKey(ix, this.#rankBase);
    const rank = this.#rank;
    let lo = 0;
    let hi = rank.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (rank[mid]! < key) lo = mid + 1;
      else hi = mid;
    }
    return lo + 1;
  }

  /** Expected wait for someone at `position`, in EWT_STEP_SECONDS steps; null when nobody serves the queue. */
  ewtSeconds(position: number): number | null {
    if (this.loggedIn === 0) return null;
    const raw = (position * this.ahtSeconds) / this.loggedIn;
    return Math.ceil(raw / EWT_STEP_SECONDS) * EWT_STEP_SECONDS;
  }

  recordHandleTime(seconds: number): void {
    this.ahtSeconds += 0.1 * (seconds - this.ahtSeconds);
  }
}

/** Does `a` come before `b` in line? */
export function ahead(a: Interaction, b: Interaction): boolean {
  if (a.priority !== b.priority) return a.priority > b.priority;
  if (a.sortKey !== b.sortKey) return a.sortKey < b.sortKey;
  return a.seq < b.seq;
}
