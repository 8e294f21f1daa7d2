import { readFileSync } from 'node:fs';
import type { Ctx } from '../context.ts';
import { CHINA_HOLIDAYS } from '../calendar/holidays.ts';

const tree = JSON.parse(readFileSync(new URL('../taxonomy/categoryTree.json', import.meta.url), 'utf8')) as Record<string, Record<string, string[]>>;

/**
 * Data every installation starts with, demo or not: the category tree and the holiday calendar.
 * Applied once, on an empty table, so an admin's later edits are never overwritten.
 */
export async function seedReferenceData(ctx: Ctx): Promise<void> {
  await ctx.db.tx(async (q) => {
    const [cats] = await q.query<{ n: number }>('SELECT count(*)::int AS n FROM categories');
    if (!cats?.n) {
      let sort = 0;
      for (const [l1, children] of Object.entries(tree)) {
        const [a] = await q.query<{ id: string }>('INSERT INTO categories (name, level, full_name, sort) VALUES ($1, 1, $1, $2) RETURNING id', [l1, sort++]);
        for (const [l2, leaves] of Object.entries(children)) {
          const [b] = await q.query<{ id: string }>('INSERT INTO categories (parent_id, name, level, full_name, sort) VALUES ($1, $2, 2, $3, $4) RETURNING id', [a!.id, l2, `${l1}/${l2}`, sort++]);
          for (const l3 of leaves) {
            await q.query('INSERT INTO categories (parent_id, name, level, full_name, sort) VALUES ($1, $2, 3, $3, $4)', [b!.id, l3, `${l1}/${l2}/${l3}`, sort++]);
          }
        }
      }
    }
    const [hol] = await q.query<{ n: number }>('SELECT count(*)::int AS n FROM holidays');
    if (!hol?.n) {
      for (const h of CHINA_HOLIDAYS) await q.query('INSERT INTO holidays (date, kind, name) VALUES ($1, $2, $3)', [h.date, h.kind, h.name]);
    }
  });
}
