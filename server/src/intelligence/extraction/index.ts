// Extraction of structured facts from an appeal's text, filled into the work order as suggestions
// that the agent confirms. Pure functions: the reference time and the gazetteer are arguments.

import { extractAmounts } from './amounts.ts';
import { extractCompanies } from './companies.ts';
import { extractDateTimes } from './dates.ts';
import { Gazetteer } from './gazetteer.ts';
import { extractIdCards } from './idCard.ts';
import { extractPhones } from './phones.ts';
import { extractPlates } from './plates.ts';
import { toWall, wallDate } from './shanghaiTime.ts';
import type { Entity } from './types.ts';

export type * from './types.ts';
export { Gazetteer } from './gazetteer.ts';
export type { GazetteerRegion } from './gazetteer.ts';
export { checkIdCard, idCardCheckChar } from './idCard.ts';
export { parseChineseNumber } from './chineseNumber.ts';

export interface ExtractOptions {
  /** Relative dates (昨天, 上周五) are resolved against this instant, in Asia/Shanghai. */
  now: Date;
  gazetteer?: Gazetteer;
}

/** Longer texts are cut: extraction is for the agent's form, not for archives. */
export const MAX_EXTRACT_CHARS = 10_000;

/**
 * Every entity in the text, sorted by position. Where two kinds claim the same characters the
 * more specific wins, in this order: ID number, phone, plate, address, date/time, amount, company.
 */
export function extractEntities(raw: string, opts: ExtractOptions): Entity[] {
  const text = raw.length > MAX_EXTRACT_CHARS ? raw.slice(0, MAX_EXTRACT_CHARS) : raw;
  const passes: (() => Entity[])[] = [
    () => extractIdCards(text, wallDate(toWall(opts.now))),
    () => extractPhones(text),
    () => extractPlates(text),
    () => opts.gazetteer?.extract(text) ?? [],
    () => extractDateTimes(text, opts.now),
    () => extractAmounts(text),
    () => extractCompanies(text),
  ];
  const taken: Entity[] = [];
  for (const pass of passes) {
    for (const e of pass()) {
      if (!taken.some((t) => e.start < t.end && e.end > t.start)) taken.push(e);
    }
  }
  return taken.sort((a, b) => a.start - b.start || a.end - b.end);
}

/** Entities grouped by kind, as the analyze endpoint returns them. */
export function groupEntities(entities: Entity[]) {
  const pick = <K extends Entity['kind']>(k: K) => entities.filter((e): e is Extract<Entity, { kind: K }> => e.kind === k);
  return {
    phones: pick('phone'),
    idCards: pick('idCard'),
    plates: pick('plate'),
    addresses: pick('address'),
    dateTimes: pick('datetime'),
    amounts: pick('amount'),
    companies: pick('company'),
  };
}
