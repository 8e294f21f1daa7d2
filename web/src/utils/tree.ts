// Turning flat parent-linked lists (departments, categories, regions) into antd tree/cascader options.
import type { Category, Department, Region } from '../api/types';

export interface TreeOption {
  value: string;
  title: string;
  label: string;
  key: string;
  disabled?: boolean;
  children?: TreeOption[];
}

function buildTree<T extends { id: string; parentId: string | null }>(
  rows: readonly T[],
  toNode: (row: T) => Omit<TreeOption, 'children'>,
  sortKey?: (row: T) => string,
): TreeOption[] {
  const ids = new Set(rows.map((r) => r.id));
  const byParent = new Map<string | null, T[]>();
  for (const r of rows) {
    const parent = r.parentId && ids.has(r.parentId) ? r.parentId : null;
    const list = byParent.get(parent) ?? [];
    list.push(r);
    byParent.set(parent, list);
  }
  const seen = new Set<string>();
  const walk = (parent: string | null): TreeOption[] => {
    const list = [...(byParent.get(parent) ?? [])];
    if (sortKey) list.sort((a, b) => sortKey(a).localeCompare(sortKey(b), 'zh-CN'));
    return list
      .filter((r) => !seen.has(r.id) && seen.add(r.id))
      .map((r) => {
        const children = walk(r.id);
        return children.length ? { ...toNode(r), children } : toNode(r);
      });
  };
  return walk(null);
}

/** Department tree for TreeSelect; inactive departments are shown but cannot be picked. */
export function departmentTree(departments: readonly Department[], includeInactive = false): TreeOption[] {
  const rows = includeInactive ? departments : departments.filter((d) => d.active !== false);
  return buildTree(rows, (d) => ({ value: d.id, key: d.id, title: d.name, label: d.name, disabled: d.active === false }));
}

/** Category cascader options (3 levels). */
export function categoryOptions(categories: readonly Category[]): TreeOption[] {
  const rows = categories.filter((c) => c.active !== false);
  return buildTree(rows, (c) => ({ value: c.id, key: c.id, title: c.name, label: c.name }));
}

export function categoryTree(categories: readonly Category[]): TreeOption[] {
  return buildTree(categories, (c) => ({ value: c.id, key: c.id, title: c.name, label: c.name, disabled: c.active === false }));
}

/** The ids from the root to `id` (cascader value for a leaf id). */
export function pathTo<T extends { id: string; parentId: string | null }>(rows: readonly T[], id: string | null | undefined): string[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const path: string[] = [];
  let cur = id ? byId.get(id) : undefined;
  while (cur && !path.includes(cur.id)) {
    path.unshift(cur.id);
    cur = cur.parentId ? byId.get(cur.parentId) : undefined;
  }
  return path;
}

export function districts(regions: readonly Region[]): Region[] {
  return regions.filter((r) => r.level === 'district');
}

export function streetsOf(regions: readonly Region[], districtId: string | undefined): Region[] {
  return districtId ? regions.filter((r) => r.level === 'street' && r.parentId === districtId) : [];
}

export function nameMap<T extends { id: string; name: string }>(rows: readonly T[]): Map<string, string> {
  return new Map(rows.map((r) => [r.id, r.name]));
}
