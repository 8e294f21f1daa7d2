// A short summary of a work order for the people who read many of them (dispatchers, leaders),
// written by the configured model from the redacted text. The model's answer is cleaned and cut,
// never trusted to be short or plain.

import type { LlmProvider } from './llm.ts';
import { ProviderError } from './providerError.ts';
import { redactPersonalData } from './redact.ts';
import { cleanText } from './text.ts';

export const SUMMARY_MAX_CHARS = 120;
/** The longest text sent: a summary needs the matter, and a model's context (and bill) is finite. */
export const SUMMARY_INPUT_CHARS = 4000;

const SYSTEM = [
  '你是12345政务服务便民热线的工单助理，负责为派单员和领导写工单摘要。',
  '请用简体中文把市民的诉求概括成一句话，不超过60个字，依次写明：什么地方、发生了什么问题、市民希望怎样解决。',
  '只根据工单原文概括，不要推测或补充原文没有的内容，不要写电话号码、证件号码等个人信息。',
  '只输出摘要这一句话，不要标题、序号、引号或解释。',
].join('\n');

export interface SummaryInput {
  title?: string;
  content: string;
}

export interface Summary {
  summary: string;
  model: string;
  tookMs: number;
}

export function summaryPrompt(input: SummaryInput, now: Date) {
  const title = cleanText(input.title ?? '').slice(0, 200);
  const content = cleanText(input.content).slice(0, SUMMARY_INPUT_CHARS);
  const user = `${title ? `工单标题：${redactPersonalData(title, now)}\n` : ''}工单内容：${redactPersonalData(content, now)}`;
  return [
    { role: 'system' as const, content: SYSTEM },
    { role: 'user' as const, content: user },
  ];
}

export async function summarize(llm: LlmProvider, input: SummaryInput, now: Date): Promise<Summary> {
  const t0 = performance.now();
  const answer = await llm.complete(summaryPrompt(input, now), { temperature: 0.2, maxTokens: 200 });
  const summary = tidySummary(answer);
  if (!summary) throw new ProviderError('malformed', 'the model answered with an empty summary');
  return { summary, model: llm.model, tookMs: Math.round(performance.now() - t0) };
}

/** One line of plain text, no label or quotes the model added anyway, at most SUMMARY_MAX_CHARS characters. */
export function tidySummary(answer: string): string {
  const line = cleanText(answer)
    .replace(/<\/?[A-Za-z][^>]*>/g, '') // a summary is plain text; markup a model copied from the appeal goes
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^(?:摘要|工单摘要|总结)\s*[:：]\s*/, '')
    .replace(/^["“”'「『]+|["“”'」』]+$/g, '')
    .trim();
  const chars = [...line];
  return chars.length <= SUMMARY_MAX_CHARS ? line : `${chars.slice(0, SUMMARY_MAX_CHARS - 1).join('')}…`;
}
