import { describe, expect, it } from 'vitest';
import { countFeatures, featureStrings, hashFeature, normalizeText, unitSegments } from './features.ts';

describe('normalizeText', () => {
  it('handles empty and non-string input', () => {
    expect(normalizeText('')).toBe('');
    expect(normalizeText(undefined)).toBe('');
    expect(normalizeText(null)).toBe('');
    expect(normalizeText(42)).toBe('');
    expect(normalizeText('   \t\n  ')).toBe('');
  });

  it('folds full-width characters and case, and turns digit runs into one token', () => {
    expect(normalizeText('ＡＢＣ　ｂｕｓ　１２３路')).toBe('abc bus 0路');
    expect(normalizeText('2019年3月15日')).toBe('0年0月0日');
    expect(normalizeText('票价3.5元')).toBe('票价0元');
  });

  it('strips anonymised place names but keeps their administrative level', () => {
    const n = normalizeText('A市K1区L5县某小区，西地省');
    expect(n).not.toMatch(/[a-z]/);
    expect(n).toContain('小区');
    expect(n).not.toContain('西地');
  });

  it('removes HTML tags, entities, URLs and control characters', () => {
    const n = normalizeText('<p>公交车&nbsp;晚点</p><script>x</script>\u0000\u0007\u200b http://example.com/a?b=1 投诉');
    expect(n).not.toMatch(/[<>&\u0000-\u001f\u200b]/);
    expect(n).not.toContain('example');
    expect(n).toContain('公交车');
    expect(n).toContain('投诉');
  });

  it('survives emoji, lone surrogates and mixed scripts', () => {
    const n = normalizeText('😀😡 投诉 Привет こんにちは 안녕 \ud800 مرحبا');
    expect(typeof n).toBe('string');
    expect(n).toContain('投诉');
    expect(n).not.toMatch(/[\ud800-\udfff]/u);
  });

  it('bounds the work on a 1 MB text', () => {
    const big = '小区物业乱收费。'.repeat(131_072); // ~1M characters
    const t0 = performance.now();
    const n = normalizeText(big);
    const f = countFeatures(big);
    expect(n.length).toBeLessThanOrEqual(3000);
    expect(f.hashes.length).toBeGreaterThan(5);
    expect(f.hashes.length).toBe(new Set(f.hashes).size);
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});

describe('features', () => {
  it('makes character n-grams within punctuation-delimited segments', () => {
    const n = normalizeText('噪音扰民，请处理');
    expect(unitSegments(n)).toEqual([['噪', '音', '扰', '民'], ['请', '处', '理']]);
    const f = featureStrings(n, { charNgramMin: 1, charNgramMax: 3, words: false, wordBigrams: false, maxChars: 3000 });
    expect(f).toContain('噪音');
    expect(f).toContain('噪音扰');
    expect(f).not.toContain('民请'); // never across the comma
  });

  it('treats a Latin word and a digit run as single units', () => {
    const f = featureStrings(normalizeText('KTV噪音 123'), { charNgramMin: 1, charNgramMax: 2, words: false, wordBigrams: false, maxChars: 3000 });
    expect(f).toContain('ktv');
    expect(f).toContain('ktv噪');
    expect(f).toContain('0');
  });

  it('adds ICU words when enabled', () => {
    const f = featureStrings(normalizeText('拖欠工资'), { charNgramMin: 1, charNgramMax: 1, words: true, wordBigrams: false, maxChars: 3000 });
    expect(f.some((s) => s.startsWith('w:'))).toBe(true);
  });

  it('gives empty features for empty or punctuation-only text', () => {
    expect(countFeatures('').hashes).toEqual([]);
    expect(countFeatures('!!!???。。。……').hashes).toEqual([]);
  });

  it('counts repeated features and can return their names', () => {
    const f = countFeatures('好好好', undefined, true);
    const i = f.names?.indexOf('好') ?? -1;
    expect(i).toBeGreaterThanOrEqual(0);
    expect(f.counts[i]).toBe(3);
  });

  it('hashes deterministically into 30 bits', () => {
    expect(hashFeature('公交')).toBe(hashFeature('公交'));
    expect(hashFeature('公交')).not.toBe(hashFeature('交公'));
    for (const s of ['', 'a', '公交车', '😀']) {
      const h = hashFeature(s);
      expect(Number.isInteger(h) && h >= 0 && h < 2 ** 30).toBe(true);
    }
  });
});
