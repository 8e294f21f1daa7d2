// Working-day arithmetic in Asia/Shanghai (UTC+8, no daylight saving). Weekends are days off
// unless listed as make-up workdays (调休上班); listed holidays are days off.

const OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;

export interface HolidayEntry {
  date: string; // YYYY-MM-DD
  kind: 'holiday' | 'workday';
}

export class WorkCalendar {
  private readonly holidays = new Set<string>();
  private readonly workdays = new Set<string>();

  constructor(entries: readonly HolidayEntry[] = []) {
    for (const e of entries) (e.kind === 'holiday' ? this.holidays : this.workdays).add(e.date);
  }

  /** The Asia/Shanghai calendar date of an instant, as YYYY-MM-DD. */
  static localDate(t: Date): string {
    return new Date(t.getTime() + OFFSET_MS).toISOString().slice(0, 10);
  }

  isWorkday(date: string): boolean {
    if (this.holidays.has(date)) return false;
    if (this.workdays.has(date)) return true;
    const dow = new Date(`${date}T00:00:00Z`).getUTCDay();
    return dow !== 0 && dow !== 6;
  }

  /**
   * Adds working days: the deadline falls at the same local time of day on the n-th following
   * working day. Starting on a day off counts from the start of the next working day.
   */
  addWorkdays(start: Date, n: number): Date {
    const whole = Math.floor(n);
    const fraction = n - whole;
    let local = start.getTime() + OFFSET_MS;
    let date = new Date(local).toISOString().slice(0, 10);
    if (!this.isWorkday(date)) {
      // Move to 00:00 of the next working day, then count whole days from there.
      local = Math.floor(local / DAY_MS) * DAY_MS;
      do {
        local += DAY_MS;
        date = new Date(local).toISOString().slice(0, 10);
      } while (!this.isWorkday(date));
    }
    let added = 0;
    while (added < whole) {
      local += DAY_MS;
      date = new Date(local).toISOString().slice(0, 10);
      if (this.isWorkday(date)) added++;
    }
    return new Date(local - OFFSET_MS + fraction * DAY_MS);
  }

  /** Adds hours of working time, skipping days off entirely (emergencies use plain hours instead). */
  addWorkHours(start: Date, hours: number): Date {
    const days = Math.floor(hours / 24);
    const rest = hours - days * 24;
    const base = days > 0 ? this.addWorkdays(start, days) : this.addWorkdays(start, 0);
    return new Date(base.getTime() + rest * 3600_000);
  }

  /** Working days between two instants (whole days, may be negative), for reports. */
  workdaysBetween(a: Date, b: Date): number {
    const sign = a <= b ? 1 : -1;
    const [from, to] = sign === 1 ? [a, b] : [b, a];
    let count = 0;
    let local = Math.floor((from.getTime() + OFFSET_MS) / DAY_MS) * DAY_MS;
    const end = Math.floor((to.getTime() + OFFSET_MS) / DAY_MS) * DAY_MS;
    while (local < end) {
      local += DAY_MS;
      if (this.isWorkday(new Date(local).toISOString().slice(0, 10))) count++;
    }
    return sign * count;
  }
}
