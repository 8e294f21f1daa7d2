import type { Ctx } from '../context.ts';
import type { Queryable } from '../db/db.ts';
import type { Actor } from '../auth/actor.ts';
import { AppError, errors } from '../errors.ts';
import { scopeCondition } from '../workorders/repository.ts';
import { normalizeIdentity, type Identity } from './identity.ts';
import * as repo from './repository.ts';
import { canReadCitizens, presentCitizen, presentCitizenOrder, seesCitizensInClear } from './presenter.ts';

const notFound = () => new AppError('CITIZEN_NOT_FOUND', 'citizen not found');

/** Who did it, for the audit row of a link or merge made by a channel rather than a person. */
export interface AuditActor {
  id: string | null;
  name: string;
  ip?: string;
}

/**
 * Citizens across channels: resolve an identity to one record (creating it on first contact),
 * link identities, merge two records when they turn out to be one person, and their history.
 */
export class CitizenService {
  constructor(private readonly ctx: Ctx) {}

  /** The citizen with this identity, created on first contact. Runs inside the caller's transaction. */
  async resolveIn(q: Queryable, identity: Identity, name = ''): Promise<{ citizenId: string; created: boolean }> {
    const i = normalizeIdentity(identity);
    const now = this.ctx.clock.now();
    const found = await repo.findIdentity(q, i);
    if (found) return { citizenId: found.citizenId, created: false };
    const id = await repo.insertCitizen(q, name.slice(0, 50), now);
    if (await repo.insertIdentity(q, id, i, now)) return { citizenId: id, created: true };
    // Someone else created it between our look-up and insert: use theirs.
    await q.query('DELETE FROM citizens WHERE id = $1', [id]);
    const again = await repo.findIdentity(q, i);
    if (!again) throw new Error('identity vanished while resolving');
    return { citizenId: again.citizenId, created: false };
  }

  async resolve(identity: Identity, name = ''): Promise<string> {
    return (await this.ctx.db.tx((q) => this.resolveIn(q, identity, name))).citizenId;
  }

  /**
   * Gives the citizen this identity. When it already belongs to another citizen, the two are one
   * person: the other is merged into this one (identities, conversations and orders move).
   */
  async linkIn(q: Queryable, citizenId: string, identity: Identity, by: AuditActor): Promise<{ citizenId: string; mergedFrom: string | null }> {
    const i = normalizeIdentity(identity);
    const target = await repo.findCitizen(q, citizenId);
    if (!target) throw notFound();
    const now = this.ctx.clock.now();
    const existing = await repo.findIdentity(q, i);
    if (existing?.citizenId === target.id) return { citizenId: target.id, mergedFrom: null };
    if (!existing && (await repo.insertIdentity(q, target.id, i, now))) {
      await this.ctx.audit.append(q, { actorId: by.id, actorName: by.name, action: 'citizen.link', entity: 'citizen', entityId: target.id, detail: { kind: i.kind }, ip: by.ip });
      return { citizenId: target.id, mergedFrom: null };
    }
    const owner = existing ?? (await repo.findIdentity(q, i));
    if (!owner) throw new Error('identity vanished while linking');
    await this.mergeIn(q, target.id, owner.citizenId, by, { reason: 'link', kind: i.kind });
    return { citizenId: target.id, mergedFrom: owner.citizenId };
  }

  async mergeIn(q: Queryable, intoId: string, fromId: string, by: AuditActor, why: Record<string, unknown> = {}) {
    if (intoId === fromId) throw errors.validation({ fromId }, 'cannot merge a citizen into itself');
    const into = await repo.findCitizen(q, intoId);
    const from = await repo.findCitizen(q, fromId);
    if (!into || !from) throw notFound();
    if (from.id === into.id) return { identities: 0, conversations: 0, workOrders: 0 };
    // Lock both in a fixed order so two merges of the same pair cannot deadlock.
    for (const id of [into.id, from.id].sort()) {
      const locked = await repo.lockCitizen(q, id);
      if (!locked || locked.mergedInto) throw errors.conflict('the citizen was merged meanwhile; try again');
    }
    const moved = await repo.mergeInto(q, into.id, from.id, this.ctx.clock.now());
    await this.ctx.audit.append(q, {
      actorId: by.id, actorName: by.name, action: 'citizen.merge', entity: 'citizen', entityId: into.id, detail: { from: from.id, ...moved, ...why }, ip: by.ip,
    });
    return moved;
  }

