import { describe, expect, it } from 'vitest';
import { documentTokens, searchQuery } from './tokenize.ts';

describe('Chinese search tokens', () => {
  it('indexes words and character bigrams of Chinese text', () => {
    const t = documentTokens('小区楼下夜间施工噪音扰民');
    expect(t).toContain('噪音');
    expect(t).toContain('施工');
    expect(t).toContain('扰民'); // a bigram even where the segmenter cut differently
  });

  it('a query matches when all its bigrams are present', () => {
    expect(searchQuery('噪音扰民')).toBe("'噪音' & '音扰' & '扰民'");
  });

  it('folds full-width letters and case', () => {
    expect(documentTokens('ＡＢＣ公司')).toContain('abc');
    expect(searchQuery('ABC')).toBe("'abc'");
  });

  it('a single character becomes a prefix search', () => {
    expect(searchQuery('路')).toBe("('路' | '路':*)");
  });

  it('quotes are escaped and punctuation-only queries give nothing', () => {
    expect(searchQuery("O'Brien")).toContain("''");
    expect(searchQuery('！？。，')).toBeNull();
    expect(searchQuery('')).toBeNull();
  });

  it('caps the size of the token set for huge texts', () => {
    const huge = Array.from({ length: 20000 }, (_, i) => String.fromCharCode(0x4e00 + (i % 5000))).join('');
    expect(documentTokens(huge).length).toBeLessThanOrEqual(4001);
  });
});
