// Quality inspection of what the hotline says to citizens: a department's written reply, an
// agent's on-the-spot answer, or the agent's side of a chat or call transcript. Each rule gives
// points out of its maximum; the score is their sum out of 100.

export type RuleId = 'greeting' | 'closing' | 'forbiddenWords' | 'addressesAppeal' | 'length' | 'politeness';

export interface RuleResult {
  rule: RuleId;
  passed: boolean;
  points: number;
  max: number;
  /** What the rule found (the greeting, the forbidden words, the share of key terms answered…). */
  detail: Record<string, unknown>;
}

export interface Inspection {
  score: number;
  rules: RuleResult[];
  failed: RuleId[];
}

/** Share of the appeal's key terms taken up by a reply that earns the rule's full points. */
const FULL_COVERAGE = 1 / 6;
const MAX: Record<RuleId, number> = { greeting: 15, closing: 15, forbiddenWords: 20, addressesAppeal: 30, length: 10, politeness: 10 };

const GREETING = /(您好|你好|尊敬的|网友|市民朋友|来电人|欢迎致电|很高兴为您服务)/;
const CLOSING = /(感谢|谢谢|祝您|祝你|如有疑问|如有问题|欢迎再次|欢迎监督|理解与支持|理解和支持|再见|还有其他.{0,4}吗)/;
const POLITE = /(您|请|感谢|谢谢|抱歉|歉意|敬请|烦请|劳驾|不好意思|理解)/g;
// Phrases an agent or a department must never say to a citizen (written for this project).
export const FORBIDDEN_WORDS = [
  '不归我们管', '不关我们的事', '不是我们管', '关我什么事', '我不知道', '你自己去', '自己去找', '爱找谁找谁', '你去投诉吧', '随便你', '随你便',
  '有本事', '听不懂吗', '我说过了', '说了多少遍', '别烦', '烦不烦', '烦死了', '没空', '你有病', '神经病', '找领导去', '我也没办法', '谁让你',
  '活该', '不可能的事', '少废话', '闭嘴', '滚开', '滚蛋',
];
const FORBIDDEN = new RegExp(FORBIDDEN_WORDS.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');

// Words carrying no subject matter; what is left of an appeal is what a reply should speak to.
const STOP_WORDS = new Set(
  `您好 你好 谢谢 感谢 请问 希望 我们 你们 他们 这个 那个 一个 没有 什么 怎么 已经 现在 问题 反映 投诉 举报 咨询 建议 关于 请求 要求 相关 部门 领导
   有关 是否 可以 能否 进行 处理 解决 情况 目前 因为 所以 但是 而且 还是 就是 这样 那样 如何 为什么 时候 一直 非常 严重 影响 尽快 及时 市民 群众
   居民 本人 一下 一些 这些 那些 不是 不能 不会 还有 以及 并且 如果 虽然 其中 之后 以后 以前 这里 那里 哪里 自己 大家 工作 方面 政府 网友 留言
   收悉 回复 如下 现将 特此 支持 理解 监督 调查 核实 经查 工作人员 我们的 给予 已经 需要 可能 应该 能够 知道 认为 觉得 感觉 希望 谢谢您 此外 我想 想问 我要 麻烦 请您 您的`.split(/\s+/),
);
const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

/** The appeal's key terms: words of two or more Han characters that carry subject matter. */
export function keyTerms(text: string, max = 30): string[] {
  const out = new Set<string>();
  for (const s of segmenter.segment(text.slice(0, 3000))) {
    const w = s.segment;
    if (!s.isWordLike || w.length < 2 || !/^\p{Script=Han}+$/u.test(w) || STOP_WORDS.has(w)) continue;
    out.add(w);
    if (out.size >= max) break;
  }
  return [...out];
}

/** Share of the appeal's key terms the reply takes up (a term counts when its first two characters appear). */
export function appealCoverage(appeal: string, reply: string): { coverage: number; terms: number; matched: string[]; missed: string[] } {
  const terms = keyTerms(appeal);
  const matched = terms.filter((t) => reply.includes(t) || (t.length > 2 && reply.includes(t.slice(0, 2))));
  return { coverage: terms.length ? matched.length / terms.length : 0, terms: terms.length, matched, missed: terms.filter((t) => !matched.includes(t)) };
}

export interface LengthBounds {
  min: number;
  good: number;
  max: number;
}

export const REPLY_LENGTH: LengthBounds = { min: 20, good: 60, max: 3000 };

function rule(rule: RuleId, points: number, detail: Record<string, unknown>): RuleResult {
  const max = MAX[rule];
  const p = Math.max(0, Math.min(max, Math.round(points * 10) / 10));
  return { rule, passed: p >= max * 0.6, points: p, max, detail };
}

function finish(rules: RuleResult[]): Inspection {
  return { score: Math.round(rules.reduce((n, r) => n + r.points, 0)), rules, failed: rules.filter((r) => !r.passed).map((r) => r.rule) };
}

function sharedRules(appeal: string, spoken: string, opening: string, ending: string, bounds: LengthBounds): RuleResult[] {
  const greeting = GREETING.exec(opening)?.[0];
  const closing = CLOSING.exec(ending)?.[0];
  const forbidden = [...new Set(spoken.match(FORBIDDEN) ?? [])];
  const cov = appealCoverage(appeal, spoken);
  const len = [...spoken.replace(/\s+/g, '')].length;
  const polite = (spoken.match(POLITE) ?? []).length;
  return [
    rule('greeting', greeting ? MAX.greeting : 0, { found: greeting ?? null }),
    rule('closing', closing ? MAX.closing : 0, { found: closing ?? null }),
    rule('forbiddenWords', MAX.forbiddenWords - 10 * forbidden.length, { found: forbidden }),
    // Full points at FULL_COVERAGE, a pass from 60 % of it (a coverage of 0.1): on the message-board
    // data set 77 % of official replies pass against their own appeal and 11 % against another's.
    // An appeal without key terms cannot be judged and counts as answered.
    rule('addressesAppeal', cov.terms ? MAX.addressesAppeal * Math.min(1, cov.coverage / FULL_COVERAGE) : MAX.addressesAppeal, {
      coverage: Math.round(cov.coverage * 100) / 100, matched: cov.matched.slice(0, 10), missed: cov.missed.slice(0, 10),
    }),
    rule('length', len < bounds.min || len > bounds.max ? 0 : len < bounds.good ? MAX.length / 2 : MAX.length, { characters: len, ...bounds }),
    rule('politeness', polite >= 2 ? MAX.politeness : polite === 1 ? MAX.politeness / 2 : 0, { markers: polite }),
  ];
}

/** A written reply (department reply, on-the-spot answer) to an appeal. */
export function inspectReply(appeal: string, reply: string, bounds: LengthBounds = REPLY_LENGTH): Inspection {
  const text = reply.trim();
  return finish(sharedRules(appeal, text, text.slice(0, 40), text.slice(-80), bounds));
}

export interface Turn {
  speaker: 'agent' | 'citizen';
  text: string;
}

/** The agent's side of a chat or call transcript; the appeal is what the citizen said. */
export function inspectTranscript(turns: readonly Turn[], bounds: LengthBounds = { min: 20, good: 40, max: 20_000 }): Inspection {
  const agent = turns.filter((t) => t.speaker === 'agent').map((t) => t.text.trim());
  const citizen = turns.filter((t) => t.speaker === 'citizen').map((t) => t.text).join('\n');
  return finish(sharedRules(citizen, agent.join('\n'), agent[0] ?? '', agent[agent.length - 1] ?? '', bounds));
}
