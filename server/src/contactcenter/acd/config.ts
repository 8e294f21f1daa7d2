// Configuration of the ACD as data, validated with zod so the server can load it from the database
// (or an admin form) and get a precise error for a bad value instead of a routing surprise later.
import { z } from 'zod';

export const ACD_CHANNELS = ['voice', 'chat', 'wechat', 'sms', 'email'] as const;
export type AcdChannel = (typeof ACD_CHANNELS)[number];
export const TEXT_CHANNELS: readonly AcdChannel[] = ['chat', 'wechat', 'sms', 'email'];

export const ROUTING_STRATEGIES = ['longestIdle', 'fewestCalls', 'ringAll', 'roundRobin', 'skillsWeighted'] as const;
export type RoutingStrategy = (typeof ROUTING_STRATEGIES)[number];

/** Not-ready reasons the ACD itself sets; a configuration may add its own codes beside them. */
export const SYSTEM_NOT_READY_REASONS = ['noAnswer', 'afterLogin', 'supervisor'] as const;

const id = z.string().min(1).max(64);
const level = z.number().int().min(0).max(10);

/** `minLevel: 0` means "not required" (a relaxation step can drop a skill that way). */
export const skillRequirementSchema = z.object({ skill: id, minLevel: level });
export type SkillRequirement = z.output<typeof skillRequirementSchema>;

export const priorityConditionSchema = z.discriminatedUnion('kind', [
  /** A tag the IVR or CTI put on the interaction (e.g. `emergency`, `elderly` after the 适老化 key). */
  z.object({ kind: z.literal('tag'), tag: id }),
  /** The caller's number is in one of the configuration's named number lists (VIP, registered elderly). */
  z.object({ kind: z.literal('numberList'), list: id }),
  /** The same number reached this ACD at least `minPreviousCalls` times in the last `withinSeconds`. */
  z.object({
    kind: z.literal('repeatCaller'),
    withinSeconds: z.number().int().positive().max(7 * 86_400),
    minPreviousCalls: z.number().int().min(1).default(1),
  }),
]);
export type PriorityCondition = z.output<typeof priorityConditionSchema>;

export const priorityRuleSchema = z.object({ name: id, when: priorityConditionSchema, priority: z.number().int().min(0).max(1000) });
export type PriorityRule = z.output<typeof priorityRuleSchema>;

/** After waiting `afterSeconds` in the queue, these requirements replace the queue's own for the named skills. */
export const relaxStepSchema = z.object({ afterSeconds: z.number().positive(), skills: z.array(skillRequirementSchema).min(1) });
export type RelaxStep = z.output<typeof relaxStepSchema>;

export const overflowTargetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('queue'), queueId: id }),
  z.object({ kind: z.literal('voicemail') }),
  /** The citizen hangs up and keeps the place in line; an agent calls back when it comes up. */
  z.object({ kind: z.literal('callback') }),
]);
export type OverflowTarget = z.output<typeof overflowTargetSchema>;

const seconds = z.number().positive().max(86_400);

export const queueConfigSchema = z
  .object({
    id,
    name: z.string().min(1).max(100),
    channels: z.array(z.enum(ACD_CHANNELS)).min(1).default(['voice']),
    skills: z.array(skillRequirementSchema).default([]),
    strategy: z.enum(ROUTING_STRATEGIES).default('longestIdle'),
    /** Added to every interaction's priority, so an agent serving two queues takes this one first. */
    basePriority: z.number().int().min(0).max(1000).default(0),
    priorityRules: z.array(priorityRuleSchema).default([]),
    relax: z.array(relaxStepSchema).default([]),
    maxWaitSeconds: seconds.nullable().default(null),
    overflow: overflowTargetSchema.nullable().default(null),
    /** Position and estimated wait are announced this often (and only when they improved); null: never. */
    announcePeriodSeconds: seconds.nullable().default(30),
    firstAnnounceSeconds: seconds.default(10),
    comfortPeriodSeconds: seconds.nullable().default(45),
    /** Prompt names the media layer knows; played in turn. */
    comfortPrompts: z.array(z.string().min(1)).min(1).default(['acd.comfort']),
    musicOnHold: z.string().min(1).default('default'),
    wrapUpSeconds: z.number().min(0).max(3600).default(30),
    noAnswerTimeoutSeconds: seconds.default(15),
    noAnswerSetsNotReady: z.boolean().default(true),
    /** How many agents `ringAll` rings at once (a whole floor ringing helps nobody). */
    ringAllMax: z.number().int().min(1).max(100).default(5),
    /** The GB/T 33358 figure: answered within 15 s. */
    serviceLevelSeconds: seconds.default(15),
    /** Seeds the average handling time used for estimated waits until real calls have been measured. */
    expectedHandleSeconds: seconds.default(240),
    missedCallback: z
      .object({ enabled: z.boolean().default(true), minWaitSeconds: z.number().min(0).default(5) })
      .prefault({}),
  })
  .superRefine((q, ctx) => {
    if ((q.maxWaitSeconds === null) !== (q.overflow === null)) {
      ctx.addIssue({ code: 'custom', path: ['overflow'], message: 'maxWaitSeconds and overflow go together' });
    }
    if (q.overflow?.kind === 'queue' && q.overflow.queueId === q.id) {
      ctx.addIssue({ code: 'custom', path: ['overflow', 'queueId'], message: 'a queue cannot overflow into itself' });
    }
    if (new Set(q.channels).size !== q.channels.length) ctx.addIssue({ code: 'custom', path: ['channels'], message: 'duplicate channel' });
    if (new Set(q.skills.map((s) => s.skill)).size !== q.skills.length) ctx.addIssue({ code: 'custom', path: ['skills'], message: 'duplicate skill' });
    // Relaxation only ever widens the set of agents: later steps never ask for more than earlier ones.
    // Routing relies on that (an agent eligible at stage k is eligible at every later stage).
    const current = new Map(q.skills.map((s) => [s.skill, s.minLevel]));
    let last = 0;
    q.relax.forEach((step, i) => {
      if (step.afterSeconds <= last) ctx.addIssue({ code: 'custom', path: ['relax', i, 'afterSeconds'], message: 'relax steps must be in increasing time order' });
      last = step.afterSeconds;
      step.skills.forEach((s, j) => {
        const now = current.get(s.skill);
        if (now === undefined) ctx.addIssue({ code: 'custom', path: ['relax', i, 'skills', j, 'skill'], message: `skill ${s.skill} is not required by the queue` });
        else if (s.minLevel > now) ctx.addIssue({ code: 'custom', path: ['relax', i, 'skills', j, 'minLevel'], message: 'a relax step may only lower a level' });
        else current.set(s.skill, s.minLevel);
      });
    });
  });
