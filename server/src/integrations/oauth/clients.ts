import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { DepartmentKind, Role } from '@hotline/shared';
import type { Ctx } from '../../context.ts';
import type { Actor } from '../../auth/actor.ts';
import { AppError } from '../../errors.ts';

/** What an access token may do: `read` (GET and HEAD) and `write` (everything else). */
export const SCOPES = ['read', 'write'] as const;
export type ScopeName = (typeof SCOPES)[number];

/** Prefix of our access tokens, so the authenticator can tell them from session tokens. */
export const ACCESS_TOKEN_PREFIX = 'hat_';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export interface ClientRow {
  id: string;
  client_id: string;
  secret_hash: string;
  name: string;
  role: Role;
  department_id: string;
  scopes: ScopeName[];
  revoked_at: Date | null;
}

/** The scopes an actor's access token carries; an actor absent here is not limited by scope. */
export const tokenScopes = new WeakMap<Actor, readonly ScopeName[]>();

/**
 * OAuth2 clients of the App API (RFC 6749 §4.4, client credentials): a city's own app
 * authenticates as a client with a role, a department (its data scope) and allowed scopes, and
 * gets short-lived bearer tokens that act like a user session with that role and scope.
 */
export class OAuthClients {
  constructor(private readonly ctx: Ctx) {}

  async create(input: { name: string; role: Role; departmentId: string; scopes: ScopeName[] }, createdBy: string) {
    const clientId = `hc_${randomBytes(9).toString('base64url')}`;
    const clientSecret = `hcs_${randomBytes(32).toString('base64url')}`;
    const [row] = await this.ctx.db.query<{ id: string }>(
      `INSERT INTO oauth_clients (client_id, secret_hash, name, role, department_id, scopes, created_by, created_at)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8) RETURNING id`,
      [clientId, sha256(clientSecret), input.name, input.role, input.departmentId, input.scopes, createdBy, this.ctx.clock.now()],
    );
    return { id: row!.id, clientId, clientSecret };
  }

  /** The client when the secret matches and it is not revoked; null otherwise (one answer for both). */
  async authenticate(clientId: string, secret: string): Promise<ClientRow | null> {
    const [row] = await this.ctx.db.query<ClientRow>('SELECT * FROM oauth_clients WHERE client_id = $1', [clientId]);
    const given = Buffer.from(sha256(secret), 'hex');
    const stored = Buffer.from(row?.secret_hash ?? sha256('no client'), 'hex');
    const ok = timingSafeEqual(given, stored);
    return row && ok && !row.revoked_at ? row : null;
  }

  async issueToken(client: ClientRow, scopes: ScopeName[]): Promise<{ token: string; expiresIn: number }> {
    const now = this.ctx.clock.now();
    const expiresIn = this.ctx.env.OAUTH_TOKEN_TTL_SECONDS;
    const token = `${ACCESS_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
    await this.ctx.db.query('DELETE FROM oauth_tokens WHERE expires_at < $1', [new Date(now.getTime() - 86_400_000)]);
    await this.ctx.db.query('INSERT INTO oauth_tokens (token_hash, client_id, scopes, created_at, expires_at) VALUES ($1,$2,$3,$4,$5)', [
      sha256(token), client.id, scopes, now, new Date(now.getTime() + expiresIn * 1000),
    ]);
    return { token, expiresIn };
  }

  /** The actor a bearer access token stands for: the client's role, department and data scope. */
  async actorFromToken(token: string): Promise<Actor> {
    const [row] = await this.ctx.db.query<ClientRow & { token_scopes: ScopeName[]; expires_at: Date }>(
      `SELECT c.*, t.scopes AS token_scopes, t.expires_at FROM oauth_tokens t JOIN oauth_clients c ON c.id = t.client_id WHERE t.token_hash = $1`,
      [sha256(token)],
    );
    if (!row || row.revoked_at) throw new AppError('UNAUTHENTICATED', 'unknown or revoked access token');
    if (row.expires_at <= this.ctx.clock.now()) throw new AppError('UNAUTHENTICATED', 'the access token has expired; request a new one');
    const dir = await this.ctx.directory.fresh();
    const dept = dir.department(row.department_id);
    const actor: Actor = {
      kind: 'apiKey',
      id: row.id,
      username: `client:${row.client_id}`,
      displayName: row.name,
      role: row.role,
      departmentId: row.department_id,
      departmentName: dept?.name ?? '',
      departmentKind: (dept?.kind ?? 'bureau') as DepartmentKind,
      scope: dir.scopeFor(row.department_id),
    };
    tokenScopes.set(actor, row.token_scopes);
    return actor;
  }
}
