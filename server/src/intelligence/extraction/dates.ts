// Dates and times as citizens write them, resolved against a reference instant in Asia/Shanghai:
// 2024年3月5日, 3月5号, 2024-03-05, 今天/昨天/前天/明天, 昨晚/今早, 上周五/这周三/周日,
// 上个月, 三天前, 两个小时前, and clock times 下午三点, 晚上8点半, 15:30, 凌晨两点.
//
// Rules where the text leaves a choice:
// - a month-day without a year is this year's, unless that lies more than 60 days ahead (then
//   last year's): appeals mostly report what already happened;
// - a bare weekday (周五) is the latest such day on or before the reference date;
// - a time without a date is on the reference date, unless it is habitual (每天晚上十点).

import { parseChineseNumber } from './chineseNumber.ts';
import { addDays, addMonths, isValidDate, startOfDay, toWall, wall, wallDate, wallIso, wallParts, wallTime } from './shanghaiTime.ts';
import type { DatePrecision, DateTimeEntity } from './types.ts';

const CN = '[零〇一二两三四五六七八九十]';
const NUM2 = `(?:\\d{1,2}|${CN}{1,3})`;

const DATE = [
  `(?<iy>\\d{4})[-/.](?<im>\\d{1,2})[-/.](?<id>\\d{1,2})(?![\\d.])[日号]?`,
  `(?:(?<y>\\d{4}|\\d{2}|[〇零一二三四五六七八九]{2,4})年|(?<yrel>去年|今年|明年|前年))?(?<mo>${NUM2})月份?(?:(?<d>${NUM2})[日号])?`,
  `(?<mrel>上个月|上月|本月|这个月|下个月|下月)(?:(?<md>${NUM2})[日号])?`,
  `(?<wp>上上|上|这|本|下)?个?(?:周|星期|礼拜)(?<wd>[一二三四五六日天1-7])`,
  `(?<rdp>昨晚|昨夜|今早|今晨|今晚|明早|明晚|前晚)`,
  `(?<rd>大前天|前天|昨天|昨日|今天|今日|明天|明日|大后天|后天)`,
  `(?<n>\\d{1,3}|${CN}{1,3}|半)(?<unit>天|日|个?星期|周|个?月|个?小时|分钟)(?<dir>以前|之前|前|以后|之后|后)`,
].join('|');
const PERIOD = '凌晨|清晨|早上|早晨|上午|中午|下午|傍晚|晚上|夜里|夜间|半夜|深夜|白天';
const CLOCK = `(?<h>\\d{1,2}|${CN}{1,3})(?<hu>点钟?|时)(?:(?<half>半)|(?<qtr>一刻|三刻)|(?<mi>\\d{1,2}|${CN}{1,3})分?)?(?<about>多|左右)?|(?<hh>[01]?\\d|2[0-3])[:：](?<mm>[0-5]\\d)(?!\\d)`;
const PATTERN = new RegExp(`(?<![\\d年月])(?:${DATE})?(?:\\s*的?\\s*(?<period>${PERIOD}))?(?:\\s*(?:${CLOCK}))?`, 'g');

const RDAY: Record<string, number> = { 大前天: -3, 前天: -2, 昨天: -1, 昨日: -1, 今天: 0, 今日: 0, 明天: 1, 明日: 1, 后天: 2, 大后天: 3 };
const RDAY_PERIOD: Record<string, [number, string]> = {
  昨晚: [-1, '晚上'], 昨夜: [-1, '夜里'], 前晚: [-2, '晚上'], 今早: [0, '早上'], 今晨: [0, '早上'], 今晚: [0, '晚上'], 明早: [1, '早上'], 明晚: [1, '晚上'],
};
/** Period spans in hours of the day (an end past 24 runs into the next day). */
const PERIODS: Record<string, [number, number]> = {
  凌晨: [0, 6], 清晨: [5, 8], 早上: [6, 9], 早晨: [6, 9], 上午: [8, 12], 中午: [11, 14], 下午: [12, 18], 傍晚: [17, 19],
  晚上: [18, 24], 夜里: [20, 29], 夜间: [20, 29], 半夜: [23, 29], 深夜: [22, 29], 白天: [6, 18],
};
const WEEKDAY: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 7, 天: 7 };
const HABITUAL = /(每天|每晚|每日|天天|每到|每逢|经常|常常|每周.|每个.{0,2})\s*$/;

