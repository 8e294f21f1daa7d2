import type { AppealType, DeadlineState, Urgency } from '@hotline/shared';
import type { Db } from '../db/db.ts';
import { DEFAULT_DEADLINE_RULES, computeDeadlines, type DeadlineRule, type Deadlines } from './deadlines.ts';
import { WorkCalendar, type HolidayEntry } from './workCalendar.ts';

/** Deadline rules and the holiday calendar as configured in the database, cached until changed. */
export class DeadlinePolicy {
  private cache: Promise<{ rules: Map<string, DeadlineRule>; calendar: WorkCalendar }> | null = null;
  private loadedAt = 0;

  constructor(
    private readonly db: Db,
    private readonly ttlMs = 60_000,
  ) {}

  invalidate(): void {
    this.cache = null;
  }

  private load() {
    if (!this.cache || Date.now() - this.loadedAt > this.ttlMs) {
      this.loadedAt = Date.now();
      this.cache = (async () => {
        const rows = await this.db.query<DeadlineRule>(
          `SELECT type, urgency, accept_hours AS "acceptHours", handle_amount AS "handleAmount", handle_unit AS "handleUnit", warn_ratio AS "warnRatio" FROM deadline_rules`,
        );
        const holidays = await this.db.query<HolidayEntry>(`SELECT to_char(date, 'YYYY-MM-DD') AS date, kind FROM holidays`);
        const rules = new Map(DEFAULT_DEADLINE_RULES.map((r) => [`${r.type}/${r.urgency}`, r]));
        for (const r of rows) rules.set(`${r.type}/${r.urgency}`, r);
        return { rules, calendar: new WorkCalendar(holidays) };
      })();
      this.cache.catch(() => (this.cache = null));
    }
    return this.cache;
  }

  /**
   * The rules as a synchronous object, loaded before a transaction starts: PGlite has one
   * connection, so a cache refresh inside a transaction would wait for that transaction forever.
   */
  async snapshot(): Promise<DeadlineSnapshot> {
    const { rules, calendar } = await this.load();
    return {
      deadlinesFor: (type, urgency, from) => computeDeadlines(calendar, rules.get(`${type}/${urgency}`)!, from),
      extend: (deadline, days) => calendar.addWorkdays(deadline, days),
    };
  }
}

export interface DeadlineSnapshot {
  deadlinesFor(type: AppealType, urgency: Urgency, from: Date): Deadlines;
  extend(deadline: Date, days: number): Date;
}

export function deadlineStateAt(now: Date, o: { status: string; acceptDeadline: Date | null; handleDeadline: Date | null; handleWarnAt: Date | null }): DeadlineState {
  if (o.handleDeadline && now > o.handleDeadline) return 'overdue';
  if (o.status === 'dispatched' && o.acceptDeadline && now > o.acceptDeadline) return 'overdue';
  if (o.handleWarnAt && now > o.handleWarnAt) return 'warning';
  return 'ok';
}
