import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { loadEnv } from '../env.ts';
import { ManualClock } from '../clock.ts';
import { createPlatform, type Platform } from '../bootstrap.ts';
import { openPglite } from '../db/pglite.ts';
import { openPostgres } from '../db/postgres.ts';
import { seedDemo } from '../demo/seed.ts';
import { DEMO_PASSWORD } from '../demo/directory.ts';
import type { Db } from '../db/db.ts';

export interface TestPlatform extends Platform {
  clock: ManualClock;
  dataDir: string;
  /** Signs in a demo user and returns headers for inject(). */
  login(username: string): Promise<Record<string, string>>;
  ids: { departments: Map<string, string>; users: Map<string, string> };
}

/**
 * A whole platform for a test file: embedded PGlite in memory by default, or a fresh schema in
 * the PostgreSQL at TEST_DATABASE_URL. The demo directory and staff are seeded (orders only if
 * asked) and the clock starts on a Monday morning in Asia/Shanghai.
 */
export async function createTestPlatform(opts: { orders?: number; env?: Record<string, string> } = {}): Promise<TestPlatform> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'hotline-test-'));
  const env = loadEnv({ DATA_DIR: dataDir, PASSWORD_HASH_COST: '10', RATE_LIMIT_PER_MINUTE: '100000', SESSION_TTL_HOURS: '720', LOG_LEVEL: 'silent', ...opts.env });
  const clock = new ManualClock('2026-11-23T09:00:00+08:00');
  const url = process.env.TEST_DATABASE_URL;
  let db: Db;
  let dropSchema: (() => Promise<void>) | null = null;
  if (url) {
    const schema = `t_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.end();
    const sep = url.includes('?') ? '&' : '?';
    db = await openPostgres(`${url}${sep}options=${encodeURIComponent(`-c search_path=${schema}`)}`, 5);
    dropSchema = async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP SCHEMA ${schema} CASCADE`);
      await c.end();
    };
  } else {
    db = await openPglite();
  }
  const platform = await createPlatform(env, { clock, db });
  await seedDemo(platform.ctx, platform.auth, opts.orders ?? 0);
  const departments = new Map((await db.query<{ id: string; name: string }>('SELECT id, name FROM departments')).map((d) => [d.name, d.id]));
  const users = new Map((await db.query<{ id: string; username: string }>('SELECT id, username FROM users')).map((u) => [u.username, u.id]));
  return {
    ...platform,
    clock,
    dataDir,
    ids: { departments, users },
    async login(username: string) {
      const res = await platform.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: DEMO_PASSWORD } });
      if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.body}`);
      return { authorization: `Bearer ${res.json().token}` };
    },
    async close() {
      await platform.close();
      await dropSchema?.();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