const num = (s: string | undefined): number | null => (s === undefined ? null : s === '半' ? 0.5 : parseChineseNumber(s));

interface Parsed {
  /** Wall start of the day (or month) the date names; null when only a time was given. */
  day: number | null;
  precision: DatePrecision;
  relative: boolean;
  /** An exact instant (N hours/minutes ago) overrides the day. */
  instant?: { start: number; precision: DatePrecision };
  impliedPeriod?: string;
}

export function extractDateTimes(text: string, reference: Date): DateTimeEntity[] {
  const nowWall = toWall(reference);
  const today = startOfDay(nowWall);
  const out: DateTimeEntity[] = [];
  for (const m of text.matchAll(PATTERN)) {
    if (m[0].length === 0) continue;
    const g = m.groups ?? {};
    const date = parseDate(g, today, nowWall);
    if (date === undefined) continue;
    const hasClock = g.h !== undefined || g.hh !== undefined;
    const period = g.period ?? date?.impliedPeriod;
    if (!date) {
      // A time alone: a clock is needed, written so it cannot be "一点" (a little) or "三点意见".
      if (!hasClock || !plausibleBareClock(g, Boolean(g.period))) continue;
      if (HABITUAL.test(text.slice(Math.max(0, m.index - 6), m.index))) continue;
    }
    const entity = build(m, date ?? { day: today, precision: 'day', relative: true }, period, hasClock);
    if (entity) out.push(entity);
  }
  return out;
}

/** The date part; null when absent, undefined when present but not a real date. */
function parseDate(g: Record<string, string | undefined>, today: number, nowWall: number): Parsed | null | undefined {
  const t = wallParts(today);
  if (g.iy) {
    const [y, mo, d] = [Number(g.iy), Number(g.im), Number(g.id)];
    return isValidDate(y, mo, d) ? { day: wall(y, mo, d), precision: 'day', relative: false } : undefined;
  }
  if (g.mo) {
    const mo = num(g.mo);
    const d = g.d ? num(g.d) : 1;
    if (mo === null || d === null) return undefined;
    let y: number;
    let relative = false;
    if (g.y) {
      const yy = /^\d+$/.test(g.y) ? Number(g.y) : parseChineseNumber(g.y);
      if (yy === null) return undefined;
      y = yy < 100 ? 2000 + yy : yy;
    } else if (g.yrel) {
      y = t.y + ({ 前年: -2, 去年: -1, 今年: 0, 明年: 1 } as Record<string, number>)[g.yrel]!;
      relative = true;
    } else {
      y = t.y;
      relative = true;
      if (isValidDate(y, mo, d) && wall(y, mo, d) - today > 60 * 86_400_000) y -= 1;
    }
    if (!isValidDate(y, mo, d)) return undefined;
    return { day: wall(y, mo, d), precision: g.d ? 'day' : 'month', relative };
  }
  if (g.mrel) {
    const delta = g.mrel.startsWith('上') ? -1 : g.mrel.startsWith('下') ? 1 : 0;
    const first = addMonths(today, delta);
    if (!g.md) return { day: first, precision: 'month', relative: true };
    const p = wallParts(first);
    const d = num(g.md);
    if (d === null || !isValidDate(p.y, p.m, d)) return undefined;
    return { day: wall(p.y, p.m, d), precision: 'day', relative: true };
  }
  if (g.wd) {
    const target = WEEKDAY[g.wd] ?? Number(g.wd);
    const monday = addDays(today, 1 - t.weekday);
    const offsets: Record<string, number> = { 上上: -14, 上: -7, 这: 0, 本: 0, 下: 7 };
    const day = g.wp ? addDays(monday, (offsets[g.wp] as number) + target - 1) : addDays(today, -((t.weekday - target + 7) % 7));
    return { day, precision: 'day', relative: true };
  }
  if (g.rdp) {
    const [delta, period] = RDAY_PERIOD[g.rdp]!;
    return { day: addDays(today, delta), precision: 'period', relative: true, impliedPeriod: period };
  }
  if (g.rd) return { day: addDays(today, RDAY[g.rd]!), precision: 'day', relative: true };
  if (g.unit) {
    const n = num(g.n);
    if (n === null || n <= 0) return undefined;
    const sign = g.dir!.includes('前') ? -1 : 1;
    if (g.unit.endsWith('小时')) return { day: null, precision: 'hour', relative: true, instant: { start: nowWall + sign * n * 3600_000, precision: 'hour' } };
    if (g.unit === '分钟') return { day: null, precision: 'minute', relative: true, instant: { start: nowWall + sign * n * 60_000, precision: 'minute' } };
    if (!Number.isInteger(n)) return undefined;
    if (g.unit.endsWith('月')) return { day: addMonths(today, sign * n), precision: 'month', relative: true };
    const days = g.unit === '天' || g.unit === '日' ? n : n * 7;
    return { day: addDays(today, sign * days), precision: 'day', relative: true };
  }
  return null;
}

