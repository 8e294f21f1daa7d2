import type { AppealType, Urgency } from '@hotline/shared';
import type { WorkCalendar } from './workCalendar.ts';

export interface DeadlineRule {
  type: AppealType;
  urgency: Urgency;
  acceptHours: number;
  handleAmount: number;
  handleUnit: 'workdays' | 'hours';
  warnRatio: number;
}

// Defaults a city changes in the admin pages. Urgent and emergency appeals run on clock hours:
// a gas leak does not wait for Monday.
const HANDLE_WORKDAYS: Record<AppealType, number> = {
  consultation: 3,
  help: 5,
  complaint: 10,
  report: 15,
  suggestion: 15,
  praise: 5,
  other: 10,
};

export const DEFAULT_DEADLINE_RULES: DeadlineRule[] = Object.entries(HANDLE_WORKDAYS).flatMap(([type, days]) => [
  { type: type as AppealType, urgency: 'normal', acceptHours: 24, handleAmount: days, handleUnit: 'workdays', warnRatio: 0.8 },
  { type: type as AppealType, urgency: 'urgent', acceptHours: 2, handleAmount: 24, handleUnit: 'hours', warnRatio: 0.75 },
  { type: type as AppealType, urgency: 'emergency', acceptHours: 0.5, handleAmount: 2, handleUnit: 'hours', warnRatio: 0.5 },
]);

export interface Deadlines {
  acceptDeadline: Date;
  handleDeadline: Date;
  warnAt: Date;
}

export function computeDeadlines(cal: WorkCalendar, rule: DeadlineRule, from: Date): Deadlines {
  const clockHours = rule.handleUnit === 'hours';
  const acceptDeadline = clockHours
    ? new Date(from.getTime() + rule.acceptHours * 3600_000)
    : cal.addWorkHours(from, rule.acceptHours);
  const handleDeadline = clockHours
    ? new Date(from.getTime() + rule.handleAmount * 3600_000)
    : cal.addWorkdays(from, rule.handleAmount);
  return { acceptDeadline, handleDeadline, warnAt: warnAt(from, handleDeadline, rule.warnRatio) };
}

export function warnAt(from: Date, deadline: Date, ratio: number): Date {
  return new Date(from.getTime() + (deadline.getTime() - from.getTime()) * ratio);
}
