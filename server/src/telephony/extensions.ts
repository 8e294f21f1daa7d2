import { randomBytes } from 'node:crypto';
import type { Ctx } from '../context.ts';
import type { Actor } from '../auth/actor.ts';
import { AppError, errors } from '../errors.ts';

// Agent phones' SIP accounts. The digest check runs on every REGISTER and INVITE from a phone and
// is synchronous in the engine, so the secrets are held in memory and reloaded when an admin
// changes one (the 'sipExtension.changed' event).

export interface ExtensionRow {
  extension: string;
  displayName: string;
  userId: string | null;
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
}

const COLS = `extension, display_name AS "displayName", user_id AS "userId", enabled, created_at AS "createdAt", updated_at AS "updatedAt"`;

export class ExtensionStore {
  #secrets = new Map<string, string>();

  constructor(private readonly ctx: Ctx) {}

  /** The secret of an enabled extension (the engine's digest lookup). */
  secretOf = (extension: string): string | undefined => this.#secrets.get(extension);

  async reload(): Promise<void> {
    const rows = await this.ctx.db.query<{ extension: string; secret: string }>('SELECT extension, secret FROM sip_extensions WHERE enabled');
    this.#secrets = new Map(rows.map((r) => [r.extension, r.secret]));
  }

  async list(): Promise<ExtensionRow[]> {
    return this.ctx.db.query<ExtensionRow>(`SELECT ${COLS} FROM sip_extensions ORDER BY extension`);
  }

  /**
   * Creates or updates an extension. Without a secret a random one is generated; the secret is
   * returned only from this call, never listed.
   */
  async upsert(actor: Actor, input: { extension: string; displayName: string; userId?: string | null; enabled?: boolean; secret?: string }, ip?: string): Promise<ExtensionRow & { secret?: string }> {
    const now = this.ctx.clock.now();
    if (input.userId) {
      const [u] = await this.ctx.db.query('SELECT 1 FROM users WHERE id = $1', [input.userId]);
      if (!u) throw new AppError('USER_NOT_FOUND', 'user not found', { userId: input.userId });
    }
    const [existing] = await this.ctx.db.query<{ secret: string }>('SELECT secret FROM sip_extensions WHERE extension = $1', [input.extension]);
    const secret = input.secret ?? (existing ? undefined : randomBytes(12).toString('base64url'));
    await this.ctx.db.tx(async (q) => {
      if (existing) {
        await q.query(
          'UPDATE sip_extensions SET display_name = $2, user_id = $3, enabled = $4, secret = COALESCE($5, secret), updated_at = $6 WHERE extension = $1',
          [input.extension, input.displayName, input.userId ?? null, input.enabled ?? true, secret ?? null, now],
        );
      } else {
        await q.query(
          'INSERT INTO sip_extensions (extension, secret, display_name, user_id, enabled, created_at, updated_at) VALUES ($1,$2,$3,$4,$5,$6,$6)',
          [input.extension, secret, input.displayName, input.userId ?? null, input.enabled ?? true, now],
        );
      }
      await this.ctx.audit.append(q, {
        actorId: actor.id, actorName: actor.username, action: existing ? 'sipExtension.update' : 'sipExtension.create', entity: 'sipExtension', entityId: input.extension,
        detail: { enabled: input.enabled ?? true, secretChanged: secret !== undefined }, ip,
      });
    });
    await this.reload();
    this.ctx.events.emit('sipExtension.changed', { extension: input.extension });
    const [row] = await this.ctx.db.query<ExtensionRow>(`SELECT ${COLS} FROM sip_extensions WHERE extension = $1`, [input.extension]);
    return { ...row!, ...(secret !== undefined ? { secret } : {}) };
  }

  async remove(actor: Actor, extension: string, ip?: string): Promise<void> {
    const rows = await this.ctx.db.query('DELETE FROM sip_extensions WHERE extension = $1 RETURNING extension', [extension]);
    if (rows.length === 0) throw errors.notFound(`extension ${extension}`);
    await this.ctx.audit.append(this.ctx.db, { actorId: actor.id, actorName: actor.username, action: 'sipExtension.delete', entity: 'sipExtension', entityId: extension, ip });
    await this.reload();
    this.ctx.events.emit('sipExtension.changed', { extension });
  }
}

/**
 * The demo city's agent phones: 8001–8010, secret Agent@80xx (the documented demo contract), and
 * 8000 (secret Agent@8000) for the supervisor's seat, to listen in from the wallboard.
 */
export async function seedDemoExtensions(ctx: Ctx): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.query(
    `INSERT INTO sip_extensions (extension, secret, display_name, user_id, enabled, created_at, updated_at)
     VALUES ('8000', 'Agent@8000', '班长席', (SELECT id FROM users WHERE username = 'supervisor'), true, $1, $1) ON CONFLICT (extension) DO NOTHING`,
    [now],
  );
  for (let i = 1; i <= 10; i++) {
    const ext = String(8000 + i);
    await ctx.db.query(
      `INSERT INTO sip_extensions (extension, secret, display_name, user_id, enabled, created_at, updated_at)
       VALUES ($1, $2, $3, (SELECT id FROM users WHERE extension = $1 LIMIT 1), true, $4, $4) ON CONFLICT (extension) DO NOTHING`,
      [ext, `Agent@${ext}`, `坐席分机 ${ext}`, now],
    );
  }
}