  // ---- staff operations (role checks and masking) ----

  async get(actor: Actor, id: string, ip?: string) {
    if (!canReadCitizens(actor)) throw errors.forbidden('citizen records are for hotline staff, leaders and auditors');
    const c = await repo.findCitizen(this.ctx.db, id);
    if (!c) throw notFound();
    const identities = await repo.identitiesOf(this.ctx.db, c.id);
    if (seesCitizensInClear(actor)) {
      await this.ctx.audit.append(this.ctx.db, { actorId: actor.id, actorName: actor.username, action: 'personalData.read', entity: 'citizen', entityId: c.id, ip });
    }
    return presentCitizen(actor, c, identities);
  }

  async findByIdentity(actor: Actor, identity: Identity, ip?: string) {
    if (!canReadCitizens(actor)) throw errors.forbidden('citizen records are for hotline staff, leaders and auditors');
    const found = await repo.findIdentity(this.ctx.db, normalizeIdentity(identity));
    if (!found) throw notFound();
    return this.get(actor, found.citizenId, ip);
  }

  async link(actor: Actor, citizenId: string, identity: Identity, ip?: string) {
    if (!seesCitizensInClear(actor)) throw errors.forbidden('only hotline staff link identities');
    const res = await this.ctx.db.tx((q) => this.linkIn(q, citizenId, identity, { id: actor.id, name: actor.username, ip }));
    return { ...(await this.get(actor, res.citizenId, ip)), mergedFrom: res.mergedFrom };
  }

  async merge(actor: Actor, intoId: string, fromId: string, ip?: string) {
    if (!['supervisor', 'admin'].includes(actor.role) || !seesCitizensInClear(actor)) throw errors.forbidden('only a supervisor or administrator merges citizens');
    const moved = await this.ctx.db.tx((q) => this.mergeIn(q, intoId, fromId, { id: actor.id, name: actor.username, ip }, { reason: 'manual' }));
    return { ...(await this.get(actor, intoId, ip)), moved };
  }

  /** Their conversations on every channel and their work orders within the caller's scope. */
  async history(actor: Actor, id: string) {
    if (!canReadCitizens(actor)) throw errors.forbidden('citizen records are for hotline staff, leaders and auditors');
    const c = await repo.findCitizen(this.ctx.db, id);
    if (!c) throw notFound();
    const clear = seesCitizensInClear(actor);
    const [conversations, orders] = await Promise.all([
      this.ctx.db.query<{ id: string; channel: string; state: string; preview: string; messageCount: number; createdAt: Date; lastMessageAt: Date; closedAt: Date | null }>(
        `SELECT id, channel, state, preview, message_count AS "messageCount", created_at AS "createdAt", last_message_at AS "lastMessageAt", closed_at AS "closedAt"
           FROM conversations WHERE citizen_id = $1 ORDER BY last_message_at DESC LIMIT 100`,
        [c.id],
      ),
      repo.ordersOf(this.ctx.db, c.id, { limit: 100, extraSql: (n) => scopeCondition(actor.scope, n) }),
    ]);
    return {
      citizenId: c.id,
      conversations: conversations.map((v) => ({
        id: v.id,
        channel: v.channel,
        state: v.state,
        // What citizens wrote may hold personal data; masked roles see that a conversation happened.
        preview: clear ? v.preview : null,
        messageCount: v.messageCount,
        createdAt: new Date(v.createdAt).toISOString(),
        lastMessageAt: new Date(v.lastMessageAt).toISOString(),
        closedAt: v.closedAt ? new Date(v.closedAt).toISOString() : null,
      })),
      workOrders: orders.map(presentCitizenOrder),
    };
  }
}
