import { describe, expect, it } from 'vitest';
import { WorkCalendar } from './workCalendar.ts';
import { CHINA_HOLIDAYS } from './holidays.ts';
import { DEFAULT_DEADLINE_RULES, computeDeadlines } from './deadlines.ts';

const cal = new WorkCalendar(CHINA_HOLIDAYS);
const at = (s: string) => new Date(s);
const local = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

describe('working-day calendar (Asia/Shanghai)', () => {
  it('skips weekends', () => {
    // Friday 10:00 + 1 working day = Monday 10:00.
    expect(local(cal.addWorkdays(at('2026-11-20T10:00:00+08:00'), 1))).toBe('2026-11-23 10:00');
  });

  it('skips the National Day holiday and counts make-up workdays', () => {
    // Wed 30 Sep 2026 + 1 = Thu 8 Oct (1–7 Oct off); + 2 = Sat 10 Oct, a make-up workday.
    expect(local(cal.addWorkdays(at('2026-09-30T15:00:00+08:00'), 1))).toBe('2026-10-08 15:00');
    expect(local(cal.addWorkdays(at('2026-09-30T15:00:00+08:00'), 2))).toBe('2026-10-09 15:00');
    expect(local(cal.addWorkdays(at('2026-09-30T15:00:00+08:00'), 3))).toBe('2026-10-10 15:00');
    expect(cal.isWorkday('2026-09-20')).toBe(true); // Sunday, make-up workday
    expect(cal.isWorkday('2026-10-05')).toBe(false);
  });

  it('starting on a day off counts from the start of the next working day', () => {
    // Saturday 21 Nov 15:00 + 1 working day = Tuesday 24 Nov 00:00 (Monday counts as the first day's start).
    expect(local(cal.addWorkdays(at('2026-11-21T15:00:00+08:00'), 1))).toBe('2026-11-24 00:00');
  });

  it('uses the local date near midnight, not the UTC date', () => {
    // 00:30 Monday in Shanghai is still Sunday in UTC.
    expect(WorkCalendar.localDate(at('2026-11-23T00:30:00+08:00'))).toBe('2026-11-23');
    expect(local(cal.addWorkdays(at('2026-11-23T00:30:00+08:00'), 1))).toBe('2026-11-24 00:30');
  });

  it('counts working days between two instants', () => {
    expect(cal.workdaysBetween(at('2026-11-20T10:00:00+08:00'), at('2026-11-24T10:00:00+08:00'))).toBe(2);
    expect(cal.workdaysBetween(at('2026-11-24T10:00:00+08:00'), at('2026-11-20T10:00:00+08:00'))).toBe(-2);
  });
});

describe('deadline rules', () => {
  const rule = (type: string, urgency: string) => DEFAULT_DEADLINE_RULES.find((r) => r.type === type && r.urgency === urgency)!;

  it('a normal complaint has 10 working days and warns at 80%', () => {
    const d = computeDeadlines(cal, rule('complaint', 'normal'), at('2026-11-23T09:00:00+08:00'));
    expect(local(d.handleDeadline)).toBe('2026-12-07 09:00');
    expect(d.warnAt.getTime()).toBeLessThan(d.handleDeadline.getTime());
    expect(d.warnAt.getTime()).toBeGreaterThan(at('2026-11-23T09:00:00+08:00').getTime());
  });

  it('an emergency runs on clock hours, even over a holiday', () => {
    const d = computeDeadlines(cal, rule('help', 'emergency'), at('2026-10-03T22:00:00+08:00'));
    expect(local(d.acceptDeadline)).toBe('2026-10-03 22:30');
    expect(local(d.handleDeadline)).toBe('2026-10-04 00:00');
  });
});
