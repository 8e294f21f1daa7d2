// Sums of money: 300元, 1.5万元, 两千五百块, 三万多元, ￥1,200, 人民币5000元, and a bare
// 3万 right after a money word (罚款3万, 拖欠工资两万).

import { NUMERAL_CHARS, parseChineseNumber } from './chineseNumber.ts';
import type { AmountEntity } from './types.ts';

const N = NUMERAL_CHARS;
const LAST = N.replace('.．', '');
const AMOUNT = new RegExp(
  `(?<![几数0-9０-９${N}])((?:¥|￥|RMB|人民币)\\s?)?(\\d{1,3}(?:[,，]\\d{3})+(?:\\.\\d+)?|[${N}]*[${LAST}])(多|余|来)?(亿元|万元|千元|百元|万块|元|圆|块钱|块(?![\\p{Script=Han}])|万|千)?(左右|上下)?`,
  'gu',
);
// Words after which a number is money even without 元.
const MONEY_CUE = /(罚款|罚了|赔偿|赔了|补偿|工资|押金|定金|订金|费用|收费|收了|花了|欠款|拖欠|退款|房租|租金|售价|价格|报价|首付|贷款|借了)\s?$/;

export function extractAmounts(text: string): AmountEntity[] {
  const out: AmountEntity[] = [];
  for (const m of text.matchAll(AMOUNT)) {
    const [whole, prefix, numeral, more, unit = '', about] = m;
    const hasCurrency = Boolean(prefix) || /[元圆块]/.test(unit);
    const cued = MONEY_CUE.test(text.slice(Math.max(0, m.index - 6), m.index));
    if (!hasCurrency && !(cued && (unit || /[0-9万千百]/.test(numeral!)))) continue;
    const n = parseChineseNumber(numeral!.replace(/[,，]/g, ''));
    if (n === null || !Number.isFinite(n) || n <= 0) continue;
    let yuan = n;
    if (unit.startsWith('亿')) yuan *= 1e8;
    else if (unit.startsWith('万')) yuan *= 1e4;
    else if (unit.startsWith('千')) yuan *= 1e3;
    else if (unit.startsWith('百')) yuan *= 100;
    const end = m.index + whole.length;
    out.push({
      kind: 'amount',
      start: m.index,
      end,
      text: whole,
      value: { yuan: Math.round(yuan * 100) / 100, approximate: Boolean(more || about) },
    });
  }
  return out;
}
