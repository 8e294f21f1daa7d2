import { createHash } from 'node:crypto';
import type { Db, Queryable } from '../db/db.ts';
import type { Clock } from '../clock.ts';

export interface AuditEntry {
  actorId?: string | null;
  actorName?: string | null;
  action: string;
  entity: string;
  entityId?: string | null;
  detail?: unknown;
  ip?: string | null;
}

interface AuditRow {
  id: number;
  at: Date;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  detail: unknown;
  ip: string | null;
  chain_seq: number | null;
  prev_hash: string | null;
  hash: string | null;
}

const GENESIS = '0'.repeat(64);
const SEAL_LOCK = 12345002;

/** The hash of one row: over the previous hash and every recorded field, in a fixed order. */
export function rowHash(prev: string, r: AuditRow, seq: number): string {
  const canonical = JSON.stringify([
    seq,
    r.id,
    new Date(r.at).toISOString(),
    r.actor_id,
    r.actor_name,
    r.action,
    r.entity,
    r.entity_id,
    r.detail ?? null,
    r.ip,
  ]);
  return createHash('sha256').update(prev).update(canonical).digest('hex');
}

/**
 * Append-only, hash-chained audit log. `append` writes inside the caller's transaction so the
 * audit row commits or rolls back with the change it records; `seal` links committed rows into
 * the chain in the order it finds them, one sealer at a time.
 */
export class AuditLog {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  async append(q: Queryable, e: AuditEntry): Promise<void> {
    await q.query(
      'INSERT INTO audit_log (at, actor_id, actor_name, action, entity, entity_id, detail, ip) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)',
      [this.clock.now(), e.actorId ?? null, e.actorName ?? null, e.action, e.entity, e.entityId ?? null, e.detail === undefined ? null : JSON.stringify(e.detail), e.ip ?? null],
    );
  }

  async seal(batch = 5000): Promise<number> {
    return this.db.tx(async (q) => {
      if (this.db.kind === 'postgres') {
        const [got] = await q.query<{ ok: boolean }>('SELECT pg_try_advisory_xact_lock($1) AS ok', [SEAL_LOCK]);
        if (!got?.ok) return 0;
      }
      const [last] = await q.query<{ chain_seq: number; hash: string }>(
        'SELECT chain_seq, hash FROM audit_log WHERE chain_seq IS NOT NULL ORDER BY chain_seq DESC LIMIT 1',
      );
      let seq = last?.chain_seq ?? 0;
      let prev = last?.hash ?? GENESIS;
      const rows = await q.query<AuditRow>('SELECT * FROM audit_log WHERE chain_seq IS NULL ORDER BY id LIMIT $1', [batch]);
      for (const r of rows) {
        seq += 1;
        const hash = rowHash(prev, r, seq);
        await q.query('UPDATE audit_log SET chain_seq = $1, prev_hash = $2, hash = $3 WHERE id = $4', [seq, prev, hash, r.id]);
        prev = hash;
      }
      return rows.length;
    });
  }

  /** Seals what is pending, then recomputes the whole chain. */
  async verify(): Promise<{ ok: boolean; checked: number; brokenAt?: number }> {
    while ((await this.seal()) > 0);
    let prev = GENESIS;
    let checked = 0;
    let after = 0;
    for (;;) {
      const rows = await this.db.query<AuditRow>(
        'SELECT * FROM audit_log WHERE chain_seq > $1 ORDER BY chain_seq LIMIT 5000',
        [after],
      );
      if (!rows.length) break;
      for (const r of rows) {
        const seq = r.chain_seq!;
        if (seq !== checked + 1 || r.prev_hash !== prev || rowHash(prev, r, seq) !== r.hash) {
          return { ok: false, checked, brokenAt: seq };
        }
        prev = r.hash!;
        checked = seq;
      }
      after = checked;
    }
    return { ok: true, checked };
  }
}