function plausibleBareClock(g: Record<string, string | undefined>, withPeriod: boolean): boolean {
  if (withPeriod || g.hh !== undefined) return true;
  if (/^\d+$/.test(g.h ?? '') && g.hu !== undefined) return true;
  return g.hu === '点钟' || Boolean(g.half || g.qtr || g.mi || g.about);
}

function build(m: RegExpMatchArray, date: Parsed, period: string | undefined, hasClock: boolean): DateTimeEntity | null {
  const g = m.groups ?? {};
  let start: number;
  let end: number;
  let precision: DatePrecision = date.precision;
  if (date.instant) {
    start = date.instant.precision === 'hour' ? Math.floor(date.instant.start / 3600_000) * 3600_000 : Math.floor(date.instant.start / 60_000) * 60_000;
    precision = date.instant.precision;
    end = start + (precision === 'hour' ? 3600_000 : 60_000);
  } else if (hasClock && date.precision !== 'month') {
    const clock = clockOf(g, period);
    if (!clock) return null;
    start = date.day! + clock.minutes * 60_000;
    precision = clock.precision;
    end = start + (precision === 'hour' ? 3600_000 : 60_000);
  } else if (period && date.precision !== 'month') {
    const [a, b] = PERIODS[period]!;
    start = date.day! + a * 3600_000;
    end = date.day! + b * 3600_000;
    precision = 'period';
  } else if (date.precision === 'month') {
    start = date.day!;
    end = addMonths(start, 1);
  } else {
    start = date.day!;
    end = addDays(start, 1);
  }
  // Only the parts the pattern actually used belong to the span (a period word that was not
  // combined with a date, such as the 晚上 of a month-only date, is left out).
  const value: DateTimeEntity['value'] = { date: wallDate(start), start: wallIso(start), end: wallIso(end), precision, relative: date.relative };
  if (precision === 'hour' || precision === 'minute') value.time = wallTime(start);
  const text = m[0].replace(/\s+$/, '');
  return { kind: 'datetime', start: m.index!, end: m.index! + text.length, text, value };
}

/** Minutes after the date's midnight (may pass 24 h for 半夜两点 and 晚上十二点). */
function clockOf(g: Record<string, string | undefined>, period: string | undefined): { minutes: number; precision: DatePrecision } | null {
  let h: number | null;
  let mi = 0;
  let precision: DatePrecision = 'hour';
  if (g.hh !== undefined) {
    h = Number(g.hh);
    mi = Number(g.mm);
    precision = 'minute';
  } else {
    h = num(g.h);
    if (g.half) mi = 30;
    else if (g.qtr) mi = g.qtr === '一刻' ? 15 : 45;
    else if (g.mi !== undefined) mi = num(g.mi) ?? -1;
    if (g.half || g.qtr || g.mi !== undefined) precision = 'minute';
  }
  if (h === null || !Number.isInteger(h) || h < 0 || h > 24 || mi < 0 || mi > 59) return null;
  if (period) {
    if (['下午', '傍晚', '晚上', '夜里', '夜间'].includes(period) && h < 12) h += 12;
    else if (['晚上', '夜里', '夜间', '半夜', '深夜'].includes(period) && h === 12) h = 24;
    else if (period === '中午' && h <= 3) h += 12;
    else if (['半夜', '深夜'].includes(period)) h = h >= 6 && h < 12 ? h + 12 : h < 6 ? h + 24 : h;
  }
  return { minutes: h * 60 + mi, precision };
}
