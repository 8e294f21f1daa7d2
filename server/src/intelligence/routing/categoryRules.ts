// Deeper category suggestions: keywords per second/third-level category (categoryKeywords.ts)
// plus the category's own name appearing in the text, weighted by the classifier's confidence in
// the first-level category above it.

import type { Queryable } from '../../db/db.ts';
import { Lexicon } from '../emotion/lexicon.ts';
import { CATEGORY_KEYWORDS } from './categoryKeywords.ts';

export interface CategoryRow {
  id: string;
  parentId: string | null;
  name: string;
  level: number;
  fullName: string;
}

export interface DeeperSuggestion {
  categoryId: string;
  fullName: string;
  level: number;
  /** Keyword score times (0.5 + the classifier's confidence in the first level). */
  score: number;
  keywordScore: number;
  evidence: string[];
}

export class CategoryRules {
  readonly byFullName: Map<string, CategoryRow>;
  private readonly lexicon: Lexicon;
  /** Term → the categories it points to, with its weight for each. */
  private readonly targets = new Map<string, { path: string; weight: number }[]>();

  constructor(readonly rows: readonly CategoryRow[]) {
    this.byFullName = new Map(rows.map((r) => [r.fullName, r]));
    const add = (term: string, path: string, weight: number) => {
      const list = this.targets.get(term) ?? [];
      if (!list.some((t) => t.path === path)) list.push({ path, weight });
      this.targets.set(term, list);
    };
    for (const [path, words] of Object.entries(CATEGORY_KEYWORDS)) {
      if (!this.byFullName.has(path)) continue;
      for (const w of words.split(/\s+/).filter(Boolean)) add(w, path, w.length >= 3 ? 1.5 : 1);
    }
    // A category's own name (噪音污染, 物业服务) is strong evidence when a citizen writes it; a name
    // shared by several categories (安置补偿) counts for each, and the first level decides.
    for (const r of rows) if (r.level >= 2 && r.name.length >= 2 && r.name !== '其他') add(r.name, r.fullName, 2);
    this.lexicon = new Lexicon([...this.targets.keys()].map((term) => ({ term, tag: term, weight: 1 })));
  }

  /** Up to `k` deeper categories, best first. `levelOne` maps first-level names to confidence. */
  suggest(text: string, levelOne: ReadonlyMap<string, number>, k = 3): DeeperSuggestion[] {
    const acc = new Map<string, { score: number; evidence: string[]; seen: Map<string, number> }>();
    for (const h of this.lexicon.match(text)) {
      if (h.negated) continue;
      for (const t of this.targets.get(h.term) ?? []) {
        const a = acc.get(t.path) ?? { score: 0, evidence: [] as string[], seen: new Map<string, number>() };
        // A word said again counts half as much, and at most twice more.
        const times = a.seen.get(h.term) ?? 0;
        if (times === 0) a.evidence.push(h.term);
        if (times <= 2) a.score += times === 0 ? t.weight : t.weight / 2;
        a.seen.set(h.term, times + 1);
        acc.set(t.path, a);
      }
    }
    const out: DeeperSuggestion[] = [];
    for (const [path, a] of acc) {
      const row = this.byFullName.get(path)!;
      const prior = levelOne.get(path.split('/')[0]!) ?? 0;
      out.push({ categoryId: row.id, fullName: path, level: row.level, keywordScore: a.score, score: Math.round(a.score * (0.5 + prior) * 100) / 100, evidence: a.evidence });
    }
    return out.sort((x, y) => y.score - x.score || y.level - x.level).slice(0, k);
  }
}

const cache = new WeakMap<Queryable, { at: number; rules: CategoryRules }>();
const TTL_MS = 60_000;

/** The active categories as rules, per database, reloaded at most once a minute (admins rename and add categories). */
export async function categoryRules(db: Queryable): Promise<CategoryRules> {
  const hit = cache.get(db);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.rules;
  const rows = await db.query<CategoryRow>(
    'SELECT id, parent_id AS "parentId", name, level, full_name AS "fullName" FROM categories WHERE active ORDER BY level, sort, full_name',
  );
  const rules = new CategoryRules(rows);
  cache.set(db, { at: Date.now(), rules });
  return rules;
}
