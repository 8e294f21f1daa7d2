import { createHash, randomBytes } from 'node:crypto';
import type { DepartmentKind, Role } from '@hotline/shared';
import type { Db } from '../db/db.ts';
import type { Clock } from '../clock.ts';
import type { Env } from '../env.ts';
import type { AuditLog } from '../audit/auditLog.ts';
import type { DirectoryCache } from '../directory/directoryCache.ts';
import { AppError } from '../errors.ts';
import type { Actor } from './actor.ts';
import { hashPassword, verifyPassword } from './password.ts';

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  department_id: string;
  password_hash: string;
  active: boolean;
  failed_logins: number;
  locked_until: Date | null;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export class AuthService {
  private dummyHash: Promise<string> | null = null;
  private readonly bearerKinds = new Map<string, (token: string) => Promise<Actor>>();

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly env: Env,
    private readonly audit: AuditLog,
    private readonly directory: DirectoryCache,
  ) {}

  async login(username: string, password: string, ip: string): Promise<{ token: string; expiresAt: Date; actor: Actor }> {
    const now = this.clock.now();
    const [user] = await this.db.query<UserRow>('SELECT * FROM users WHERE username = $1', [username]);
    if (!user || !user.active) {
      // Spend the same time as a real check so response timing does not reveal which names exist.
      this.dummyHash ??= hashPassword('not-a-password', this.env.PASSWORD_HASH_COST);
      await verifyPassword(password, await this.dummyHash);
      await this.audit.append(this.db, { actorName: username, action: 'login_failed', entity: 'user', detail: { reason: 'unknown' }, ip });
      throw new AppError('INVALID_CREDENTIALS', 'wrong username or password');
    }
    if (user.locked_until && user.locked_until > now) {
      throw new AppError('ACCOUNT_LOCKED', 'too many failed attempts; the account is locked for now', {
        lockedUntil: user.locked_until.toISOString(),
      });
    }
    if (!(await verifyPassword(password, user.password_hash))) {
      const failures = user.failed_logins + 1;
      const lock = failures >= this.env.LOGIN_MAX_FAILURES ? new Date(now.getTime() + this.env.LOGIN_LOCK_MINUTES * 60_000) : null;
      await this.db.tx(async (q) => {
        await q.query('UPDATE users SET failed_logins = $2, locked_until = $3 WHERE id = $1', [user.id, lock ? 0 : failures, lock]);
        await this.audit.append(q, { actorId: user.id, actorName: username, action: lock ? 'account_locked' : 'login_failed', entity: 'user', entityId: user.id, ip });
      });
      if (lock) throw new AppError('ACCOUNT_LOCKED', 'too many failed attempts; the account is locked for now', { lockedUntil: lock.toISOString() });
      throw new AppError('INVALID_CREDENTIALS', 'wrong username or password');
    }
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + this.env.SESSION_TTL_HOURS * 3600_000);
    await this.db.tx(async (q) => {
      await q.query('UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = $1', [user.id]);
      await q.query('INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ($1,$2,$3,$4)', [sha256(token), user.id, now, expiresAt]);
      await this.audit.append(q, { actorId: user.id, actorName: username, action: 'login', entity: 'user', entityId: user.id, ip });
    });
    return { token, expiresAt, actor: await this.actorFor(user) };
  }

  async logout(token: string): Promise<void> {
    await this.db.query('UPDATE sessions SET revoked = true WHERE token_hash = $1', [sha256(token)]);
  }

  async fromSession(token: string): Promise<Actor> {
    const [row] = await this.db.query<UserRow & { expires_at: Date; revoked: boolean }>(
      `SELECT u.*, s.expires_at, s.revoked FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1`,
      [sha256(token)],
    );
    if (!row || row.revoked || !row.active) throw new AppError('UNAUTHENTICATED', 'not signed in');
    if (row.expires_at <= this.clock.now()) throw new AppError('SESSION_EXPIRED', 'the session has expired; sign in again');
    return this.actorFor(row);
  }

  /**
   * Lets another module own a kind of bearer token, told apart by its prefix (the App API's
   * OAuth2 access tokens); every other bearer token is a session.
   */
  registerBearerKind(prefix: string, resolve: (token: string) => Promise<Actor>): void {
    this.bearerKinds.set(prefix, resolve);
  }

  async fromBearer(token: string): Promise<Actor> {
    for (const [prefix, resolve] of this.bearerKinds) if (token.startsWith(prefix)) return resolve(token);
    return this.fromSession(token);
  }

  async fromApiKey(key: string): Promise<Actor> {
    const [row] = await this.db.query<{ id: string; name: string; role: Role; department_id: string; revoked_at: Date | null }>(
      'SELECT id, name, role, department_id, revoked_at FROM api_keys WHERE key_hash = $1',
      [sha256(key)],
    );
    if (!row || row.revoked_at) throw new AppError('UNAUTHENTICATED', 'unknown or revoked API key');
    const dir = await this.directory.fresh();
    const dept = dir.department(row.department_id);
    return {
      kind: 'apiKey',
      id: row.id,
      username: `apikey:${row.name}`,
      displayName: row.name,
      role: row.role,
      departmentId: row.department_id,
      departmentName: dept?.name ?? '',
      departmentKind: (dept?.kind ?? 'bureau') as DepartmentKind,
      scope: dir.scopeFor(row.department_id),
    };
  }

  /** Creates an API key; the clear key is shown once and only its hash is stored. */
  async createApiKey(input: { name: string; role: Role; departmentId: string }, createdBy: string): Promise<{ id: string; key: string }> {
    const key = `hk_${randomBytes(24).toString('base64url')}`;
    const [row] = await this.db.query<{ id: string }>(
      'INSERT INTO api_keys (name, key_hash, prefix, role, department_id, created_by) VALUES ($1,$2,$3,$4,$5,$6) RETURNING id',
      [input.name, sha256(key), key.slice(0, 7), input.role, input.departmentId, createdBy],
    );
    return { id: row!.id, key };
  }

  async actorForUser(id: string): Promise<Actor> {
    const [user] = await this.db.query<UserRow>('SELECT * FROM users WHERE id = $1', [id]);
    if (!user) throw new AppError('USER_NOT_FOUND', 'user not found');
    return this.actorFor(user);
  }

  private async actorFor(user: UserRow): Promise<Actor> {
    const dir = await this.directory.fresh();
    const dept = dir.department(user.department_id);
    return {
      kind: 'user',
      id: user.id,
      username: user.username,
      displayName: user.display_name,
      role: user.role,
      departmentId: user.department_id,
      departmentName: dept?.name ?? '',
      departmentKind: (dept?.kind ?? 'bureau') as DepartmentKind,
      scope: dir.scopeFor(user.department_id),
    };
  }
}
