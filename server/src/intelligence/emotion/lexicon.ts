// Lexicon matching with the context a keyword needs in Chinese: negation (没有着火, 不会去上访),
// hypotheticals (担心会着火, 如果漏气), and intensity (非常生气, 气死了！！！). Shared by the emotion
// detector, the urgency detector and the appeal-type rules.

export interface LexiconEntry<T extends string = string> {
  /** A literal term, or a pattern for terms with gaps (燃气…泄漏). */
  term: string | RegExp;
  tag: T;
  weight: number;
}

export interface LexiconHit<T extends string = string> {
  tag: T;
  /** The text that matched. */
  term: string;
  start: number;
  end: number;
  weight: number;
  negated: boolean;
  hypothetical: boolean;
  /** Multiplier from intensifiers before and exclamation marks after (1 = plain). */
  intensity: number;
}

const CLAUSE_END = /[，。！？；,.!?;\n、：:]/;
const NEGATION = /(?:不|没有?|无|未|别|甭|并非|从未|绝不|决不|不会|不是|不要)[^，。！？；,.!?;]{0,3}$/;
// Forms that contain a negation character yet do not negate what follows.
const NOT_NEGATION = /(?:不得不|不能不|不会不|没办法|不一定|差不多|不得了|不行了|受不了|忍不住|不停|不断|无法|无奈|不管|不敢相信|想不开|不下去|不起)[^，。！？；,.!?;]{0,3}$/;
const HYPOTHETICAL = /(?:如果|万一|假如|要是|防止|预防|避免|担心|害怕|怕|以防|会不会|是否|可能会|容易|隐患|以免|一旦)/;
const INTENSIFIER = /(?:非常|特别|极其|极度|太|十分|真的|实在|简直|超级|相当|严重|很)[^，。！？；,.!?;]{0,2}$/;
// A hazard named as a risk (火灾隐患, 坍塌的危险) has not happened.
const RISK_AFTER = /^(?:隐患|风险|危险|的可能|的风险|的隐患|的危险)/;
// Inside a gapped pattern (燃气没有泄漏) a negation between the parts negates the whole.
const INNER_NEGATION = /(?:没有|没|未|不|无)/;

export class Lexicon<T extends string = string> {
  private readonly literal: RegExp | null;
  private readonly byTerm = new Map<string, LexiconEntry<T>>();
  private readonly patterns: LexiconEntry<T>[];

  constructor(entries: readonly LexiconEntry<T>[]) {
    const literals = entries.filter((e) => typeof e.term === 'string');
    for (const e of literals) this.byTerm.set(e.term as string, e);
    const sorted = [...this.byTerm.keys()].sort((a, b) => b.length - a.length);
    this.literal = sorted.length ? new RegExp(sorted.map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g') : null;
    this.patterns = entries.filter((e) => e.term instanceof RegExp).map((e) => ({ ...e, term: new RegExp((e.term as RegExp).source, 'g') }));
  }

  /** Every hit, left to right; a pattern hit hides the literal hits inside it. */
  match(text: string): LexiconHit<T>[] {
    const hits: LexiconHit<T>[] = [];
    for (const e of this.patterns) {
      for (const m of text.matchAll(e.term as RegExp)) {
        if (m[0].length === 0) continue;
        const inner = m[0].slice(1, -1);
        hits.push(this.hit(text, e, m.index, m[0], INNER_NEGATION.test(inner)));
      }
    }
    if (this.literal) {
      for (const m of text.matchAll(this.literal)) {
        const s = m.index;
        const e = s + m[0].length;
        if (hits.some((h) => s < h.end && e > h.start)) continue;
        hits.push(this.hit(text, this.byTerm.get(m[0])!, s, m[0], false));
      }
    }
    return hits.sort((a, b) => a.start - b.start);
  }

  private hit(text: string, e: LexiconEntry<T>, start: number, term: string, innerNegated: boolean): LexiconHit<T> {
    const before = clauseBefore(text, start);
    const after = text.slice(start + term.length, start + term.length + 4);
    const negated = innerNegated || (NEGATION.test(before) && !NOT_NEGATION.test(before));
    let intensity = INTENSIFIER.test(before) ? 1.5 : 1;
    const bangs = /^[^，。？；,.?;]{0,2}?([！!]+)/.exec(after)?.[1]?.length ?? 0;
    if (bangs >= 2) intensity *= 1.6;
    else if (bangs === 1) intensity *= 1.3;
    return { tag: e.tag, term, start, end: start + term.length, weight: e.weight, negated, hypothetical: HYPOTHETICAL.test(before) || RISK_AFTER.test(after), intensity };
  }
}

/** The text of the clause before `start`, at most 12 characters. */
function clauseBefore(text: string, start: number): string {
  let i = start;
  while (i > 0 && start - i < 12 && !CLAUSE_END.test(text[i - 1] as string)) i--;
  return text.slice(i, start);
}

/** Sum of weight × intensity of the hits that count (not negated), per tag. */
export function scoreByTag<T extends string>(hits: readonly LexiconHit<T>[], opts: { countHypothetical?: boolean } = {}): Partial<Record<T, number>> {
  const out: Partial<Record<T, number>> = {};
  for (const h of hits) {
    if (h.negated || (h.hypothetical && !opts.countHypothetical)) continue;
    out[h.tag] = (out[h.tag] ?? 0) + h.weight * h.intensity;
  }
  return out;
}
