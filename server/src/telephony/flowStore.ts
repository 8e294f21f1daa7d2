import { BUILTIN_FLOW_IDS, builtinFlowText, validateFlow, type FlowRegistry } from '@hotline/telephony';
import type { Ctx } from '../context.ts';
import type { Actor } from '../auth/actor.ts';
import { AppError, errors } from '../errors.ts';

// IVR flows live in the database: each publish adds a version, one version per flow is active.
// The running engine's FlowRegistry follows the active versions (loadInto at start, and the
// 'ivrFlow.activated' event after each publish or rollback), so a change reaches new calls at
// once while calls in progress keep the version they started with.

export interface FlowVersionRow {
  flowId: string;
  version: number;
  name: string;
  active: boolean;
  createdAt: string;
  createdBy: string | null;
}

const COLS = `flow_id AS "flowId", version, name, active, created_at AS "createdAt", created_by AS "createdBy"`;

export class FlowStore {
  constructor(private readonly ctx: Ctx) {}

  /** Copies the built-in flows in on first start; later starts keep whatever admins published. */
  async seedBuiltins(): Promise<void> {
    for (const id of BUILTIN_FLOW_IDS) {
      const [exists] = await this.ctx.db.query('SELECT 1 FROM ivr_flows WHERE flow_id = $1 LIMIT 1', [id]);
      if (exists) continue;
      const v = validateFlow(builtinFlowText(id));
      if (!v.ok) throw new Error(`built-in flow ${id} is invalid: ${v.errors.join('; ')}`);
      await this.ctx.db.query(
        'INSERT INTO ivr_flows (flow_id, version, name, document, active, created_at) VALUES ($1,$2,$3,$4,true,$5) ON CONFLICT DO NOTHING',
        [id, v.flow.version, v.flow.name, JSON.stringify(v.flow), this.ctx.clock.now()],
      );
    }
  }

  async list(): Promise<FlowVersionRow[]> {
    return this.ctx.db.query<FlowVersionRow>(`SELECT ${COLS} FROM ivr_flows ORDER BY flow_id, version DESC`);
  }

  async get(flowId: string, version?: number): Promise<(FlowVersionRow & { document: unknown }) | undefined> {
    const rows = version === undefined
      ? await this.ctx.db.query<FlowVersionRow & { document: unknown }>(`SELECT ${COLS}, document FROM ivr_flows WHERE flow_id = $1 AND active`, [flowId])
      : await this.ctx.db.query<FlowVersionRow & { document: unknown }>(`SELECT ${COLS}, document FROM ivr_flows WHERE flow_id = $1 AND version = $2`, [flowId, version]);
    return rows[0];
  }

  /**
   * Validates and stores a new version and makes it active. The version number is assigned here
   * (one more than the highest so far), whatever the document says, so versions never collide.
   */
  async publish(actor: Actor, document: unknown, ip?: string): Promise<FlowVersionRow> {
    if (typeof document !== 'object' || document === null || Array.isArray(document)) throw errors.validation([{ path: '/', message: 'a flow is a JSON object' }], 'flow document is invalid');
    const flowId = (document as { id?: unknown }).id;
    if (typeof flowId !== 'string') throw errors.validation([{ path: '/id', message: 'required' }], 'flow document is invalid');
    const [{ max }] = (await this.ctx.db.query<{ max: number | null }>('SELECT max(version) AS max FROM ivr_flows WHERE flow_id = $1', [flowId])) as [{ max: number | null }];
    const version = (max ?? 0) + 1;
    const v = validateFlow({ ...document, version });
    if (!v.ok) throw new AppError('INVALID_FLOW', 'the flow document is invalid', v.errors);
    const now = this.ctx.clock.now();
    await this.ctx.db.tx(async (q) => {
      await q.query('UPDATE ivr_flows SET active = false WHERE flow_id = $1 AND active', [flowId]);
      await q.query(
        'INSERT INTO ivr_flows (flow_id, version, name, document, active, created_by, created_at) VALUES ($1,$2,$3,$4,true,$5,$6)',
        [flowId, version, v.flow.name, JSON.stringify(v.flow), actor.kind === 'user' ? actor.id : null, now],
      );
      await this.ctx.audit.append(q, { actorId: actor.id, actorName: actor.username, action: 'ivrFlow.publish', entity: 'ivrFlow', entityId: flowId, detail: { version }, ip });
    });
    this.ctx.events.emit('ivrFlow.activated', { flowId, version, document: v.flow });
    return (await this.get(flowId, version))!;
  }

  /** Makes an earlier (or later) stored version the active one: a rollback. */
  async activate(actor: Actor, flowId: string, version: number, ip?: string): Promise<FlowVersionRow> {
    const row = await this.get(flowId, version);
    if (!row) throw errors.notFound(`flow ${flowId} version ${version}`);
    await this.ctx.db.tx(async (q) => {
      await q.query('UPDATE ivr_flows SET active = false WHERE flow_id = $1 AND active', [flowId]);
      await q.query('UPDATE ivr_flows SET active = true WHERE flow_id = $1 AND version = $2', [flowId, version]);
      await this.ctx.audit.append(q, { actorId: actor.id, actorName: actor.username, action: 'ivrFlow.activate', entity: 'ivrFlow', entityId: flowId, detail: { version }, ip });
    });
    this.ctx.events.emit('ivrFlow.activated', { flowId, version, document: row.document });
    return { ...row, active: true };
  }

  /** Loads every active flow into the engine's registry; returns the problems of any that fail. */
  async loadInto(registry: FlowRegistry): Promise<string[]> {
    const rows = await this.ctx.db.query<{ flowId: string; document: unknown }>('SELECT flow_id AS "flowId", document FROM ivr_flows WHERE active');
    const problems: string[] = [];
    for (const r of rows) {
      const res = registry.load(r.document);
      if (!res.ok) problems.push(`${r.flowId}: ${res.errors.join('; ')}`);
    }
    return problems;
  }
}
