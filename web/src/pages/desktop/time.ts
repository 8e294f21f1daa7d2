// Ticking clocks and durations for the desktop and the wallboard.
import { useEffect, useState } from 'react';
import { instantMs, type Instant } from '../../api/cti';

/** The current time, re-rendering every `intervalMs`. */
export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(id);
  }, [intervalMs]);
  return now;
}

/** 75 → "01:15", 3675 → "1:01:15"; "—" for anything that is not a non-negative number. */
export function fmtDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return '—';
  const s = Math.floor(seconds);
  const two = (n: number) => String(n).padStart(2, '0');
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h > 0 ? `${h}:${two(m)}:${two(s % 60)}` : `${two(m)}:${two(s % 60)}`;
}

/** Whole seconds from an instant to now (never negative); NaN when the instant is absent. */
export function secondsSince(since: Instant | null | undefined, now: number): number {
  const t = instantMs(since);
  return Number.isNaN(t) ? Number.NaN : Math.max(0, Math.floor((now - t) / 1000));
}

/** An instant as the ISO string the date formatters take; null when absent. */
export function isoOf(v: Instant | null | undefined): string | null {
  if (v === null || v === undefined || v === '') return null;
  return typeof v === 'number' ? new Date(v).toISOString() : v;
}
