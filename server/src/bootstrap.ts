import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Env } from './env.ts';
import { systemClock, type Clock } from './clock.ts';
import type { Db } from './db/db.ts';
import { openPglite } from './db/pglite.ts';
import { openPostgres } from './db/postgres.ts';
import { migrate } from './db/migrate.ts';
import { AuditLog } from './audit/auditLog.ts';
import { DirectoryCache } from './directory/directoryCache.ts';
import { DeadlinePolicy } from './calendar/deadlinePolicy.ts';
import { DiskAttachmentStore, type AttachmentStore } from './attachments/attachmentStore.ts';
import { S3AttachmentStore } from './attachments/s3Store.ts';
import { AuthService } from './auth/authService.ts';
import type { Ctx } from './context.ts';
import { DomainEvents } from './events.ts';
import { buildApp } from './app.ts';
import { seedReferenceData } from './seed/reference.ts';
import { FlowStore } from './telephony/flowStore.ts';

export interface Platform {
  ctx: Ctx;
  auth: AuthService;
  app: FastifyInstance;
  close(): Promise<void>;
}

export async function openDatabase(env: Env): Promise<Db> {
  return env.DATABASE_URL ? openPostgres(env.DATABASE_URL) : openPglite(path.join(env.dataDir, 'pgdata'));
}

/** Opens the database, applies migrations and reference data, and builds the app (not listening). */
export async function createPlatform(env: Env, opts: { clock?: Clock; db?: Db; logger?: boolean } = {}): Promise<Platform> {
  const db = opts.db ?? (await openDatabase(env));
  await migrate(db);
  const clock = opts.clock ?? systemClock;
  const audit = new AuditLog(db, clock);
  const directory = new DirectoryCache(db);
  const ctx: Ctx = {
    db,
    clock,
    env,
    audit,
    directory,
    deadlines: new DeadlinePolicy(db),
    attachments: attachmentStore(env),
    events: new DomainEvents(),
    telephony: null,
    contactCenter: null,
  };
  await seedReferenceData(ctx);
  await new FlowStore(ctx).seedBuiltins();
  const auth = new AuthService(db, clock, env, audit, directory);
  const app = await buildApp(ctx, auth, { logger: opts.logger });
  return {
    ctx,
    auth,
    app,
    async close() {
      ctx.contactCenter?.close();
      ctx.contactCenter = null;
      await ctx.telephony?.close();
      ctx.telephony = null;
      await app.close();
      await db.close();
    },
  };
}

function attachmentStore(env: Env): AttachmentStore {
  if (!env.S3_ENDPOINT) return new DiskAttachmentStore(path.join(env.dataDir, 'attachments'));
  return new S3AttachmentStore({
    endpoint: env.S3_ENDPOINT,
    bucket: env.S3_BUCKET!,
    region: env.S3_REGION,
    accessKeyId: env.S3_ACCESS_KEY_ID!,
    secretAccessKey: env.S3_SECRET_ACCESS_KEY!,
    pathStyle: env.S3_PATH_STYLE,
    prefix: env.S3_PREFIX,
  });
}
