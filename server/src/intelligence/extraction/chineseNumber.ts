// Chinese numerals as citizens write them: 十五, 一百零五, 两千五 (= 2500), 三万五 (= 35000),
// 1.5万, 3万5千, 壹佰贰拾, and digit strings such as 二〇二四 for years.

const DIGITS: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 壹: 1, 二: 2, 贰: 2, 两: 2, 三: 3, 叁: 3, 四: 4, 肆: 4,
  五: 5, 伍: 5, 六: 6, 陆: 6, 七: 7, 柒: 7, 八: 8, 捌: 8, 九: 9, 玖: 9,
};
const SMALL_UNITS: Record<string, number> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 };
const BIG_UNITS: Record<string, number> = { 万: 1e4, 萬: 1e4, 亿: 1e8 };

/** Characters that may appear in a number written with Chinese numerals or Arabic digits. */
export const NUMERAL_CHARS = '0-9０-９.．零〇一壹二贰两三叁四肆五伍六陆七柒八捌九玖十拾百佰千仟万萬亿';

const toHalfWidth = (s: string) => s.replace(/[０-９．]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));

/**
 * The value of a numeral, or null when it is not one. A trailing digit right after a unit is read
 * colloquially as the next lower unit: 两千五 = 2500, 三万五 = 35000, 一百五 = 150 (but 一百零五 = 105).
 */
export function parseChineseNumber(raw: string): number | null {
  const s = toHalfWidth(raw.trim());
  if (s === '') return null;
  if (/^\d+(\.\d+)?$/.test(s)) return Number(s);
  // A bare run of digit characters (二〇二四, 一二三) is read digit by digit.
  if ([...s].every((c) => c in DIGITS) && s.length > 1) return Number([...s].map((c) => DIGITS[c]).join(''));
  let total = 0;
  let section = 0;
  let num: number | null = null;
  let lastUnit = 0;
  let zeroSeen = false;
  let i = 0;
  while (i < s.length) {
    const arabic = /^\d+(\.\d+)?/.exec(s.slice(i));
    if (arabic) {
      if (num !== null) return null;
      num = Number(arabic[0]);
      i += arabic[0].length;
      continue;
    }
    const c = s[i] as string;
    i++;
    if (c in DIGITS) {
      const d = DIGITS[c] as number;
      if (d === 0) {
        zeroSeen = true;
        continue;
      }
      if (num !== null) return null;
      num = d;
    } else if (c in SMALL_UNITS) {
      const u = SMALL_UNITS[c] as number;
      section += (num ?? 1) * u;
      num = null;
      lastUnit = u;
      zeroSeen = false;
    } else if (c in BIG_UNITS) {
      const u = BIG_UNITS[c] as number;
      if (section === 0 && num === null && total === 0) return null;
      // 三亿五千万: the 万 applies to 五千 only; 1.5万: to 1.5.
      total += (section + (num ?? 0)) * u;
      section = 0;
      num = null;
      lastUnit = u;
      zeroSeen = false;
    } else {
      return null;
    }
  }
  if (num !== null) section += !zeroSeen && lastUnit >= 10 ? (num * lastUnit) / 10 : num;
  return total + section;
}
