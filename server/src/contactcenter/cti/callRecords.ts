import type { Ctx } from '../../context.ts';

// The call detail record (call_records): inserted when a call enters the queue, updated at each
// step, read by the agent's call log, the screen pop and the wallboard.

export type CallState = 'ivr' | 'queued' | 'offered' | 'talking' | 'held' | 'survey' | 'ended';

export interface CallRecordRow {
  id: string;
  sipCallId: string;
  direction: 'inbound' | 'outbound';
  callerNumber: string;
  calledNumber: string;
  ivrFlow: string | null;
  ivrPath: unknown;
  queueId: string | null;
  state: CallState;
  enqueuedAt: Date | null;
  offeredAt: Date | null;
  answeredAt: Date | null;
  endedAt: Date | null;
  waitSeconds: number | null;
  talkSeconds: number | null;
  agentId: string | null;
  extension: string | null;
  outcome: string | null;
  hangupCause: string | null;
  satisfaction: 'satisfied' | 'neutral' | 'dissatisfied' | null;
  recordingKey: string | null;
  createdAt: Date;
}

const COLUMNS: Record<keyof CallRecordRow, string> = {
  id: 'id', sipCallId: 'sip_call_id', direction: 'direction', callerNumber: 'caller_number', calledNumber: 'called_number',
  ivrFlow: 'ivr_flow', ivrPath: 'ivr_path', queueId: 'queue_id', state: 'state', enqueuedAt: 'enqueued_at', offeredAt: 'offered_at',
  answeredAt: 'answered_at', endedAt: 'ended_at', waitSeconds: 'wait_seconds', talkSeconds: 'talk_seconds', agentId: 'agent_id',
  extension: 'extension', outcome: 'outcome', hangupCause: 'hangup_cause', satisfaction: 'satisfaction', recordingKey: 'recording_key', createdAt: 'created_at',
};
export const CALL_RECORD_SELECT = Object.entries(COLUMNS).map(([k, c]) => `c.${c} AS "${k}"`).join(', ');

export class CallRecords {
  constructor(private readonly ctx: Ctx) {}

  async insert(r: Pick<CallRecordRow, 'id' | 'sipCallId' | 'direction' | 'callerNumber' | 'calledNumber' | 'ivrFlow' | 'ivrPath' | 'queueId' | 'state' | 'enqueuedAt'>): Promise<void> {
    await this.ctx.db.query(
      `INSERT INTO call_records (id, sip_call_id, direction, caller_number, called_number, ivr_flow, ivr_path, queue_id, state, enqueued_at, created_at)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)`,
      [r.id, r.sipCallId, r.direction, r.callerNumber, r.calledNumber, r.ivrFlow, JSON.stringify(r.ivrPath ?? []), r.queueId, r.state, r.enqueuedAt, this.ctx.clock.now()],
    );
  }

  async update(id: string, patch: Partial<Omit<CallRecordRow, 'id' | 'createdAt'>>): Promise<void> {
    const entries = Object.entries(patch).filter(([, v]) => v !== undefined) as [keyof CallRecordRow, unknown][];
    if (entries.length === 0) return;
    const sets = entries.map(([k], i) => `${COLUMNS[k]} = $${i + 2}`);
    await this.ctx.db.query(`UPDATE call_records SET ${sets.join(', ')} WHERE id = $1`, [id, ...entries.map(([k, v]) => (k === 'ivrPath' ? JSON.stringify(v) : v))]);
  }

  async get(id: string): Promise<(CallRecordRow & { workOrderIds: string[] }) | undefined> {
    const [row] = await this.ctx.db.query<CallRecordRow & { workOrderIds: string[] }>(
      `SELECT ${CALL_RECORD_SELECT}, COALESCE((SELECT array_agg(work_order_id::text) FROM call_work_orders w WHERE w.call_id = c.id), '{}') AS "workOrderIds" FROM call_records c WHERE c.id = $1`,
      [id],
    );
    return row;
  }

  async list(filter: { agentId?: string; callerNumber?: string; excludeId?: string; limit: number }): Promise<(CallRecordRow & { workOrderIds: string[] })[]> {
    return this.ctx.db.query(
      `SELECT ${CALL_RECORD_SELECT}, COALESCE((SELECT array_agg(work_order_id::text) FROM call_work_orders w WHERE w.call_id = c.id), '{}') AS "workOrderIds"
       FROM call_records c WHERE ($1::uuid IS NULL OR c.agent_id = $1) AND ($2::text IS NULL OR c.caller_number = $2) AND ($3::uuid IS NULL OR c.id <> $3)
       ORDER BY c.created_at DESC LIMIT $4`,
      [filter.agentId ?? null, filter.callerNumber ?? null, filter.excludeId ?? null, filter.limit],
    );
  }

  async linkWorkOrder(callId: string, workOrderId: string): Promise<void> {
    await this.ctx.db.query('INSERT INTO call_work_orders (call_id, work_order_id, linked_at) VALUES ($1,$2,$3) ON CONFLICT DO NOTHING', [callId, workOrderId, this.ctx.clock.now()]);
  }

  /** Today's figures of one agent (Asia/Shanghai day). */
  async today(agentId: string): Promise<{ answered: number; talkSeconds: number; averageHandleSeconds: number }> {
    const now = this.ctx.clock.now();
    const start = new Date(Math.floor((now.getTime() + 8 * 3600_000) / 86_400_000) * 86_400_000 - 8 * 3600_000);
    const [r] = await this.ctx.db.query<{ answered: number; talk: number }>(
      'SELECT count(*) FILTER (WHERE answered_at IS NOT NULL)::int AS answered, COALESCE(sum(talk_seconds), 0)::int AS talk FROM call_records WHERE agent_id = $1 AND created_at >= $2',
      [agentId, start],
    );
    return { answered: r?.answered ?? 0, talkSeconds: r?.talk ?? 0, averageHandleSeconds: r && r.answered ? Math.round(r.talk / r.answered) : 0 };
  }
}