export type QueueConfig = z.output<typeof queueConfigSchema>;
export type QueueConfigInput = z.input<typeof queueConfigSchema>;

export const notReadyReasonSchema = z.object({ code: id, label: z.string().min(1).max(50) });

export const DEFAULT_NOT_READY_REASONS = [
  { code: 'break', label: '小休' },
  { code: 'meal', label: '用餐' },
  { code: 'training', label: '培训' },
  { code: 'meeting', label: '会议' },
  { code: 'other', label: '其他' },
  // Set by the CTI while the agent makes a call out (外呼).
  { code: 'outbound', label: '外呼' },
];

const capacity = z.number().int().min(0).max(50);

export const capacitySchema = z.object({
  voice: capacity.default(1),
  chat: capacity.optional(),
  wechat: capacity.optional(),
  sms: capacity.optional(),
  email: capacity.optional(),
  /** Shared by all text channels together; a text channel without its own figure may use all of it. */
  text: capacity.default(3),
});
export type CapacityInput = z.input<typeof capacitySchema>;

export const acdConfigSchema = z
  .object({
    queues: z.array(queueConfigSchema).min(1),
    numberLists: z.record(id, z.array(z.string().min(1))).default({}),
    notReadyReasons: z.array(notReadyReasonSchema).default(DEFAULT_NOT_READY_REASONS),
    defaultCapacity: capacitySchema.prefault({}),
    /**
     * A voice call takes the whole agent: while one is offered, connected or in wrap-up the agent gets
     * no chat, and an agent holding chats gets no call until they are done. Off, an agent may hold a
     * call and chats at once (each channel still within its own capacity).
     */
    voiceExcludesText: z.boolean().default(true),
  })
  .superRefine((c, ctx) => {
    const ids = new Set<string>();
    c.queues.forEach((q, i) => {
      if (ids.has(q.id)) ctx.addIssue({ code: 'custom', path: ['queues', i, 'id'], message: `duplicate queue ${q.id}` });
      ids.add(q.id);
    });
    c.queues.forEach((q, i) => {
      if (q.overflow?.kind === 'queue' && !ids.has(q.overflow.queueId)) {
        ctx.addIssue({ code: 'custom', path: ['queues', i, 'overflow', 'queueId'], message: `unknown queue ${q.overflow.queueId}` });
      }
      if (q.overflow?.kind === 'queue') {
        const target = c.queues.find((t) => t.id === (q.overflow as { queueId: string }).queueId);
        if (target && !q.channels.every((ch) => target.channels.includes(ch))) {
          ctx.addIssue({ code: 'custom', path: ['queues', i, 'overflow', 'queueId'], message: 'the overflow queue must take every channel of this queue' });
        }
      }
      q.priorityRules.forEach((r, j) => {
        if (r.when.kind === 'numberList' && !(r.when.list in c.numberLists)) {
          ctx.addIssue({ code: 'custom', path: ['queues', i, 'priorityRules', j, 'when', 'list'], message: `unknown number list ${r.when.list}` });
        }
      });
    });
    // Overflow chains must end: a cycle would bounce a citizen between queues forever.
    for (const q of c.queues) {
      const seen = new Set<string>([q.id]);
      let next = q.overflow?.kind === 'queue' ? q.overflow.queueId : null;
      while (next !== null) {
        if (seen.has(next)) {
          ctx.addIssue({ code: 'custom', path: ['queues'], message: `overflow cycle through ${q.id}` });
          break;
        }
        seen.add(next);
        const t = c.queues.find((x) => x.id === next);
        next = t?.overflow?.kind === 'queue' ? t.overflow.queueId : null;
      }
    }
    const reasons = new Set<string>(SYSTEM_NOT_READY_REASONS);
    c.notReadyReasons.forEach((r, i) => {
      if (reasons.has(r.code)) ctx.addIssue({ code: 'custom', path: ['notReadyReasons', i, 'code'], message: `duplicate or reserved reason ${r.code}` });
      reasons.add(r.code);
    });
  });
export type AcdConfig = z.output<typeof acdConfigSchema>;
export type AcdConfigInput = z.input<typeof acdConfigSchema>;

/** Parses and checks a configuration; throws zod's error (with paths) when it is wrong. */
export function parseAcdConfig(input: AcdConfigInput): AcdConfig {
  return acdConfigSchema.parse(input);
}
