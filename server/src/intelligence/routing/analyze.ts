// One appeal's text in, every suggestion out: categories (first level with the words behind each,
// deeper ones by rules), appeal type, urgency, responsible departments from the dispatch
// catalogue (with the district extraction found), extracted entities and emotion.

import type { Urgency } from '@hotline/shared';
import type { Ctx } from '../../context.ts';
import type { DirectoryCache } from '../../directory/directoryCache.ts';
import { suggestDepartments } from '../../taxonomy/catalogue.ts';
import { analyzeEmotion, type EmotionResult } from '../emotion/analyze.ts';
import { extractEntities, Gazetteer, groupEntities } from '../extraction/index.ts';
import { suggestAppealType, type TypeSuggestion } from './appealType.ts';
import { topCategories, type CategoryScore } from './categoryScores.ts';
import { categoryRules, type DeeperSuggestion } from './categoryRules.ts';
import { detectUrgency, type UrgencySuggestion } from './urgency.ts';

export interface DepartmentSuggestion {
  departmentId: string;
  name: string;
  assisting: { departmentId: string; name: string }[];
  /** The catalogue entry's category and district (null = any district). */
  catalogueCategoryId: string;
  regionId: string | null;
}

export interface CategorySuggestion extends CategoryScore {
  categoryId: string | null;
}

export interface AutoDispatchDecision {
  dispatch: boolean;
  reason: 'ok' | 'emergency' | 'lowConfidence' | 'noDepartment' | 'ambiguousDepartment' | 'categoryMismatch';
  departmentId?: string;
  assistingDepartmentIds?: string[];
}

export interface Analysis {
  categories: CategorySuggestion[];
  deeperCategories: DeeperSuggestion[];
  /** The category used for the department suggestion: the deepest one the evidence supports. */
  chosenCategory: { categoryId: string; fullName: string; confidence: number; source: 'classifier' | 'rules' } | null;
  type: TypeSuggestion;
  urgency: UrgencySuggestion;
  district: { districtId: string; name: string } | null;
  departments: DepartmentSuggestion[];
  /** The catalogue's most specific tier names exactly one department. */
  departmentUnique: boolean;
  autoDispatch: AutoDispatchDecision;
  extraction: ReturnType<typeof groupEntities>;
  emotion: EmotionResult;
  tookMs: number;
}

export interface AnalyzeInput {
  title?: string;
  content: string;
  /** A district already known (the agent chose it); otherwise the first one extraction resolves. */
  districtId?: string | null;
  /** A category already chosen by a person: departments follow it instead of the suggestion. */
  categoryId?: string | null;
}

const gazetteers = new WeakMap<DirectoryCache, { signature: string; gazetteer: Gazetteer }>();

/** The directory's regions as a gazetteer, rebuilt when the regions change. */
export function gazetteerFor(dir: DirectoryCache): Gazetteer {
  const regions = dir.allRegions();
  const signature = `${regions.length}:${regions.reduce((n, r) => n + r.name.length + (r.parentId ? 1 : 0), 0)}`;
  const hit = gazetteers.get(dir);
  if (hit && hit.signature === signature) return hit.gazetteer;
  const gazetteer = new Gazetteer(regions);
  gazetteers.set(dir, { signature, gazetteer });
  return gazetteer;
}

