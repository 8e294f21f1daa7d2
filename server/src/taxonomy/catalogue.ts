import type { Queryable } from '../db/db.ts';

/**
 * Catalogue entries matching a category or its ancestors, for the district or for any district.
 * The most specific wins: a deeper category first, then a district-specific entry, then priority.
 */
export async function suggestDepartments(q: Queryable, categoryId: string, districtId: string | null) {
  return q.query<{ departmentId: string; assistingDepartmentIds: string[]; categoryId: string; regionId: string | null }>(
    `WITH RECURSIVE up(id, parent_id, depth) AS (
        SELECT id, parent_id, 0 FROM categories WHERE id = $1
        UNION ALL SELECT c.id, c.parent_id, up.depth + 1 FROM categories c JOIN up ON c.id = up.parent_id)
     SELECT d.department_id AS "departmentId", d.assisting_department_ids AS "assistingDepartmentIds",
            d.category_id AS "categoryId", d.region_id AS "regionId"
       FROM dispatch_catalogue d JOIN up ON up.id = d.category_id
      WHERE d.region_id IS NULL OR d.region_id = $2
      ORDER BY up.depth, (d.region_id IS NULL), d.priority
      LIMIT 5`,
    [categoryId, districtId],
  );
}
