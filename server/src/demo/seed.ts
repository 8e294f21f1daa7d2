import { seedDemoExtensions } from '../telephony/extensions.ts';
import type { Role } from '@hotline/shared';
import type { Ctx } from '../context.ts';
import type { AuthService } from '../auth/authService.ts';
import type { Actor } from '../auth/actor.ts';
import { hashPassword } from '../auth/password.ts';
import { scanDeadlines } from '../jobs/deadlineJob.ts';
import { DEMO_PASSWORD, DEMO_USERS, seedDirectory, type DemoDirectory } from './directory.ts';
import { seedOrders, type DemoActors } from './orders.ts';
import { seedKnowledge } from './knowledge/seed.ts';

/** True when the database has no departments yet (a fresh installation). */
export async function isEmpty(ctx: Ctx): Promise<boolean> {
  const [r] = await ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM departments');
  return !r?.n;
}

/** Seeds the demo city, its staff and `orderCount` historical work orders. */
export async function seedDemo(ctx: Ctx, auth: AuthService, orderCount = 360): Promise<{ users: string[]; orders: number }> {
  // One hash for every demo account: they share the published demo password anyway.
  const hash = await hashPassword(DEMO_PASSWORD, ctx.env.PASSWORD_HASH_COST);
  const { dir, users } = await ctx.db.tx(async (q) => {
    const dir = await seedDirectory(q);
    const users: string[] = [];
    const add = async (username: string, displayName: string, role: Role, departmentId: string, extension?: string) => {
      const [u] = await q.query<{ id: string }>(
        'INSERT INTO users (username, display_name, role, department_id, password_hash, extension) VALUES ($1,$2,$3,$4,$5,$6) RETURNING id',
        [username, displayName, role, departmentId, hash, extension ?? null],
      );
      users.push(username);
      return u!.id;
    };
    for (const u of DEMO_USERS) await add(u.username, u.displayName, u.role, u.dept(dir), u.extension);
    // Staff for every other department, so generated orders can flow anywhere.
    const depts = await q.query<{ id: string; name: string; kind: string }>("SELECT id, name, kind FROM departments WHERE kind <> 'center'");
    let n = 0;
    for (const d of depts) {
      n++;
      if (d.kind === 'district_center') {
        await add(`dc${n}_dispatcher`, `${d.name}派单员`, 'dispatcher', d.id);
        continue;
      }
      if (d.id === dir.bureaus.get('housing')) continue; // has `handler` and `dept_leader`
      await add(`d${n}_handler`, `${d.name}承办人`, 'dept_handler', d.id);
      await add(`d${n}_leader`, `${d.name}负责人`, 'dept_leader', d.id);
    }
    return { dir, users };
  });
  ctx.directory.invalidate();
  const actors = await demoActors(ctx, auth, dir);
  const orders = await seedOrders(ctx, dir, actors, orderCount);
  await seedDemoExtensions(ctx);
  await seedKnowledge(ctx);
  await scanDeadlines(ctx);
  await ctx.audit.seal(1_000_000);
  return { users, orders };
}

async function demoActors(ctx: Ctx, auth: AuthService, _dir: DemoDirectory): Promise<DemoActors> {
  const rows = await ctx.db.query<{ id: string; username: string; role: Role; department_id: string }>('SELECT id, username, role, department_id FROM users');
  const byName = new Map(rows.map((r) => [r.username, r.id]));
  const actor = (name: string) => auth.actorForUser(byName.get(name)!);
  const staff = new Map<string, { handler: Actor; leader: Actor }>();
  const partial = new Map<string, Partial<{ handler: Actor; leader: Actor }>>();
  for (const r of rows) {
    const entry = partial.get(r.department_id) ?? {};
    partial.set(r.department_id, entry);
    if (r.role === 'dept_handler' || r.role === 'dispatcher') entry.handler ??= await auth.actorForUser(r.id);
    if (r.role === 'dept_leader' || r.role === 'dispatcher') entry.leader ??= await auth.actorForUser(r.id);
  }
  for (const [dept, e] of partial) if (e.handler && e.leader) staff.set(dept, { handler: e.handler, leader: e.leader });
  return { agent: await actor('agent'), dispatcher: await actor('dispatcher'), followup: await actor('followup'), staff };
}

/** A production start: one administrator from configuration, in a bare center department. */
export async function seedAdminOnly(ctx: Ctx, username: string, password: string): Promise<void> {
  const hash = await hashPassword(password, ctx.env.PASSWORD_HASH_COST);
  await ctx.db.tx(async (q) => {
    const [c] = await q.query<{ id: string }>("INSERT INTO departments (name, kind) VALUES ('12345政务服务便民热线中心', 'center') RETURNING id");
    await q.query('INSERT INTO users (username, display_name, role, department_id, password_hash) VALUES ($1, $2, $3, $4, $5)', [username, '系统管理员', 'admin', c!.id, hash]);
  });
  ctx.directory.invalidate();
}
