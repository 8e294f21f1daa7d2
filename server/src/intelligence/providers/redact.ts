// What leaves the platform for an outside model carries no ID numbers or phone numbers: a city may
// point LLM_BASE_URL at a cloud service, and the model needs the matter, not the person.

import { extractIdCards } from '../extraction/idCard.ts';
import { extractPhones } from '../extraction/phones.ts';
import { toWall, wallDate } from '../extraction/shanghaiTime.ts';

const ID_LIKE = /(?<![0-9])(?:[0-9]{17}[0-9Xx]|[0-9]{15})(?![0-9])/g;

export function redactPersonalData(text: string, now: Date): string {
  const spans = [
    ...extractIdCards(text, wallDate(toWall(now))).map((e) => ({ start: e.start, end: e.end, label: '[身份证号]' })),
    ...extractPhones(text).map((e) => ({ start: e.start, end: e.end, label: '[电话]' })),
  ].sort((a, b) => b.start - a.start);
  let out = text;
  let floor = Infinity;
  for (const s of spans) {
    if (s.end > floor) continue; // overlapping: the later (ID number) already replaced it
    out = out.slice(0, s.start) + s.label + out.slice(s.end);
    floor = s.start;
  }
  // An ID-shaped number with a wrong checksum is still someone's number.
  return out.replace(ID_LIKE, '[证件号]');
}
