import type { DepartmentKind } from '@hotline/shared';
import type { Db } from '../db/db.ts';
import type { Scope } from '../auth/actor.ts';

export interface DepartmentNode {
  id: string;
  parentId: string | null;
  name: string;
  kind: DepartmentKind;
  regionId: string | null;
  active: boolean;
}

export interface RegionNode {
  id: string;
  parentId: string | null;
  name: string;
  level: 'district' | 'street' | 'community';
}

/**
 * The organisation tree and gazetteer in memory: a few thousand rows at most, read on every
 * request for data scope. Reloaded after local writes and at most `ttlMs` old otherwise, so
 * several server nodes converge without a message bus.
 */
export class DirectoryCache {
  private departments = new Map<string, DepartmentNode>();
  private regions = new Map<string, RegionNode>();
  private children = new Map<string, string[]>();
  private loadedAt = 0;
  private loading: Promise<void> | null = null;

  constructor(
    private readonly db: Db,
    private readonly ttlMs = 30_000,
  ) {}

  invalidate(): void {
    this.loadedAt = 0;
  }

  async fresh(): Promise<this> {
    if (Date.now() - this.loadedAt > this.ttlMs) {
      this.loading ??= this.load().finally(() => (this.loading = null));
      await this.loading;
    }
    return this;
  }

  private async load(): Promise<void> {
    const depts = await this.db.query<DepartmentNode>(
      'SELECT id, parent_id AS "parentId", name, kind, region_id AS "regionId", active FROM departments',
    );
    const regions = await this.db.query<RegionNode>('SELECT id, parent_id AS "parentId", name, level FROM regions');
    this.departments = new Map(depts.map((d) => [d.id, d]));
    this.regions = new Map(regions.map((r) => [r.id, r]));
    this.children = new Map();
    for (const d of depts) {
      if (!d.parentId) continue;
      const list = this.children.get(d.parentId) ?? [];
      list.push(d.id);
      this.children.set(d.parentId, list);
    }
    this.loadedAt = Date.now();
  }

  department(id: string | null | undefined): DepartmentNode | undefined {
    return id ? this.departments.get(id) : undefined;
  }

  region(id: string | null | undefined): RegionNode | undefined {
    return id ? this.regions.get(id) : undefined;
  }

  allDepartments(): DepartmentNode[] {
    return [...this.departments.values()];
  }

  allRegions(): RegionNode[] {
    return [...this.regions.values()];
  }

  /** The department and all below it. */
  subtree(id: string): string[] {
    const out: string[] = [];
    const stack = [id];
    while (stack.length) {
      const cur = stack.pop()!;
      out.push(cur);
      stack.push(...(this.children.get(cur) ?? []));
    }
    return out;
  }

  /** The city's hotline center (the root center). */
  cityCenter(): DepartmentNode | undefined {
    for (const d of this.departments.values()) if (d.kind === 'center' && d.active) return d;
    return undefined;
  }

  /** The nearest dispatching center at or above a department (a street's district sub-center). */
  centerOf(id: string): DepartmentNode | undefined {
    for (let d = this.department(id); d; d = this.department(d.parentId)) {
      if (d.kind === 'center' || d.kind === 'district_center') return d;
    }
    return undefined;
  }

  /** The district a region lies in (itself for a district). */
  districtOf(regionId: string | null | undefined): RegionNode | undefined {
    for (let r = this.region(regionId); r; r = this.region(r.parentId)) if (r.level === 'district') return r;
    return undefined;
  }

  /** City center sees all; a district sub-center its district and its subtree; others their subtree. */
  scopeFor(departmentId: string): Scope {
    const d = this.department(departmentId);
    if (!d) return { all: false, departmentIds: [], regionIds: [], centerIds: [] };
    if (d.kind === 'center') return { all: true };
    const subtree = this.subtree(d.id);
    const regionIds = d.kind === 'district_center' && d.regionId ? [d.regionId] : [];
    const centerIds = subtree.filter((id) => this.department(id)?.kind === 'district_center');
    return { all: false, departmentIds: subtree, regionIds, centerIds };
  }
}
