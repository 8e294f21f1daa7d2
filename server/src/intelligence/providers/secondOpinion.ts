// A second opinion on an unsure classification: the model picks one of the classifier's top
// candidates by number, and only a bare number of an offered candidate counts. Anything else (a
// sentence, a category not offered, a number out of range) is ignored rather than guessed at, and
// the answer is shown beside the classifier's ranking, never in its place.

import type { LlmProvider } from './llm.ts';
import { redactPersonalData } from './redact.ts';
import { cleanText } from './text.ts';

/** The classifier's top confidence below which a configured model is asked. */
export const SECOND_OPINION_BELOW = 0.6;
const INPUT_CHARS = 2000;

export interface Candidate {
  label: string;
  categoryId: string | null;
  confidence: number;
}

export type LlmSuggestion =
  | { answered: true; label: string; categoryId: string | null; rank: number; agreesWithClassifier: boolean; model: string }
  | { answered: false; reason: 'noneFits' | 'unparseable' | 'failed'; model: string };

const SYSTEM = [
  '你是12345政务服务便民热线的工单分类员。',
  '给你一条市民诉求和几个候选分类（带编号），请判断诉求最应归入哪一个分类。',
  '只回答一个编号数字，例如：1。不要输出任何其他文字。',
  '如果没有一个候选分类合适，回答：0。',
].join('\n');

export function secondOpinionPrompt(text: string, candidates: readonly Candidate[], now: Date) {
  const list = candidates.map((c, i) => `${i + 1}. ${c.label}`).join('\n');
  return [
    { role: 'system' as const, content: SYSTEM },
    { role: 'user' as const, content: `市民诉求：${redactPersonalData(cleanText(text).slice(0, INPUT_CHARS), now)}\n\n候选分类：\n${list}\n\n请回答编号：` },
  ];
}

/** 1-based number of the chosen candidate, 0 for "none fits", null when the answer is anything else. */
export function parseChoice(answer: string, count: number): number | null {
  const m = /^\s*([0-9])\s*[。.]?\s*$/.exec(answer);
  if (!m) return null;
  const n = Number(m[1]);
  return n <= count ? n : null;
}

export function shouldAsk(candidates: readonly Candidate[]): boolean {
  const top = candidates[0];
  return candidates.length >= 2 && top !== undefined && top.confidence < SECOND_OPINION_BELOW;
}

/** Asks the model when the classifier is unsure; null when it was not asked. Never throws. */
export async function secondOpinion(llm: LlmProvider, text: string, all: readonly Candidate[], now: Date): Promise<LlmSuggestion | null> {
  const candidates = all.slice(0, 3);
  if (!shouldAsk(candidates)) return null;
  let answer: string;
  try {
    answer = await llm.complete(secondOpinionPrompt(text, candidates, now), { temperature: 0, maxTokens: 8 });
  } catch {
    return { answered: false, reason: 'failed', model: llm.model };
  }
  const n = parseChoice(answer, candidates.length);
  if (n === null) return { answered: false, reason: 'unparseable', model: llm.model };
  if (n === 0) return { answered: false, reason: 'noneFits', model: llm.model };
  const c = candidates[n - 1]!;
  return { answered: true, label: c.label, categoryId: c.categoryId, rank: n, agreesWithClassifier: n === 1, model: llm.model };
}
