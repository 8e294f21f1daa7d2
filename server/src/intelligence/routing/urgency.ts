// Urgency from emergency signals: gas leaks, fire, collapse, violence, self-harm, people trapped
// go to `emergency`; outages and hazards that can wait hours go to `urgent`. A negated signal
// (没有着火) does not count; a hypothetical one (担心会着火, 燃气管老化有隐患) is a hazard: urgent.

import type { Urgency } from '@hotline/shared';
import { Lexicon, type LexiconEntry } from '../emotion/lexicon.ts';

export type EmergencyKind = 'gas' | 'fire' | 'collapse' | 'violence' | 'selfHarm' | 'trapped' | 'electric' | 'flood' | 'poisoning' | 'missingPerson' | 'outage' | 'hazard';

const E = (kind: EmergencyKind, list: string): LexiconEntry<EmergencyKind>[] =>
  list.split(/\s+/).filter(Boolean).map((term) => ({ term, tag: kind, weight: 3 }));
const U = (kind: EmergencyKind, list: string): LexiconEntry<EmergencyKind>[] =>
  list.split(/\s+/).filter(Boolean).map((term) => ({ term, tag: kind, weight: 1 }));

const LEXICON = new Lexicon<EmergencyKind>([
  { term: /(?:燃气|煤气|天然气|液化气|瓦斯)[^，。！？；,.!?;]{0,5}(?:泄漏|泄露|漏气|漏了|味道很大|味很大|味道浓)/, tag: 'gas', weight: 3 },
  ...E('gas', '煤气味 燃气味 天然气味 闻到煤气 闻到燃气 燃气泄漏 煤气泄漏 漏气'),
  { term: /(?:着火|起火|失火|火灾|燃起来|烧起来|冒浓烟|爆炸|发生爆燃)/, tag: 'fire', weight: 3 },
  ...E('collapse', '坍塌 倒塌 塌方 垮塌 塌陷 楼塌了 墙倒了 房子塌了 掉下来砸'),
  ...E('violence', '打人 持刀 砍人 行凶 斗殴 群殴 殴打 家暴 抢劫 绑架 捅人 被打伤'),
  ...E('selfHarm', '轻生 跳楼 不想活 自杀 割腕 喝农药 上吊'),
  ...E('trapped', '被困 困在电梯 电梯困人 关在电梯里 困在里面'),
  ...E('electric', '触电 电线掉落 高压线断 电线断了 漏电'),
  ...E('flood', '溺水 落水 掉进河里 被水冲走 水淹到'),
  ...E('poisoning', '中毒 食物中毒 一氧化碳'),
  ...E('missingPerson', '走失 孩子丢了 老人不见了 找不到孩子'),
  ...U('outage', '停水 停电 没水 没电 断水 断电 爆管 水管爆裂 没有暖气 停气'),
  ...U('hazard', '井盖丢失 井盖缺失 没有井盖 安全隐患 危房 裂缝 倾斜 摇摇欲坠 松动 路面塌陷 积水严重'),
]);

export interface UrgencySignal {
  kind: EmergencyKind;
  term: string;
  start: number;
  end: number;
  negated: boolean;
  hypothetical: boolean;
}

export interface UrgencySuggestion {
  value: Urgency;
  /** The kinds of emergency found (empty for normal). */
  kinds: EmergencyKind[];
  signals: UrgencySignal[];
}

export function detectUrgency(text: string): UrgencySuggestion {
  const hits = LEXICON.match(text.length > 10_000 ? text.slice(0, 10_000) : text);
  const counting = hits.filter((h) => !h.negated);
  const emergency = counting.filter((h) => h.weight >= 3 && !h.hypothetical);
  const urgent = counting.filter((h) => h.weight < 3 || h.hypothetical);
  const value: Urgency = emergency.length ? 'emergency' : urgent.length ? 'urgent' : 'normal';
  const kinds = [...new Set((emergency.length ? emergency : urgent).map((h) => h.tag))];
  return {
    value,
    kinds,
    signals: hits.map(({ tag, term, start, end, negated, hypothetical }) => ({ kind: tag, term, start, end, negated, hypothetical })),
  };
}
