import { randomInt } from 'node:crypto';
import type { Queryable } from '../db/db.ts';
import { WorkCalendar } from '../calendar/workCalendar.ts';

/** `YYYYMMDD` (Asia/Shanghai) + a five-digit daily sequence, e.g. 2026112200001. */
export async function nextTrackingNumber(q: Queryable, now: Date): Promise<string> {
  const day = WorkCalendar.localDate(now).replaceAll('-', '');
  const [row] = await q.query<{ last: number }>(
    `INSERT INTO tracking_counters (day, last) VALUES ($1, 1)
       ON CONFLICT (day) DO UPDATE SET last = tracking_counters.last + 1 RETURNING last`,
    [day],
  );
  return `${day}${String(row!.last).padStart(5, '0')}`;
}

/** Six digits the citizen gives with the tracking number to see the order's progress. */
export function newQueryCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}
