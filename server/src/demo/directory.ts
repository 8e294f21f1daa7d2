import type { Role } from '@hotline/shared';
import type { Queryable } from '../db/db.ts';
import { BUREAUS, CATALOGUE, CENTER, COMMUNITIES, DISTRICTS } from './city.ts';

export const DEMO_PASSWORD = 'Hotline@12345';

export interface DemoDirectory {
  centerId: string;
  bureaus: Map<string, string>;
  districtCenters: Map<string, string>; // district region id → district center dept id
  districts: { id: string; name: string; streets: { id: string; name: string; deptId: string }[] }[];
}

export async function seedDirectory(q: Queryable): Promise<DemoDirectory> {
  const insertDept = async (name: string, kind: string, parentId: string | null, phone: string | null, duty: string | null, regionId: string | null) => {
    const [r] = await q.query<{ id: string }>(
      'INSERT INTO departments (name, kind, parent_id, phone, duty_scope, region_id) VALUES ($1,$2,$3,$4,$5,$6) RETURNING id',
      [name, kind, parentId, phone, duty, regionId],
    );
    return r!.id;
  };
  const centerId = await insertDept(CENTER.name, 'center', null, CENTER.phone, CENTER.dutyScope, null);
  const bureaus = new Map<string, string>();
  for (const b of BUREAUS) bureaus.set(b.key, await insertDept(b.name, b.kind, centerId, b.phone, b.dutyScope, null));

  const districtCenters = new Map<string, string>();
  const districts: DemoDirectory['districts'] = [];
  let code = 1;
  for (const [i, d] of DISTRICTS.entries()) {
    const [region] = await q.query<{ id: string }>("INSERT INTO regions (name, level, code) VALUES ($1, 'district', $2) RETURNING id", [d.name, `A${i + 1}`]);
    const dc = await insertDept(`${d.name}12345热线分中心`, 'district_center', centerId, `0731-88${i + 1}0000`, `${d.name}范围内诉求的派单、督办与回访。`, region!.id);
    districtCenters.set(region!.id, dc);
    const streets = [];
    for (const [j, s] of d.streets.entries()) {
      const [sr] = await q.query<{ id: string }>("INSERT INTO regions (name, level, parent_id, code) VALUES ($1, 'street', $2, $3) RETURNING id", [s, region!.id, `A${i + 1}-${j + 1}`]);
      const sd = await insertDept(`${d.name}${s}办事处`, 'street', dc, `0731-88${i + 1}${j + 1}000`, `${s}辖区内的城市管理、社区服务与矛盾调处。`, sr!.id);
      streets.push({ id: sr!.id, name: s, deptId: sd });
      if (j === 0) {
        for (const c of COMMUNITIES) {
          const [cr] = await q.query<{ id: string }>("INSERT INTO regions (name, level, parent_id, code) VALUES ($1, 'community', $2, $3) RETURNING id", [c, sr!.id, `A${i + 1}-${j + 1}-${code++}`]);
          await insertDept(`${s}${c}居委会`, 'community', sd, null, '社区居民服务与网格管理。', cr!.id);
        }
      }
    }
    districts.push({ id: region!.id, name: d.name, streets });
  }

  const cats = await q.query<{ id: string; full_name: string }>('SELECT id, full_name FROM categories');
  const byName = new Map(cats.map((c) => [c.full_name, c.id]));
  for (const [path, key] of CATALOGUE) {
    const categoryId = byName.get(path);
    if (categoryId) await q.query('INSERT INTO dispatch_catalogue (category_id, department_id, priority) VALUES ($1,$2,100)', [categoryId, bureaus.get(key)]);
  }
  // Neighbourhood matters go to the district sub-center, which passes them on to its streets.
  const env = byName.get('城乡建设/城市建设和市政管理/环境卫生');
  for (const [regionId, dc] of districtCenters) {
    if (env) await q.query('INSERT INTO dispatch_catalogue (category_id, region_id, department_id, assisting_department_ids, priority) VALUES ($1,$2,$3,$4,50)', [env, regionId, dc, [bureaus.get('urban')]]);
  }
  return { centerId, bureaus, districtCenters, districts };
}

export interface DemoUser {
  username: string;
  displayName: string;
  role: Role;
  dept: (d: DemoDirectory) => string;
  extension?: string;
}

/** The accounts printed on the console and in the README, one per role, plus extra agents and district staff. */
export const DEMO_USERS: DemoUser[] = [
  { username: 'admin', displayName: '系统管理员', role: 'admin', dept: (d) => d.centerId },
  { username: 'supervisor', displayName: '班长 刘敏', role: 'supervisor', dept: (d) => d.centerId },
  { username: 'agent', displayName: '话务员 陈晓', role: 'agent', dept: (d) => d.centerId, extension: '8001' },
  { username: 'dispatcher', displayName: '派单员 王磊', role: 'dispatcher', dept: (d) => d.centerId },
  { username: 'handler', displayName: '承办人 李华', role: 'dept_handler', dept: (d) => d.bureaus.get('housing')! },
  { username: 'dept_leader', displayName: '住建局 张主任', role: 'dept_leader', dept: (d) => d.bureaus.get('housing')! },
  { username: 'followup', displayName: '回访员 赵丽', role: 'followup_agent', dept: (d) => d.centerId },
  { username: 'leader', displayName: '分管副秘书长 周强', role: 'leader', dept: (d) => d.centerId },
  { username: 'auditor', displayName: '审计员 孙洁', role: 'auditor', dept: (d) => d.centerId },
  ...Array.from({ length: 9 }, (_, i): DemoUser => ({
    username: `agent${String(i + 2).padStart(2, '0')}`,
    displayName: `话务员 ${i + 2}号`,
    role: 'agent',
    dept: (d) => d.centerId,
    extension: String(8002 + i),
  })),
];
