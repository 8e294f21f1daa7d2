// Resident identity card numbers (GB 11643-1999): 6-digit region code, 8-digit birth date,
// 3-digit sequence (odd = male), and an ISO 7064 MOD 11-2 check character (0-9 or X).

import { maskIdCard } from '../../workorders/masking.ts';
import type { IdCardEntity } from './types.ts';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';
// Province-level codes in use (first two digits).
const PROVINCES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83, 91,
]);

/** The check character of the first 17 digits. */
export function idCardCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] as number);
  return CHECK[sum % 11] as string;
}

export type IdCardCheck = { valid: true; birthDate: string; gender: 'male' | 'female' } | { valid: false; reason: 'checksum' | 'birthDate' | 'region' | 'format' };

/** Validates an 18-character number; `today` (YYYY-MM-DD) bounds the birth date. */
export function checkIdCard(id: string, today: string): IdCardCheck {
  const s = id.toUpperCase();
  if (!/^\d{17}[\dX]$/.test(s)) return { valid: false, reason: 'format' };
  if (!PROVINCES.has(Number(s.slice(0, 2)))) return { valid: false, reason: 'region' };
  const y = Number(s.slice(6, 10));
  const m = Number(s.slice(10, 12));
  const d = Number(s.slice(12, 14));
  const birth = new Date(Date.UTC(y, m - 1, d));
  const birthDate = `${s.slice(6, 10)}-${s.slice(10, 12)}-${s.slice(12, 14)}`;
  if (y < 1900 || birth.getUTCFullYear() !== y || birth.getUTCMonth() !== m - 1 || birth.getUTCDate() !== d || birthDate > today) {
    return { valid: false, reason: 'birthDate' };
  }
  if (idCardCheckChar(s) !== s[17]) return { valid: false, reason: 'checksum' };
  return { valid: true, birthDate, gender: Number(s[16]) % 2 === 1 ? 'male' : 'female' };
}

const CANDIDATE = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g;

/**
 * Every 18-character run that looks like an ID number. Invalid ones are reported too (the agent
 * should ask the caller again), but only ever masked.
 */
export function extractIdCards(text: string, today: string): IdCardEntity[] {
  const out: IdCardEntity[] = [];
  for (const m of text.matchAll(CANDIDATE)) {
    const raw = m[0];
    const check = checkIdCard(raw, today);
    const masked = maskIdCard(raw.toUpperCase());
    const value: IdCardEntity['value'] = check.valid
      ? { valid: true, masked, birthDate: check.birthDate, gender: check.gender }
      : { valid: false, masked, reason: check.reason === 'format' ? 'checksum' : check.reason };
    // The span's text is masked as well: the clear number stays only in the citizen's own text.
    out.push({ kind: 'idCard', start: m.index, end: m.index + raw.length, text: masked, value });
  }
  return out;
}
