// Appeal type (咨询 consultation, 求助 help, 投诉 complaint, 举报 report, 建议 suggestion,
// 表扬 praise, 其他 other) from keyword rules. The explicit verb (我要投诉, 特此举报) weighs most;
// the title counts double because citizens put their intent there. Negated cues (不是投诉) do not
// count.

import { APPEAL_TYPES, type AppealType } from '@hotline/shared';
import { Lexicon, type LexiconEntry } from '../emotion/lexicon.ts';

type Typed = Exclude<AppealType, 'other'>;

const cues = (tag: Typed, weight: number, list: string): LexiconEntry<Typed>[] =>
  list.split(/\s+/).filter(Boolean).map((term) => ({ term, tag, weight }));

const LEXICON = new Lexicon<Typed>([
  ...cues('complaint', 3, '投诉 我要投诉 强烈投诉'),
  ...cues('complaint', 1, `不满 扰民 噪音 乱收费 态度恶劣 态度差 推诿 不作为 拖欠 欺诈 强制 刁难 霸王条款 不退 不给 不处理 没人管 太吵 污染 油烟 恶臭
    违规收费 服务差 拒绝 敷衍 损害 侵害 严重影响`),
  ...cues('report', 3, '举报 实名举报 特此举报'),
  ...cues('report', 1, '违法 违规 偷排 非法 违建 违章搭建 传销 赌博 涉黄 偷税 漏税 无证经营 假冒 虚假宣传 私自 擅自 贪污 受贿 挪用'),
  ...cues('help', 3, '求助 求救 请求帮助 恳请帮助 救救'),
  ...cues('help', 1, '帮忙 帮帮 帮助 救助 困难 被困 走失 急需 无家可归 没钱 生病 维修 报修 坏了 停水 停电 救命'),
  ...cues('consultation', 3, '咨询 请问 想问 问一下 想了解 了解一下'),
  ...cues('consultation', 1, '如何 怎么办理 怎样 需要什么 哪些材料 什么时候 多少钱 是否 能否 可不可以 可以吗 有没有 在哪里 哪里办 流程 条件 政策'),
  ...cues('suggestion', 3, '建议 提议 提个建议 呼吁'),
  ...cues('suggestion', 1, '希望 能不能 可否 应该 增设 增加 加装 改善 完善 优化 规划 尽快'),
  ...cues('praise', 3, '表扬 感谢信 点赞 锦旗 好评 称赞 赞扬'),
  ...cues('praise', 1, '感谢 辛苦了 负责任 热心 耐心 及时解决 非常满意 为民办实事'),
]);

export interface TypeSuggestion {
  value: AppealType;
  /** Share of the winner among all scored types, 0..1 (1 when only one type had cues). */
  confidence: number;
  ranked: { type: AppealType; score: number; evidence: string[] }[];
}

export function suggestAppealType(title: string, content: string): TypeSuggestion {
  const scores = new Map<Typed, { score: number; evidence: string[] }>();
  for (const [text, factor] of [[title, 2], [content.slice(0, 5000), 1]] as const) {
    for (const h of LEXICON.match(text)) {
      if (h.negated) continue;
      const s = scores.get(h.tag) ?? { score: 0, evidence: [] };
      s.score += h.weight * factor;
      if (!s.evidence.includes(h.term)) s.evidence.push(h.term);
      scores.set(h.tag, s);
    }
  }
  // A question mark with no other cue is most likely a question.
  if (scores.size === 0 && /[？?]\s*$/.test(content.trim() || title.trim())) scores.set('consultation', { score: 1, evidence: ['？'] });
  const ranked = APPEAL_TYPES.map((type) => ({ type, score: type === 'other' ? 0 : (scores.get(type)?.score ?? 0), evidence: type === 'other' ? [] : (scores.get(type)?.evidence ?? []) }))
    .filter((r) => r.score > 0)
    .sort((a, b) => b.score - a.score || APPEAL_TYPES.indexOf(a.type) - APPEAL_TYPES.indexOf(b.type));
  const total = ranked.reduce((a, r) => a + r.score, 0);
  if (!ranked.length) return { value: 'other', confidence: 0, ranked: [] };
  return { value: ranked[0]!.type, confidence: Math.round((ranked[0]!.score / total) * 100) / 100, ranked };
}
