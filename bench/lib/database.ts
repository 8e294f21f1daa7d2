// The database a benchmark runs on: a fresh schema in PostgreSQL when BENCH_DATABASE_URL (or
// DATABASE_URL) is set, dropped at the end, or embedded PGlite in a temporary folder otherwise.
// The schema is selected per connection with `options=-c search_path=...`, as the test harness does.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Db } from '../../server/src/db/db.ts';
import { openPglite } from '../../server/src/db/pglite.ts';
import { openPostgres } from '../../server/src/db/postgres.ts';

export interface BenchDatabase {
  db: Db;
  kind: 'postgres' | 'pglite';
  /** Where the data lives, for the log (the URL without credentials, or the folder). */
  where: string;
  /** A scratch folder for the platform's DATA_DIR (attachments). */
  dataDir: string;
  /** PostgreSQL only: the server URL and the application_name the pool's connections carry. */
  activity?: { url: string; applicationName: string };
  /** Closes nothing; drops the schema or removes the folder. Call after the Db is closed. */
  dispose(): Promise<void>;
}

const redact = (url: string) => url.replace(/\/\/[^@/]*@/, '//***@');

export async function openBenchDatabase(poolSize: number): Promise<BenchDatabase> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'hotline-bench-'));
  const removeDir = () => rmSync(dataDir, { recursive: true, force: true });
  const url = process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL;
  if (!url) {
    const dir = path.join(dataDir, 'pgdata');
    return { db: await openPglite(dir), kind: 'pglite', where: dir, dataDir, dispose: async () => removeDir() };
  }
  const schema = `bench_${randomBytes(5).toString('hex')}`;
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  await admin(`CREATE SCHEMA ${schema}`);
  const sep = url.includes('?') ? '&' : '?';
  const applicationName = `hotline-${schema}`;
  let db: Db;
  try {
    db = await openPostgres(`${url}${sep}options=${encodeURIComponent(`-c search_path=${schema}`)}&application_name=${applicationName}`, poolSize);
  } catch (err) {
    await admin(`DROP SCHEMA ${schema} CASCADE`);
    removeDir();
    throw err;
  }
  return {
    db,
    kind: 'postgres',
    where: `${redact(url)} schema ${schema} (pool ${poolSize})`,
    dataDir,
    activity: { url, applicationName },
    async dispose() {
      await admin(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      removeDir();
    },
  };
}
