import type { Queryable } from '../../db/db.ts';

/**
 * The GeoReport service list is our taxonomy's second level: a service is a second-level
 * category (its UUID is the service_code), its group is the first-level category, and its
 * third-level categories are offered as the `subcategory` attribute and as keywords.
 */
export interface Open311Service {
  code: string;
  name: string;
  group: string;
  fullName: string;
  active: boolean;
  subcategories: { id: string; name: string }[];
}

interface CategoryRow {
  id: string;
  parent_id: string | null;
  name: string;
  level: number;
  full_name: string;
  active: boolean;
}

/** Every second-level category, active or not (inactive ones still name old requests). */
export async function loadServices(q: Queryable): Promise<Map<string, Open311Service>> {
  const rows = await q.query<CategoryRow>('SELECT id, parent_id, name, level, full_name, active FROM categories ORDER BY level, sort, name');
  const parents = new Map(rows.filter((r) => r.level === 1).map((r) => [r.id, r]));
  const services = new Map<string, Open311Service>();
  for (const r of rows) {
    if (r.level !== 2) continue;
    const parent = parents.get(r.parent_id ?? '');
    services.set(r.id, {
      code: r.id,
      name: r.name,
      group: parent?.name ?? '',
      fullName: r.full_name,
      active: r.active && (parent?.active ?? false),
      subcategories: [],
    });
  }
  for (const r of rows) {
    if (r.level === 3 && r.active) services.get(r.parent_id ?? '')?.subcategories.push({ id: r.id, name: r.name });
  }
  return services;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An active service by code; undefined when the code names nothing one may submit to. */
export async function findService(q: Queryable, code: string): Promise<Open311Service | undefined> {
  if (!UUID.test(code)) return undefined;
  const s = (await loadServices(q)).get(code.toLowerCase());
  return s?.active ? s : undefined;
}

export const isServiceCode = (s: string) => UUID.test(s);
