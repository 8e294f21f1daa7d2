// Motor-vehicle plates (GA 36): a province character, the issuing-office letter, then five
// characters (standard), six (new-energy: D/A/B/C/E pure electric or F/G/H/J/K hybrid first on
// small cars, D/F last on large ones), or four and a 挂/学/警/港/澳/领 suffix. I and O are never used.

import type { PlateEntity } from './types.ts';

const PROVINCE = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼';
const L = 'A-HJ-NP-Z';
const PLATE = new RegExp(`(?<![A-Za-z0-9])([${PROVINCE}])[\\s·•.\\-]?([${L}a-hj-np-z])[\\s·•.\\-]?([${L}a-hj-np-z0-9]{4,6})([挂学警港澳领])?(?![A-Za-z0-9])`, 'g');

const SMALL_NEW_ENERGY = new RegExp(`^[DABCEFGHJK][${L}0-9]\\d{4}$`);
const LARGE_NEW_ENERGY = /^\d{5}[DF]$/;

export function extractPlates(text: string): PlateEntity[] {
  const out: PlateEntity[] = [];
  for (const m of text.matchAll(PLATE)) {
    const serial = m[3]!.toUpperCase();
    const suffix = m[4] ?? '';
    let type: PlateEntity['value']['type'];
    // An all-letter serial is not issued; it is more likely an English word after a place name.
    if (!/\d/.test(serial)) continue;
    if (suffix) {
      if (serial.length !== 4) continue;
      type = 'special';
    } else if (serial.length === 6) {
      if (!(SMALL_NEW_ENERGY.test(serial) || LARGE_NEW_ENERGY.test(serial))) continue;
      type = 'newEnergy';
    } else if (serial.length === 5) {
      type = 'standard';
    } else {
      continue;
    }
    const plate = `${m[1]}${m[2]!.toUpperCase()}${serial}${suffix}`;
    out.push({ kind: 'plate', start: m.index, end: m.index + m[0].length, text: m[0], value: { plate, type } });
  }
  return out;
}
