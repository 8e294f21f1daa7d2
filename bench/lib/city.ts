// What the benchmarks need to know about the seeded demo city, read once from the database,
// and realistic order texts built from the demo appeal templates.

import type { AppealType, Channel, CreateWorkOrderBody } from '@hotline/shared';
import type { Queryable } from '../../server/src/db/db.ts';
import { rng } from '../../server/src/demo/orders.ts';
import { ESTATES, ROADS, TEMPLATES, TIMES } from '../../server/src/demo/templates.ts';

export const HOUSING_BUREAU = 'A市住房和城乡建设局';

export interface Street {
  id: string;
  name: string;
}
export interface District {
  id: string;
  name: string;
  streets: Street[];
}
export interface Person {
  id: string;
  username: string;
  displayName: string;
  role: string;
  departmentId: string;
}

export interface City {
  centerId: string;
  housingId: string;
  districts: District[];
  /** Category full name (一级/二级/三级) → id. */
  categoryIds: Map<string, string>;
  /** Departments an order can be dispatched to other than the housing bureau: bureaus and street offices. */
  otherLeads: string[];
  users: Map<string, Person>;
}

export async function loadCity(q: Queryable): Promise<City> {
  const depts = await q.query<{ id: string; name: string; kind: string }>('SELECT id, name, kind FROM departments');
  const centerId = depts.find((d) => d.kind === 'center')!.id;
  const housingId = depts.find((d) => d.name === HOUSING_BUREAU)?.id;
  if (!housingId) throw new Error(`department ${HOUSING_BUREAU} not found: is the demo directory seeded?`);
  const regions = await q.query<{ id: string; name: string; level: string; parent_id: string | null }>(
    "SELECT id, name, level, parent_id FROM regions WHERE level IN ('district', 'street') ORDER BY code",
  );
  const districts: District[] = regions
    .filter((r) => r.level === 'district')
    .map((d) => ({ id: d.id, name: d.name, streets: regions.filter((s) => s.parent_id === d.id).map((s) => ({ id: s.id, name: s.name })) }));
  const cats = await q.query<{ id: string; full_name: string }>('SELECT id, full_name FROM categories');
  const users = await q.query<{ id: string; username: string; display_name: string; role: string; department_id: string }>(
    'SELECT id, username, display_name, role, department_id FROM users',
  );
  return {
    centerId,
    housingId,
    districts,
    categoryIds: new Map(cats.map((c) => [c.full_name, c.id])),
    otherLeads: depts.filter((d) => (d.kind === 'bureau' || d.kind === 'street') && d.id !== housingId).map((d) => d.id),
    users: new Map(users.map((u) => [u.username, { id: u.id, username: u.username, displayName: u.display_name, role: u.role, departmentId: u.department_id }])),
  };
}

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '洋', '秀英', '建华', '志强'];
const CHANNELS: Channel[] = ['phone', 'phone', 'phone', 'phone', 'web', 'wechat', 'wechat', 'app', 'email', 'sms'];

/** One appeal text from the demo templates, placed on a street of the city. */
export interface AppealText {
  type: AppealType;
  urgency: 'normal' | 'urgent' | 'emergency';
  title: string;
  content: string;
  category: string;
  district: District;
  street: Street;
  address: string;
}

export function appealTexts(city: City, count: number, seed: number): AppealText[] {
  const r = rng(seed);
  return Array.from({ length: count }, () => {
    const t = r.pick(TEMPLATES);
    const district = r.pick(city.districts);
    const street = r.pick(district.streets);
    const fill = (s: string) =>
      s.replaceAll('{street}', street.name).replaceAll('{road}', r.pick(ROADS)).replaceAll('{estate}', r.pick(ESTATES)).replaceAll('{n}', String(r.int(2, 9))).replaceAll('{time}', r.pick(TIMES));
    return { type: t.type, urgency: t.urgency ?? 'normal', title: fill(t.title), content: fill(t.content), category: t.category, district, street, address: `${district.name}${street.name}` };
  });
}

/** `count` distinct create bodies as a call-center agent would submit them. */
export function createBodies(city: City, count: number, seed: number): CreateWorkOrderBody[] {
  const r = rng(seed + 1);
  return appealTexts(city, count, seed).map((a) => ({
    channel: r.pick(CHANNELS),
    type: a.type,
    urgency: a.urgency,
    title: a.title,
    content: a.content,
    categoryId: city.categoryIds.get(a.category),
    citizen: { name: r.pick(SURNAMES) + r.pick(GIVEN), phone: `138${String(r.int(0, 99_999_999)).padStart(8, '0')}` },
    location: { districtId: a.district.id, streetId: a.street.id, address: a.address },
  }));
}
