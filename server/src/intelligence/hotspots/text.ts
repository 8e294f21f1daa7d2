// Text features for hotspots and duplicates: character bigrams of the Han runs (robust to how a
// segmenter would cut an estate's name), and place names (administrative codes such as A3区,
// and named places: estates, roads, villages, schools, markets).

const HALF = (s: string) => s.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));

/** Lower-case, half-width text with anonymised codes (A3区, K9县) kept as they are. */
export function normalize(s: string): string {
  return HALF(s).toLowerCase();
}

/**
 * Bigrams over units (one Han character, or one run of Latin letters and digits such as "58" or
 * "110kv") within each run of units; a run of one unit yields itself.
 */
export function hanBigrams(text: string, maxChars = 2000): string[] {
  const out: string[] = [];
  const runs = normalize(text.length > maxChars ? text.slice(0, maxChars) : text).match(/(?:\p{Script=Han}|[a-z0-9]+)+/gu) ?? [];
  for (const run of runs) {
    const units = run.match(/\p{Script=Han}|[a-z0-9]+/gu)!;
    if (units.length === 1) {
      if (/\p{Script=Han}/u.test(units[0]!) || units[0]!.length >= 2) out.push(units[0]!);
      continue;
    }
    for (let i = 0; i + 1 < units.length; i++) out.push(units[i]! + units[i + 1]!);
  }
  return out;
}

// Bigrams that say nothing about a topic in appeals (politeness, reporting verbs, pronouns).
const STOP_BIGRAMS = new Set(
  `您好 你好 谢谢 感谢 请问 希望 我们 你们 他们 这个 那个 一个 没有 什么 怎么 已经 现在 问题 反映 投诉 举报 咨询 建议 关于 请求 要求 相关 部门
   领导 有关 是否 可以 能否 进行 处理 解决 情况 目前 因为 所以 但是 而且 还是 就是 这样 那样 如何 为什么 时候 一直 非常 严重 影响 的问 题的
   请领 导关 关注 重视 尽快 及时 市民 群众 居民 本人 我是 我家 一下 一些 这些 那些 不是 不能 不会 还有 以及 并且 如果 虽然 其中 之后 以后 以前
   这里 那里 哪里 自己 大家 工作 单位 方面 政府 市政 有限 公司 年月 月日 加快 力度 步伐 刻不 不容 容缓 全覆 覆盖 具体 行动`.split(/\s+/).filter(Boolean),
);

export function isStopBigram(b: string): boolean {
  return STOP_BIGRAMS.has(b);
}

/** Topic tokens with counts: bigrams minus stop bigrams; the title counts `titleWeight` times. */
export function topicTokens(title: string, body: string, titleWeight = 3, bodyChars = 600): Map<string, number> {
  const tf = new Map<string, number>();
  const add = (b: string, w: number) => {
    if (!isStopBigram(b)) tf.set(b, (tf.get(b) ?? 0) + w);
  };
  for (const b of hanBigrams(title)) add(b, titleWeight);
  for (const b of hanBigrams(body, bodyChars)) add(b, 1);
  return tf;
}

// Administrative codes of the anonymised data (A3区, K9县).
const ADMIN = /(?<![A-Za-z0-9])[A-Z]\d{1,2}[区县]/g;
// Place suffixes, longest first; a suffix followed by certain characters is another word (城市, 路线).
const SUFFIX = /(?:小区|花园|新城|公寓|大厦|广场|家园|新村|社区|山庄|工业园|园区|幼儿园|小学|中学|学校|大学|医院|公园|市场|商场|车站|地铁站|高铁站|大道|大街|路|街|巷|村|镇|苑|城|湾)(?![市线况程费道口面上下])/gu;
const NAME_CHAR = /[^\s\p{P}\p{S}\d的在了是有我你他她们这那每都也还就被把对和与从到给让着过很太不没要想说去来市区县省]/u;
// Words that precede a name without belonging to it (周边小区, 配套幼儿园, 街道丽发新城).
const LEADING = /^.*?(?:街道|社区|区|县|市|镇|乡|路|号|周边|附近|配套|农村|所在|其中|目前|作为|地处|关于|尤其|位于|对面|旁边|门口|整个|全部|所有|各个|各|该|本|新建|建设|规划|投诉|举报|反映|咨询|建议|请问|要求|搬走|取消)/u;
// Verbs and words ending in 路/城 that are no road or town (老板跑路, 让路).
const NOT_ENDINGS = new Set(['跑路', '让路', '问路', '带路', '开路', '套路', '网路', '半路', '走路', '出路', '进城', '出城', '全城']);
const NOT_NAMES = new Set(['政府', '城市', '农村', '乡村', '县城', '全城', '进城', '线路', '道路', '马路', '公路', '出路', '思路', '电路', '一路', '沿路', '走路', '修路', '上路', '小区', '街道', '社区']);

/** Place names found in the text (administrative codes and named places), normalised. */
export function placeNames(text: string, maxChars = 600): string[] {
  const t = normalize(text.length > maxChars ? text.slice(0, maxChars) : text).toUpperCase();
  const out = new Set<string>();
  for (const m of t.matchAll(ADMIN)) out.add(m[0]);
  for (const m of t.matchAll(SUFFIX)) {
    // The name is up to four name characters right before the suffix.
    let i = m.index;
    while (i > 0 && m.index - i < 4 && NAME_CHAR.test(t[i - 1]!)) i--;
    let name = t.slice(i, m.index);
    const lead = LEADING.exec(name);
    if (lead && lead[0].length < name.length) name = name.slice(lead[0].length);
    else if (lead) continue;
    const full = name + m[0];
    if (name.length < 2 || NOT_NAMES.has(full) || NOT_NAMES.has(name) || NOT_ENDINGS.has(full.slice(-2))) continue;
    out.add(full);
  }
  return [...out];
}

/** Whether two place names denote the same place: equal, or one contains the other's core. */
export function samePlaceName(a: string, b: string): boolean {
  if (a === b) return true;
  const core = (s: string) => s.replace(/(小区|花园|新城|公寓|大厦|广场|家园|新村|社区|村|镇|路|大道|大街|街|苑|府|城)$/u, '');
  const ca = core(a);
  const cb = core(b);
  return ca.length >= 2 && cb.length >= 2 && (ca.includes(cb) || cb.includes(ca));
}
