import type { NodeOf, TimeRange } from '../flowSchema.ts';
import type { Outcome, VerbContext } from '../context.ts';
import type { IvrServices } from '../services.ts';
import { BaseVerb } from './base.ts';

export type DayType = 'workdays' | 'restdays' | 'holidays';

/** Local calendar date ("YYYY-MM-DD"), ISO weekday (1 = Monday) and "HH:MM" in a time zone. */
export function localTime(at: Date, timeZone: string): { date: string; weekday: number; hhmm: string } {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '';
  const weekday = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(get('weekday')) + 1;
  return { date: `${get('year')}-${get('month')}-${get('day')}`, weekday, hhmm: `${get('hour')}:${get('minute')}` };
}

/** Which set of opening hours applies: holidays first, then weekends unless worked (调休). */
export async function dayType(services: IvrServices, date: string, weekday: number): Promise<DayType> {
  if (await services.isHoliday(date)) return 'holidays';
  if (weekday <= 5) return 'workdays';
  return (await services.isMakeupWorkday?.(date)) ? 'workdays' : 'restdays';
}

export const isWithin = (hhmm: string, ranges: readonly TimeRange[]): boolean => ranges.some((r) => r.from <= hhmm && hhmm < r.to);

/** Day service / night service (日服/夜服): branches on the clock and the holiday calendar. */
export class ScheduleVerb extends BaseVerb<NodeOf<'schedule'>> {
  async exec(ctx: VerbContext): Promise<Outcome> {
    const n = this.node;
    const { date, weekday, hhmm } = localTime(ctx.now(), n.timezone);
    let type: DayType;
    try {
      type = await dayType(ctx.services, date, weekday);
    } catch {
      type = weekday <= 5 ? 'workdays' : 'restdays'; // calendar unavailable: fall back to the week
    }
    this.alive();
    const open = isWithin(hhmm, n[type]);
    return { next: open ? n.onOpen : n.onClosed, note: `${open ? 'day' : 'night'}:${type}` };
  }
}
