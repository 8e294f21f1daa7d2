import { describe, expect, it } from 'vitest';
import { holds, parseQuery, toTsquery } from './query.ts';
import { escapeHtml, markHtml, matchRanges, snippetHtml } from './highlight.ts';

const SYN = [
  ['医保', '医疗保险'],
  ['公积金', '住房公积金'],
];

describe('knowledge query parsing', () => {
  it('turns a synonym found in the query into one concept whose alternatives are the group', () => {
    const concepts = parseQuery('医疗保险报销', SYN);
    const syn = concepts.find((c) => c.key === '医保')!;
    expect(syn.alternatives.map((a) => a.text)).toEqual(['医保', '医疗保险']);
    expect(syn.alternatives[1]!.tokens).toEqual(['医疗', '疗保', '保险']);
    expect(concepts.map((c) => c.key)).toContain('报销');
    // The synonym's characters are not also cut into bigrams of their own.
    expect(concepts.map((c) => c.key)).not.toContain('保险');
  });

  it('prefers the longest synonym term (住房公积金 over 公积金)', () => {
    const concepts = parseQuery('住房公积金提取', SYN);
    expect(concepts.filter((c) => c.key === '公积金')).toHaveLength(1);
    expect(concepts.map((c) => c.key)).not.toContain('住房');
  });

  it('drops question words and marks bigrams across word boundaries as noise', () => {
    const concepts = parseQuery('请问怎么办理居住证');
    const keys = concepts.map((c) => c.key);
    expect(keys).not.toContain('请问');
    expect(keys).not.toContain('怎么');
    expect(concepts.find((c) => c.key === '办理')?.core).toBe(true);
    expect(concepts.find((c) => c.key === '么办')?.core).toBe(false);
  });

  it('keeps Latin words and digits, normalising full-width characters and case', () => {
    expect(parseQuery('ＡＰＰ 12345 热线').map((c) => c.key)).toEqual(expect.arrayContaining(['app', '12345', '热线']));
  });

  it('builds tsqueries with quoted lexemes, OR of concepts or AND of concepts', () => {
    const concepts = parseQuery("o'brien 医保", SYN);
    expect(toTsquery(concepts, 'any')).toBe(`(('医保') | ('医疗' & '疗保' & '保险')) | (('o''brien'))`);
    expect(toTsquery(concepts, 'all')).toContain(' & ((');
    expect(toTsquery([], 'any')).toBeNull();
  });

  it('asks for nothing when the query holds no real term (a bare digit, stray bigrams)', () => {
    expect(parseQuery('2')).toEqual([]);
    expect(parseQuery('a')).toEqual([]);
    expect(parseQuery('了吗')).toEqual([]);
    expect(parseQuery('80岁老人').find((c) => c.key === '80')?.core).toBe(false);
  });

  it('matches a lone Chinese character as a prefix', () => {
    const [c] = parseQuery('水');
    expect(holds(new Set(['水费']), c!)).toBeTruthy();
    expect(holds(new Set(['电费']), c!)).toBeUndefined();
  });
});

describe('highlighting', () => {
  it('escapes everything and marks only matched ranges, merging neighbours', () => {
    expect(markHtml('<b>公积金</b>提取', ['公积', '积金', '提取'])).toBe('&lt;b&gt;<mark>公积金</mark>&lt;/b&gt;<mark>提取</mark>');
    expect(escapeHtml(`"a'&`)).toBe('&quot;a&#39;&amp;');
  });

  it('matches case-insensitively and across full-width forms, keeping the original text', () => {
    expect(matchRanges('下载ＡＰＰ办理', ['app'])).toEqual([[2, 5]]);
    expect(markHtml('下载ＡＰＰ办理', ['app'])).toBe('下载<mark>ＡＰＰ</mark>办理');
  });

  it('cuts a snippet around the matches, with ellipses, from plain text of the markdown', () => {
    const body = `## 标题\n${'无关内容。'.repeat(40)}这里讲**居住证**签注。${'其他内容。'.repeat(40)}`;
    const s = snippetHtml(body, ['居住证'], 60);
    expect(s).toMatch(/^…/);
    expect(s).toMatch(/…$/);
    expect(s).toContain('<mark>居住证</mark>');
    expect(s).not.toContain('**');
    expect(snippetHtml('## 短文', [])).toBe('短文');
  });
});
