// Wall-clock arithmetic in Asia/Shanghai. China has kept UTC+8 without daylight saving since
// 1991, so a local time is the UTC instant plus eight hours; "wall" values below are local
// times stored in a Date's UTC fields.

const OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;

export const toWall = (instant: Date): number => instant.getTime() + OFFSET_MS;

export const wall = (y: number, m: number, d: number, h = 0, mi = 0): number => Date.UTC(y, m - 1, d, h, mi);

export function wallParts(w: number): { y: number; m: number; d: number; h: number; mi: number; weekday: number } {
  const t = new Date(w);
  const dow = t.getUTCDay();
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate(), h: t.getUTCHours(), mi: t.getUTCMinutes(), weekday: dow === 0 ? 7 : dow };
}

/** Midnight of the wall day containing `w`. */
export const startOfDay = (w: number): number => Math.floor(w / DAY_MS) * DAY_MS;

export const addDays = (w: number, n: number): number => w + n * DAY_MS;

export function addMonths(w: number, n: number): number {
  const p = wallParts(w);
  return wall(p.y, p.m + n, 1);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** YYYY-MM-DD of a wall value. */
export function wallDate(w: number): string {
  const p = wallParts(w);
  return `${p.y}-${pad(p.m)}-${pad(p.d)}`;
}

export function wallTime(w: number): string {
  const p = wallParts(w);
  return `${pad(p.h)}:${pad(p.mi)}`;
}

/** ISO 8601 with the +08:00 offset. */
export const wallIso = (w: number): string => `${wallDate(w)}T${wallTime(w)}:00+08:00`;

/** Whether y-m-d is a real calendar date. */
export function isValidDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1 || d > 31) return false;
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}
