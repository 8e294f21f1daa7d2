// The category picker's help: the category tree, and suggestions from what the citizen has written
// so far (the same classifier and rules the agents' analysis uses, reduced to categories and type).
import type { AppealType } from '@hotline/shared';
import { z } from 'zod';
import type { Ctx } from '../context.ts';
import { AppError } from '../errors.ts';
import { analyzeAppeal } from '../intelligence/routing/analyze.ts';

export const suggestBody = z.object({ title: z.string().trim().max(120).optional(), content: z.string().trim().min(2).max(5000) }).strict();

export interface CategoryOption {
  categoryId: string;
  fullName: string;
  confidence: number;
}

export async function suggestForCitizen(ctx: Ctx, input: z.output<typeof suggestBody>): Promise<{ categories: CategoryOption[]; type: AppealType | null }> {
  let a;
  try {
    a = await analyzeAppeal(ctx, { title: input.title, content: input.content });
  } catch (err) {
    // Without the model the picker still has the tree.
    if (err instanceof AppError && err.code === 'CLASSIFIER_UNAVAILABLE') return { categories: [], type: null };
    throw err;
  }
  const out: CategoryOption[] = [];
  const add = (categoryId: string | null, fullName: string, confidence: number) => {
    if (categoryId && !out.some((o) => o.categoryId === categoryId)) out.push({ categoryId, fullName, confidence });
  };
  if (a.chosenCategory) add(a.chosenCategory.categoryId, a.chosenCategory.fullName, a.chosenCategory.confidence);
  for (const d of a.deeperCategories.slice(0, 3)) add(d.categoryId, d.fullName, Math.min(1, d.score / 10));
  for (const c of a.categories) if (c.confidence >= 0.15) add(c.categoryId, c.label, c.confidence);
  return { categories: out.slice(0, 5), type: a.type.confidence > 0 ? a.type.value : null };
}

export async function publicCategories(ctx: Ctx) {
  return {
    items: await ctx.db.query<{ id: string; parentId: string | null; name: string; level: number; fullName: string }>(
      'SELECT id, parent_id AS "parentId", name, level, full_name AS "fullName" FROM categories WHERE active ORDER BY level, sort, name',
    ),
  };
}
