import type { HolidayEntry } from './workCalendar.ts';

// Public holidays and make-up workdays as published by the State Council General Office for
// 2025 and 2026. Later years are entered by the admin (节假日 page) when they are announced.
type Named = HolidayEntry & { name: string };

function range(from: string, to: string, name: string): Named[] {
  const out: Named[] = [];
  for (let t = new Date(`${from}T00:00:00Z`); t <= new Date(`${to}T00:00:00Z`); t = new Date(t.getTime() + 86_400_000)) {
    out.push({ date: t.toISOString().slice(0, 10), kind: 'holiday', name });
  }
  return out;
}
const workday = (date: string, name: string): Named => ({ date, kind: 'workday', name: `${name}调休上班` });

export const CHINA_HOLIDAYS: Named[] = [
  ...range('2025-01-01', '2025-01-01', '元旦'),
  ...range('2025-01-28', '2025-02-04', '春节'),
  workday('2025-01-26', '春节'),
  workday('2025-02-08', '春节'),
  ...range('2025-04-04', '2025-04-06', '清明节'),
  ...range('2025-05-01', '2025-05-05', '劳动节'),
  workday('2025-04-27', '劳动节'),
  ...range('2025-05-31', '2025-06-02', '端午节'),
  ...range('2025-10-01', '2025-10-08', '国庆节、中秋节'),
  workday('2025-09-28', '国庆节'),
  workday('2025-10-11', '国庆节'),
  ...range('2026-01-01', '2026-01-03', '元旦'),
  workday('2026-01-04', '元旦'),
  ...range('2026-02-15', '2026-02-23', '春节'),
  workday('2026-02-14', '春节'),
  workday('2026-02-28', '春节'),
  ...range('2026-04-04', '2026-04-06', '清明节'),
  ...range('2026-05-01', '2026-05-05', '劳动节'),
  workday('2026-05-09', '劳动节'),
  ...range('2026-06-19', '2026-06-21', '端午节'),
  ...range('2026-09-25', '2026-09-27', '中秋节'),
  ...range('2026-10-01', '2026-10-07', '国庆节'),
  workday('2026-09-20', '国庆节'),
  workday('2026-10-10', '国庆节'),
];
