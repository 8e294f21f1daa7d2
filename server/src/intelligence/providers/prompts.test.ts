import { describe, expect, it } from 'vitest';
import type { ChatMessage, LlmProvider } from './llm.ts';
import { redactPersonalData } from './redact.ts';
import { parseChoice, secondOpinion, secondOpinionPrompt, shouldAsk } from './secondOpinion.ts';
import { summarize, summaryPrompt, tidySummary } from './summarize.ts';
import { cleanText } from './text.ts';

const now = new Date('2026-11-23T09:00:00+08:00');

/** An LLM that answers from a list and remembers what it was asked (for the pure logic around it). */
function scripted(...answers: (string | Error)[]): LlmProvider & { asked: ChatMessage[][] } {
  const asked: ChatMessage[][] = [];
  return {
    model: 'scripted',
    asked,
    async complete(messages) {
      asked.push([...messages]);
      const a = answers.shift() ?? '';
      if (a instanceof Error) throw a;
      return a;
    },
  };
}

const unsure = [
  { label: '商贸旅游', categoryId: 'c1', confidence: 0.31 },
  { label: '城乡建设', categoryId: 'c2', confidence: 0.3 },
  { label: '环境保护', categoryId: null, confidence: 0.2 },
];

describe('redactPersonalData', () => {
  it('replaces mobiles, landlines and ID numbers (valid or not), keeps the matter', () => {
    const out = redactPersonalData('我叫张三，电话13812345678，座机0731-88001234，身份证110105199001011234，另一个号码430102198001019999。小区停水了。', now);
    expect(out).not.toMatch(/13812345678|88001234|110105199001011234|430102198001019999/);
    expect(out).toContain('[电话]');
    expect(out).toMatch(/\[(身份证号|证件号)\]/);
    expect(out).toContain('小区停水了');
  });
});

describe('summary', () => {
  it('the prompt is Chinese, cleaned of control characters and cut to the input limit', () => {
    const [system, user] = summaryPrompt({ title: '标题\u0000', content: `内容\u0007${'长'.repeat(10_000)}` }, now);
    expect(system!.content).toMatch(/摘要/);
    expect(user!.content).not.toMatch(/[\u0000\u0007]/);
    expect(user!.content.length).toBeLessThan(4100);
  });

  it('tidySummary strips a label, quotes and line breaks', () => {
    expect(tidySummary('摘要：“某路段路灯损坏，市民希望维修。”')).toBe('某路段路灯损坏，市民希望维修。');
    expect(tidySummary('第一句\n第二句')).toBe('第一句 第二句');
    expect(tidySummary('<b>小区</b>停水<script>alert(1)</script>')).toBe('小区停水alert(1)');
  });

  it('a lone surrogate from the model becomes a replacement character, not an invalid string', async () => {
    const r = await summarize(scripted('路灯坏了\ud800'), { content: 'x' }, now);
    expect(r.summary).toBe('路灯坏了\ufffd');
    expect(cleanText('a\udc00b\u{1F600}')).toBe('a\ufffdb\u{1F600}');
  });
});

describe('second opinion on an unsure classification', () => {
  it('strict parsing: a bare number of an offered candidate (a full stop allowed), 0 for none; anything else is null', () => {
    expect(parseChoice('2', 3)).toBe(2);
    expect(parseChoice(' 1。', 3)).toBe(1);
    expect(parseChoice('0', 3)).toBe(0);
    for (const bad of ['4', '2 或 3', '第2类', '城乡建设', '', '12', '２']) expect(parseChoice(bad, 3)).toBeNull();
  });

  it('asks only below the threshold and with at least two candidates', () => {
    expect(shouldAsk(unsure)).toBe(true);
    expect(shouldAsk([{ ...unsure[0]!, confidence: 0.95 }, unsure[1]!])).toBe(false);
    expect(shouldAsk([unsure[0]!])).toBe(false);
  });

  it('the prompt numbers the candidates and hides the phone number', () => {
    const [, user] = secondOpinionPrompt('超市卖过期食品，我电话13812345678', unsure, now);
    expect(user!.content).toContain('1. 商贸旅游\n2. 城乡建设\n3. 环境保护');
    expect(user!.content).toContain('[电话]');
  });

  it('maps the answer to the candidate; failures and nonsense are reported, never thrown', async () => {
    expect(await secondOpinion(scripted('1'), 'x', unsure, now)).toEqual({ answered: true, label: '商贸旅游', categoryId: 'c1', rank: 1, agreesWithClassifier: true, model: 'scripted' });
    expect(await secondOpinion(scripted('3'), 'x', unsure, now)).toMatchObject({ answered: true, label: '环境保护', categoryId: null, agreesWithClassifier: false });
    expect(await secondOpinion(scripted('我选1'), 'x', unsure, now)).toEqual({ answered: false, reason: 'unparseable', model: 'scripted' });
    expect(await secondOpinion(scripted(new Error('down')), 'x', unsure, now)).toEqual({ answered: false, reason: 'failed', model: 'scripted' });
    const confident = scripted('2');
    expect(await secondOpinion(confident, 'x', [{ ...unsure[0]!, confidence: 0.9 }, unsure[1]!], now)).toBeNull();
    expect(confident.asked).toHaveLength(0);
  });
});
