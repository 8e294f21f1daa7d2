// EXPLAIN ANALYZE of the exact SQL the list endpoint runs: repo.list is called with a Queryable
// that explains each statement (the page, then the capped count) instead of returning rows.

import { listWorkOrdersQuery } from '@hotline/shared';
import type { Db, Queryable } from '../../server/src/db/db.ts';
import type { Scope } from '../../server/src/auth/actor.ts';
import * as repo from '../../server/src/workorders/repository.ts';
import { searchQuery } from '../../server/src/search/tokenize.ts';

export async function explainList(db: Db, scope: Scope, params: Record<string, string>): Promise<string[]> {
  const filter = listWorkOrdersQuery.parse(params);
  const plans: string[] = [];
  const explaining: Queryable = {
    async query<T>(sql: string, values?: unknown[]): Promise<T[]> {
      const rows = await db.query<Record<string, string>>(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, values);
      // The page's long column list says nothing about the plan; print it as "w.<summary columns>".
      const shown = sql.replace(/\s+/g, ' ').trim().replace(/^SELECT w\.id AS "id", .*? FROM /, 'SELECT w.<summary columns> FROM ');
      plans.push(`${shown}\n${rows.map((r) => r['QUERY PLAN']).join('\n')}`);
      return [];
    },
  };
  await repo.list(explaining, scope, { ...filter, tsquery: filter.q ? searchQuery(filter.q) : null });
  return plans;
}