export async function analyzeAppeal(ctx: Ctx, input: AnalyzeInput): Promise<Analysis> {
  const t0 = performance.now();
  const title = input.title?.trim() ?? '';
  const content = input.content;
  const text = title ? `${title} ${content}` : content;
  const dir = await ctx.directory.fresh();
  const rules = await categoryRules(ctx.db);

  const top = topCategories(text, 3);
  const categories: CategorySuggestion[] = top.map((c) => ({ ...c, categoryId: rules.byFullName.get(c.label)?.id ?? null }));
  const deeperCategories = rules.suggest(text, new Map(top.map((c) => [c.label, c.confidence])));
  const chosenCategory = chooseCategory(categories, deeperCategories);

  const entities = extractEntities(text, { now: ctx.clock.now(), gazetteer: gazetteerFor(dir) });
  const extraction = groupEntities(entities);
  const districtId = input.districtId ?? extraction.addresses.find((a) => a.value.districtId && !a.value.ambiguous)?.value.districtId ?? null;
  const district = districtId && dir.region(districtId) ? { districtId, name: dir.region(districtId)!.name } : null;

  const urgency = detectUrgency(text);
  const type = suggestAppealType(title, content);
  const emotion = analyzeEmotion(text);

  const categoryForDepartments = input.categoryId ?? chosenCategory?.categoryId ?? null;
  const rows = categoryForDepartments ? await suggestDepartments(ctx.db, categoryForDepartments, district?.districtId ?? null) : [];
  const departments = presentDepartments(rows, dir);
  const first = rows[0];
  const tier = first ? rows.filter((r) => r.categoryId === first.categoryId && r.regionId === first.regionId) : [];
  const departmentUnique = tier.length > 0 && new Set(tier.map((r) => r.departmentId)).size === 1;

  const autoDispatch = decideAutoDispatch({
    threshold: ctx.env.AUTO_DISPATCH_CONFIDENCE,
    urgency: urgency.value,
    emergencyByEmotion: emotion.reasons.includes('selfHarm') || emotion.reasons.includes('threatToOthers'),
    categoryConfidence: input.categoryId ? 1 : (chosenCategory?.confidence ?? 0),
    categoryConsistent: Boolean(input.categoryId) || chosenCategory?.source === 'classifier',
    departments,
    departmentUnique,
  });
  return {
    categories,
    deeperCategories,
    chosenCategory,
    type,
    urgency,
    district,
    departments,
    departmentUnique,
    autoDispatch,
    extraction,
    emotion,
    tookMs: Math.round((performance.now() - t0) * 100) / 100,
  };
}

/**
 * The deepest category the evidence supports: a deeper rule match under the classifier's first
 * choice; or, when the classifier is unsure, a strong rule match anywhere (categories the
 * classifier was never trained on, such as traffic policing); otherwise the first level.
 */
export function chooseCategory(categories: CategorySuggestion[], deeper: DeeperSuggestion[]): Analysis['chosenCategory'] {
  const best = categories[0];
  if (!best) return null;
  const under = deeper.find((d) => d.fullName.startsWith(`${best.label}/`));
  if (under) return { categoryId: under.categoryId, fullName: under.fullName, confidence: best.confidence, source: 'classifier' };
  const strong = deeper[0];
  if (strong && strong.keywordScore >= 3 && best.confidence < 0.8) return { categoryId: strong.categoryId, fullName: strong.fullName, confidence: 0, source: 'rules' };
  return best.categoryId ? { categoryId: best.categoryId, fullName: best.label, confidence: best.confidence, source: 'classifier' } : null;
}

function presentDepartments(rows: Awaited<ReturnType<typeof suggestDepartments>>, dir: DirectoryCache): DepartmentSuggestion[] {
  const seen = new Set<string>();
  const out: DepartmentSuggestion[] = [];
  for (const r of rows) {
    if (seen.has(r.departmentId)) continue;
    seen.add(r.departmentId);
    out.push({
      departmentId: r.departmentId,
      name: dir.department(r.departmentId)?.name ?? '',
      assisting: (r.assistingDepartmentIds ?? []).map((id) => ({ departmentId: id, name: dir.department(id)?.name ?? '' })),
      catalogueCategoryId: r.categoryId,
      regionId: r.regionId,
    });
  }
  return out;
}

export interface AutoDispatchFacts {
  threshold: number;
  urgency: Urgency;
  emergencyByEmotion: boolean;
  categoryConfidence: number;
  /** The category is the classifier's own (or a person's), not a rule outside its labels. */
  categoryConsistent: boolean;
  departments: DepartmentSuggestion[];
  departmentUnique: boolean;
}

/** Dispatch without a person only when nothing speaks against it; an emergency always goes to a person. */
export function decideAutoDispatch(f: AutoDispatchFacts): AutoDispatchDecision {
  if (f.urgency === 'emergency' || f.emergencyByEmotion) return { dispatch: false, reason: 'emergency' };
  if (!f.categoryConsistent) return { dispatch: false, reason: 'categoryMismatch' };
  if (f.categoryConfidence < f.threshold) return { dispatch: false, reason: 'lowConfidence' };
  const lead = f.departments[0];
  if (!lead) return { dispatch: false, reason: 'noDepartment' };
  if (!f.departmentUnique) return { dispatch: false, reason: 'ambiguousDepartment' };
  return { dispatch: true, reason: 'ok', departmentId: lead.departmentId, assistingDepartmentIds: lead.assisting.map((a) => a.departmentId) };
}

