// A knowledge query as "concepts": each concept is something the query asks for, satisfied by
// any one of its alternatives, and an alternative is satisfied when a document holds all of its
// tokens. Plain Chinese text gives one concept per character bigram (the tokens
// search/tokenize.ts stores); a synonym group found in the query gives one concept whose
// alternatives are the group's terms, so 医保 also finds 医疗保险.

const HAN = /\p{Script=Han}/u;
const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
const MAX_CONCEPTS = 64;

/**
 * Bigrams and words that carry no topic: the politeness and question words of citizens' messages.
 * They stay in documents but are not asked for, so "请问怎么办理居住证" ranks by 居住证 and 办理.
 */
const STOP = new Set([
  '请问', '你好', '您好', '谢谢', '怎么', '怎样', '如何', '什么', '哪里', '哪个', '哪些', '可以', '能否', '是否', '是不',
  '不是', '需要', '我们', '我的', '我家', '你们', '他们', '一下', '的话', '了解', '咨询', '问一', '问题', '有没', '没有',
  '这个', '那个', '现在', '已经', '还是', '就是', '因为', '所以', '但是', '而且', '如果', '应该', '希望', '反映', '情况',
  '领导', '尊敬', '市民', '相关', '部门', '处理', '解决', '要求', '一个', '时候', '知道', '告诉', '想问', '麻烦',
  '家里', '一直', '最近', '今天', '昨天', '为什', '请帮', '帮忙', '帮我', '多少', '几天', '找谁', '去哪', '哪儿',
  // The framing of a message to the government rather than its subject.
  '事项', '事宜', '事情', '政策', '有关', '关于', '请求', '建议', '投诉', '举报', '意见', '呼吁', '强烈', '严重', '加强', '规定',
  '具体', '方面',
]);

export interface Concept {
  /** A stable key for de-duplication and tests (the first alternative's text). */
  key: string;
  /**
   * Whether the concept is a real term of the query: a synonym, a non-Chinese word, or a bigram
   * inside one segmented word (or joining two single-character words). A bigram that straddles a
   * word boundary (么办 in 怎么/办理) is noise: it only counts where some article happens to hold it.
   */
  core: boolean;
  /** Each alternative: its display text (for highlighting) and the tokens a document must all hold. */
  alternatives: { text: string; tokens: string[] }[];
}

export type SynonymGroups = readonly (readonly string[])[];

/** Full-width ASCII to half-width and lower case, one character for one, so offsets stay valid. */
export function normaliseChars(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    const half = code >= 0xff01 && code <= 0xff5e ? String.fromCharCode(code - 0xfee0) : ch;
    const lower = half.toLowerCase();
    out += lower.length === half.length ? lower : half;
  }
  return out;
}

function bigrams(run: string): string[] {
  const chars = [...run];
  if (chars.length === 1) return [`${run}*`]; // a lone character matches as a prefix
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  return out;
}

/** Function characters that never start or end a topic word when the segmenter leaves them alone. */
const PARTICLES = new Set([...'的了吗呢吧啊呀哦嘛着过得地也都就还又很太和与及或在是我你他她它您哪几啥咋怎么谁']);

/** For each bigram of a Han run, whether it lies inside one word (see Concept.core). */
function coreBigrams(run: string): boolean[] {
  const chars = [...run];
  const wordOf: number[] = [];
  const wordLen: number[] = [];
  let w = 0;
  for (const s of segmenter.segment(run)) {
    const n = [...s.segment].length;
    for (let k = 0; k < n; k++) {
      wordOf.push(w);
      wordLen.push(n);
    }
    w++;
  }
  const out: boolean[] = [];
  for (let i = 0; i + 1 < chars.length; i++) {
    const single = wordLen[i] === 1 && wordLen[i + 1] === 1 && !PARTICLES.has(chars[i]!) && !PARTICLES.has(chars[i + 1]!);
    out.push(wordOf[i] === wordOf[i + 1] || single);
  }
  return out;
}

/** The tokens a document must hold to contain `term` (a synonym or a word). */
function termTokens(term: string): string[] {
  const runs = term.match(/\p{Script=Han}+/gu) ?? [];
  const tokens = runs.flatMap(bigrams);
  for (const s of segmenter.segment(term)) if (s.isWordLike && !HAN.test(s.segment)) tokens.push(s.segment);
  return [...new Set(tokens)];
}

/** Cuts the query into concepts, expanding synonym groups; stop words are dropped. */
export function parseQuery(q: string, synonyms: SynonymGroups = []): Concept[] {
  let text = normaliseChars(q);
  const concepts = new Map<string, Concept>();
  const add = (c: Concept) => {
    if (concepts.size < MAX_CONCEPTS && !concepts.has(c.key)) concepts.set(c.key, c);
  };

  // Longest terms first, so 住房公积金 is taken before 公积金 would split it.
  const terms = synonyms
    .flatMap((group) => group.map((t) => ({ term: normaliseChars(t.trim()), group })))
    .filter((t) => t.term.length > 0)
    .sort((a, b) => b.term.length - a.term.length);
  for (const { term, group } of terms) {
    if (!text.includes(term)) continue;
    const alternatives = group.map((t) => ({ text: t, tokens: termTokens(normaliseChars(t)) })).filter((a) => a.tokens.length > 0);
    add({ key: normaliseChars(group[0]!), core: true, alternatives });
    text = text.split(term).join(' ');
  }

  for (const run of text.match(/\p{Script=Han}+/gu) ?? []) {
    const core = coreBigrams(run);
    for (const [i, token] of bigrams(run).entries()) {
      const bare = token.replace(/\*$/, '');
      if (STOP.has(bare)) continue;
      add({ key: bare, core: core[i] ?? true, alternatives: [{ text: bare, tokens: [token] }] });
    }
  }
  for (const s of segmenter.segment(text)) {
    // One or two digits ("2", "80") count things or pick a menu option, and a lone letter is a
    // place code (A市) or a typo: they only add to a real term.
    if (s.isWordLike && !HAN.test(s.segment)) add({ key: s.segment, core: !/^(\d{1,2}|[a-z])$/.test(s.segment), alternatives: [{ text: s.segment, tokens: [s.segment] }] });
  }
  // Noise alone asks for nothing.
  return [...concepts.values()].some((c) => c.core) ? [...concepts.values()] : [];
}

function lexeme(token: string): string {
  const prefix = token.endsWith('*');
  const bare = prefix ? token.slice(0, -1) : token;
  return `'${bare.replace(/\\/g, '\\\\').replace(/'/g, "''")}'${prefix ? ':*' : ''}`;
}

function conceptQuery(c: Concept): string {
  return `(${c.alternatives.map((a) => `(${a.tokens.map(lexeme).join(' & ')})`).join(' | ')})`;
}

/** A tsquery (as text) matching documents that hold any concept (`any`) or every concept (`all`). */
export function toTsquery(concepts: readonly Concept[], mode: 'any' | 'all'): string | null {
  if (!concepts.length) return null;
  return concepts.map(conceptQuery).join(mode === 'all' ? ' & ' : ' | ');
}

/** Whether a document's token set satisfies a concept (the in-memory twin of the tsquery). */
export function holds(tokens: ReadonlySet<string>, c: Concept): Concept['alternatives'][number] | undefined {
  return c.alternatives.find((a) => a.tokens.every((t) => (t.endsWith('*') ? hasPrefix(tokens, t.slice(0, -1)) : tokens.has(t))));
}

function hasPrefix(tokens: ReadonlySet<string>, prefix: string): boolean {
  for (const t of tokens) if (t.startsWith(prefix)) return true;
  return false;
}
