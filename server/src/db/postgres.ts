import pg from 'pg';
import type { Db, Queryable, Row } from './db.ts';

// int8 (count(*), bigserial) as JS numbers, as PGlite returns them; our values stay below 2^53.
pg.types.setTypeParser(20, (v) => Number(v));

export async function openPostgres(url: string, max = 10): Promise<Db> {
  const pool = new pg.Pool({ connectionString: url, max });
  // Our queries are short OLTP statements; JIT compilation only adds tens of milliseconds to them.
  pool.on('connect', (client) => void client.query('SET jit = off').catch(() => undefined));
  // Fail at start-up, with the driver's message, rather than at the first request.
  const client = await pool.connect();
  client.release();
  const query = async <T = Row>(sql: string, params?: unknown[]) => (await pool.query(sql, params)).rows as T[];
  return {
    kind: 'postgres',
    query,
    async exec(sql) {
      await pool.query(sql);
    },
    async tx(fn) {
      const c = await pool.connect();
      const q: Queryable = { query: async <T = Row>(sql: string, params?: unknown[]) => (await c.query(sql, params)).rows as T[] };
      try {
        await c.query('BEGIN');
        const result = await fn(q);
        await c.query('COMMIT');
        return result;
      } catch (err) {
        await c.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        c.release();
      }
    },
    close: () => pool.end(),
  };
}
