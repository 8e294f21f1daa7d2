// Telephone numbers: mainland mobiles (optionally +86), landlines with an area code (010, 02x or
// a four-digit 0xxx code) and an optional extension, and 400/800 service numbers.

import { maskPhone } from '../../workorders/masking.ts';
import type { PhoneEntity } from './types.ts';

const SEP = '[-\\s]?';
const MOBILE = new RegExp(`(?:\\+?86${SEP})?(1[3-9]\\d)${SEP}(\\d{4})${SEP}(\\d{4})`, 'y');
// (0731) 8800-1234, 0731-88001234, 010 12345678 转 801
const LANDLINE = new RegExp(
  `[(（]?(0(?:10|2\\d|[3-9]\\d{2}))[)）]?${SEP}(\\d{3,4})${SEP}(\\d{4})(?:\\s?(?:转|-|ext\\.?|分机)\\s?(\\d{1,5}))?`,
  'iy',
);
const SERVICE = new RegExp(`([48]00)${SEP}(\\d{3})${SEP}(\\d{4})`, 'y');

const isDigit = (c: string | undefined) => c !== undefined && /[0-9０-９]/.test(c);

/** Every phone number in the text, left to right, not overlapping. */
export function extractPhones(text: string): PhoneEntity[] {
  const out: PhoneEntity[] = [];
  for (let i = 0; i < text.length; i++) {
    // A number starts at a digit (or + or an opening bracket) not preceded by a digit.
    const c = text[i] as string;
    if (!/[0-9+(（]/.test(c) || isDigit(text[i - 1])) continue;
    const found = matchAt(text, i);
    if (!found) continue;
    out.push(found);
    i = found.end - 1;
  }
  return out;
}

function matchAt(text: string, i: number): PhoneEntity | null {
  for (const [re, type] of [[MOBILE, 'mobile'], [SERVICE, 'service'], [LANDLINE, 'landline']] as const) {
    re.lastIndex = i;
    const m = re.exec(text);
    if (!m || isDigit(text[re.lastIndex])) continue;
    const number = (m[1]! + m[2]! + m[3]!).replace(/\D/g, '');
    if (type === 'landline') {
      // 010/02x codes take 8-digit numbers; 0xxx codes 7 or 8.
      const local = m[2]!.length + m[3]!.length;
      if (m[1]!.length === 3 && local !== 8) continue;
    }
    const end = re.lastIndex;
    const value: PhoneEntity['value'] = { type, number, masked: maskPhone(number) };
    if (type === 'landline') {
      value.number = `${m[1]}-${m[2]}${m[3]}`;
      value.masked = `${m[1]}-${'*'.repeat(m[2]!.length)}${m[3]}`;
      if (m[4]) value.extension = m[4];
    }
    return { kind: 'phone', start: i, end, text: text.slice(i, end), value };
  }
  return null;
}
