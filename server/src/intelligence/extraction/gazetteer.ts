// Addresses, resolved against the city's gazetteer (districts, streets, communities from the
// directory). A span starts at a gazetteer name (or at a road with a number / an estate with a
// building when the text names no region) and runs on over the detail that follows: road and
// number, estate, building, unit, room. Names shared by several regions (阳光社区 exists in
// several districts) are told apart by the district or street the text names, in the span or
// elsewhere; otherwise the result says it is ambiguous.

import type { AddressEntity } from './types.ts';

export interface GazetteerRegion {
  id: string;
  parentId: string | null;
  name: string;
  level: 'district' | 'street' | 'community';
}

// Characters that cannot be inside a place name: function words and pronouns end the name.
const NC = '[^\\s\\p{P}\\p{S}的在了是有我你他她们这那每都也还就被把对和与从到给让着过很太不没要想说去来]';
const NUM = '(?:\\d+|[一二三四五六七八九十百零]+)';
const ROAD = `${NC}{1,8}?(?:大道|大街|路|街|巷|弄|胡同)(?:${NUM}号)?`;
const ESTATE = `${NC}{1,8}?(?:小区|花园|公寓|大厦|广场|家园|新村|新城|社区|村|组|苑|府|园)`;
const BUILDING = `${NUM}(?:栋|幢|号楼|座|期|单元|室|层|楼|号)`;
const TAIL = new RegExp(`(?:${ROAD}|${ESTATE}|${BUILDING}|-?\\d+)+`, 'uy');
// Without a gazetteer name: a road with a number, or an estate followed by a building.
const STANDALONE = new RegExp(`(?:${NC}{1,8}?(?:大道|大街|路|街|巷)${NUM}号|${ESTATE}${BUILDING})(?:${ESTATE}|${BUILDING}|-?\\d+)*`, 'gu');

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// Full-width ASCII to half-width, one code unit for one, so offsets stay those of the original.
const halfWidth = (s: string) => s.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));

interface Hit {
  start: number;
  end: number;
  regions: GazetteerRegion[];
}

export class Gazetteer {
  private readonly byName = new Map<string, GazetteerRegion[]>();
  private readonly byId = new Map<string, GazetteerRegion>();
  private readonly pattern: RegExp | null;

  constructor(regions: readonly GazetteerRegion[]) {
    for (const r of regions) {
      this.byId.set(r.id, r);
      for (const alias of aliases(r)) {
        const list = this.byName.get(alias) ?? [];
        list.push(r);
        this.byName.set(alias, list);
      }
    }
    const names = [...this.byName.keys()].filter((n) => n.length >= 2).sort((a, b) => b.length - a.length);
    this.pattern = names.length ? new RegExp(names.map(escape).join('|'), 'g') : null;
  }

  get size(): number {
    return this.byId.size;
  }

  region(id: string | null | undefined): GazetteerRegion | undefined {
    return id ? this.byId.get(id) : undefined;
  }

  /** The district a region lies in (itself for a district). */
  districtOf(r: GazetteerRegion | undefined): GazetteerRegion | undefined {
    for (let cur = r; cur; cur = this.region(cur.parentId)) if (cur.level === 'district') return cur;
    return undefined;
  }

  extract(raw: string): AddressEntity[] {
    const text = halfWidth(raw);
    const hits: Hit[] = [];
    if (this.pattern) {
      for (const m of text.matchAll(this.pattern)) hits.push({ start: m.index, end: m.index + m[0].length, regions: this.byName.get(m[0])! });
    }
    // Districts named anywhere in the text disambiguate shared street and community names.
    const mentioned = new Set(hits.flatMap((h) => h.regions.filter((r) => r.level === 'district').map((r) => r.id)));
    const out: AddressEntity[] = [];
    let i = 0;
    while (i < hits.length) {
      // Hits that follow each other directly (A1区东风街道阳光社区) form one address.
      let j = i + 1;
      while (j < hits.length && hits[j]!.start - hits[j - 1]!.end <= 0) j++;
      const group = hits.slice(i, j);
      let start = group[0]!.start;
      const namesEnd = group[group.length - 1]!.end;
      TAIL.lastIndex = namesEnd;
      const tail = TAIL.exec(text);
      const end = tail ? namesEnd + tail[0].length : namesEnd;
      // Include the city in front of a district (A市A1区).
      const city = /(?:[A-Z]\d{0,2}|\p{Script=Han}{2})市$/u.exec(text.slice(Math.max(0, start - 4), start));
      if (city && group[0]!.regions.some((r) => r.level === 'district')) start -= city[0].length;
      out.push({ kind: 'address', start, end, text: raw.slice(start, end), value: { ...this.resolve(group, mentioned), ...(tail ? { detail: raw.slice(namesEnd, end) } : {}) } });
      i = j;
      while (i < hits.length && hits[i]!.start < end) i++;
    }
    for (const m of text.matchAll(STANDALONE)) {
      const s = m.index;
      const e = s + m[0].length;
      if (out.some((a) => s < a.end && e > a.start)) continue;
      out.push({ kind: 'address', start: s, end: e, text: raw.slice(s, e), value: { detail: raw.slice(s, e) } });
    }
    return out.sort((a, b) => a.start - b.start);
  }

  private resolve(group: Hit[], mentioned: Set<string>): AddressEntity['value'] {
    const at = (level: GazetteerRegion['level']) => group.flatMap((h) => h.regions.filter((r) => r.level === level));
    let districts = at('district');
    if (districts.length === 0 && mentioned.size === 1) districts = [this.byId.get([...mentioned][0]!)!];
    const district = districts.length === 1 ? districts[0] : undefined;
    let streets = at('street');
    if (district) streets = streets.filter((s) => this.districtOf(s)?.id === district.id);
    let communities = at('community');
    if (streets.length === 1) communities = communities.filter((c) => c.parentId === streets[0]!.id);
    else if (district) communities = communities.filter((c) => this.districtOf(c)?.id === district.id);
    const community = communities.length === 1 ? communities[0] : undefined;
    const street = streets.length === 1 ? streets[0] : community ? this.region(community.parentId) : undefined;
    const d = district ?? this.districtOf(street);
    const value: AddressEntity['value'] = {};
    if (d) Object.assign(value, { districtId: d.id, districtName: d.name });
    if (street) Object.assign(value, { streetId: street.id, streetName: street.name });
    if (community) Object.assign(value, { communityId: community.id, communityName: community.name });
    if (streets.length > 1 || communities.length > 1) value.ambiguous = true;
    return value;
  }
}

function aliases(r: GazetteerRegion): string[] {
  const out = [r.name];
  if (r.level === 'street' && r.name.endsWith('街道')) out.push(`${r.name}办事处`, `${r.name}办`);
  if (r.level === 'community' && r.name.endsWith('社区')) out.push(`${r.name}居委会`);
  return out;
}
