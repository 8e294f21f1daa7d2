import { describe, expect, it } from 'vitest';
import { parseChineseNumber } from './chineseNumber.ts';
import { extractAmounts } from './amounts.ts';
import { extractCompanies } from './companies.ts';

describe('Chinese numerals', () => {
  it.each([
    ['十五', 15],
    ['二十五', 25],
    ['一百零五', 105],
    ['两千五百', 2500],
    ['两千五', 2500],
    ['三万五', 35000],
    ['一百五', 150],
    ['3万5千', 35000],
    ['1.5万', 15000],
    ['壹佰贰拾', 120],
    ['三亿五千万', 350000000],
    ['二〇二四', 2024],
  ])('%s = %d', (s, n) => expect(parseChineseNumber(s)).toBe(n));

  it('returns null for what is not a numeral', () => {
    for (const s of ['', '五五五五十', '万', 'abc', '三个']) expect(parseChineseNumber(s)).toBeNull();
  });
});

describe('amounts', () => {
  it('values in yuan, with 万/千 units, Chinese numerals, currency signs and "about" markers', () => {
    const text = '拖欠工资两万五千元，押金3000块钱，罚款3万，一千多元，1.5万元，￥1,200，人民币5000元左右';
    expect(extractAmounts(text).map((a) => [a.text, a.value.yuan, a.value.approximate])).toEqual([
      ['两万五千元', 25000, false],
      ['3000块钱', 3000, false],
      ['3万', 30000, false],
      ['一千多元', 1000, true],
      ['1.5万元', 15000, false],
      ['￥1,200', 1200, false],
      ['人民币5000元左右', 5000, true],
    ]);
  });

  it('ignores numbers without a currency or a money word, vague amounts and 一块 meaning "together"', () => {
    expect(extractAmounts('住在3栋，等了3万年，一块去吃饭，几百元，2026年')).toEqual([]);
  });
});

describe('company and shop names', () => {
  it('cuts the name after the words that usually precede it', () => {
    const names = extractCompanies('投诉A市宏达建材有限公司拖欠货款，还有和平超市和星光便利店，向鑫源房地产开发有限公司反映').map((c) => c.value.name);
    expect(names).toEqual(['A市宏达建材有限公司', '和平超市', '星光便利店', '鑫源房地产开发有限公司']);
  });

  it('drops descriptions that are not names', () => {
    expect(extractCompanies('我们小区的物业公司不管，楼下烧烤店太吵，这家店，我的店')).toEqual([]);
  });

  it('types: company vs shop; offsets match the text', () => {
    const text = '在星光科技股份有限公司旁边的老街饭店';
    const found = extractCompanies(text);
    expect(found.map((c) => c.value.type)).toEqual(['company', 'shop']);
    for (const c of found) expect(text.slice(c.start, c.end)).toBe(c.text);
  });
});
