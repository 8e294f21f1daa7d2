import { describe, expect, it } from 'vitest';
import { extractDateTimes } from './dates.ts';

// Monday 23 November 2026, 09:00 in Asia/Shanghai (01:00 UTC).
const NOW = new Date('2026-11-23T01:00:00Z');
const one = (text: string, now = NOW) => {
  const found = extractDateTimes(text, now);
  expect(found, text).toHaveLength(1);
  return found[0]!;
};

describe('relative dates, resolved in Asia/Shanghai', () => {
  it.each([
    ['今天', '2026-11-23'],
    ['昨天', '2026-11-22'],
    ['前天', '2026-11-21'],
    ['大前天', '2026-11-20'],
    ['明天', '2026-11-24'],
    ['三天前', '2026-11-20'],
    ['上周五', '2026-11-20'],
    ['上星期五', '2026-11-20'],
    ['这周三', '2026-11-25'],
    ['下周一', '2026-11-30'],
    ['周日', '2026-11-22'],
    ['上上周一', '2026-11-09'],
  ])('%s → %s (whole day)', (text, date) => {
    const e = one(text);
    expect(e.value).toMatchObject({ date, precision: 'day', relative: true, start: `${date}T00:00:00+08:00` });
    expect(e.text).toBe(text);
  });

  it('the reference day follows Shanghai, not UTC: 23:30 UTC on the 22nd is already the 23rd', () => {
    expect(one('昨天', new Date('2026-11-22T23:30:00Z')).value.date).toBe('2026-11-22');
  });

  it('昨天晚上 and 昨晚 are yesterday evening; 今天上午 is this morning', () => {
    for (const t of ['昨天晚上', '昨晚']) {
      expect(one(t).value).toMatchObject({ date: '2026-11-22', precision: 'period', start: '2026-11-22T18:00:00+08:00', end: '2026-11-23T00:00:00+08:00' });
    }
    expect(one('今天上午').value).toMatchObject({ start: '2026-11-23T08:00:00+08:00', end: '2026-11-23T12:00:00+08:00' });
  });

  it('clock times with periods: 下午三点, 昨晚八点半, 晚上十二点, 中午1点, 凌晨两点', () => {
    expect(one('下午三点').value).toMatchObject({ date: '2026-11-23', time: '15:00', precision: 'hour' });
    expect(one('昨晚八点半').value).toMatchObject({ date: '2026-11-22', time: '20:30', precision: 'minute' });
    expect(one('昨天晚上十二点').value).toMatchObject({ date: '2026-11-23', time: '00:00' });
    expect(one('中午1点').value.time).toBe('13:00');
    expect(one('凌晨两点').value).toMatchObject({ date: '2026-11-23', time: '02:00' });
    expect(one('15:30').value).toMatchObject({ time: '15:30', precision: 'minute' });
    expect(one('三点一刻左右').value.time).toBe('03:15');
  });

  it('hours and minutes ago are instants, not days', () => {
    expect(one('两个小时前').value).toMatchObject({ start: '2026-11-23T07:00:00+08:00', precision: 'hour' });
    expect(one('半小时前').value).toMatchObject({ precision: 'hour', start: '2026-11-23T08:00:00+08:00' });
    expect(one('20分钟前').value).toMatchObject({ start: '2026-11-23T08:40:00+08:00', precision: 'minute' });
  });

  it('months: 上个月 is the whole previous month', () => {
    expect(one('上个月').value).toMatchObject({ precision: 'month', start: '2026-10-01T00:00:00+08:00', end: '2026-11-01T00:00:00+08:00' });
    expect(one('上个月5号').value).toMatchObject({ precision: 'day', date: '2026-10-05' });
  });
});

describe('absolute dates', () => {
  it.each([
    ['2024年3月5日', '2024-03-05', false],
    ['2024-03-05', '2024-03-05', false],
    ['2024/3/5', '2024-03-05', false],
    ['二〇二四年三月五日', '2024-03-05', false],
    ['24年3月5号', '2024-03-05', false],
    ['去年十二月二十五日', '2025-12-25', true],
    ['3月5日', '2026-03-05', true],
    ['12月1日', '2026-12-01', true],
  ])('%s → %s', (text, date, relative) => {
    expect(one(text).value).toMatchObject({ date, precision: 'day', relative });
  });

  it('a month-day more than 60 days ahead is last year’s', () => {
    expect(one('3月5日', new Date('2026-01-10T04:00:00Z')).value.date).toBe('2026-03-05');
    expect(one('12月20日', new Date('2026-01-10T04:00:00Z')).value.date).toBe('2025-12-20');
  });

  it('date and time together: 2024年3月5日下午三点', () => {
    expect(one('2024年3月5日下午三点').value).toMatchObject({ start: '2024-03-05T15:00:00+08:00', end: '2024-03-05T16:00:00+08:00', precision: 'hour', relative: false });
  });

  it('rejects impossible dates and clocks', () => {
    expect(extractDateTimes('2月30日', NOW)).toEqual([]);
    expect(extractDateTimes('13月1日', NOW)).toEqual([]);
    expect(extractDateTimes('25:10', NOW)).toEqual([]);
  });
});

describe('what is not a time', () => {
  it.each(['声音小一点', '有点吵', '提三点意见', '每天晚上十点都在施工', '3号楼', '一时找不到', '5号线'])('%s', (text) => {
    expect(extractDateTimes(text, NOW)).toEqual([]);
  });

  it('offsets point into the original text', () => {
    const text = '我昨天晚上八点打过电话，上周五也打过';
    for (const e of extractDateTimes(text, NOW)) expect(text.slice(e.start, e.end)).toBe(e.text);
    expect(extractDateTimes(text, NOW).map((e) => e.text)).toEqual(['昨天晚上八点', '上周五']);
  });
});
