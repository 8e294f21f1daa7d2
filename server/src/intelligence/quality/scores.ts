// Quality scores per department and per person over the replies of closed orders in a period:
// every reply (and on-the-spot answer) is inspected, averaged per group, and the lowest-scoring
// ones are offered as samples to review.

import type { Ctx } from '../../context.ts';
import type { Scope } from '../../auth/actor.ts';
import { scopeCondition } from '../../workorders/repository.ts';
import { inspectReply, type Inspection, type RuleId } from './rules.ts';

export interface QualityQuery {
  days: number;
  /** Samples of low scores per group and overall. */
  samples: number;
}

interface ReplyRow {
  eventId: string;
  at: Date;
  action: 'reply' | 'resolveOnSpot';
  actorId: string | null;
  actorName: string | null;
  actorRole: string | null;
  departmentId: string | null;
  reply: string | null;
  workOrderId: string;
  trackingNumber: string;
  title: string;
  content: string;
}

/** More replies than this in a period are sampled from the newest. */
const MAX_REPLIES = 5000;

export interface Sample {
  workOrderId: string;
  trackingNumber: string;
  title: string;
  at: string;
  by: string | null;
  departmentName: string;
  score: number;
  failed: RuleId[];
  excerpt: string;
}

interface Group {
  id: string;
  name: string;
  count: number;
  total: number;
  passed: Record<RuleId, number>;
  samples: Sample[];
}

export async function qualityScores(ctx: Ctx, scope: Scope, q: QualityQuery) {
  const dir = await ctx.directory.fresh();
  const now = ctx.clock.now();
  const since = new Date(now.getTime() - q.days * 86_400_000);
  const cond = scopeCondition(scope, 2);
  const rows = await ctx.db.query<ReplyRow>(
    `SELECT e.id::text AS "eventId", e.at, e.action, e.actor_id AS "actorId", e.actor_name AS "actorName", e.actor_role AS "actorRole",
            e.actor_department_id AS "departmentId", e.note AS reply, w.id AS "workOrderId", w.tracking_number AS "trackingNumber", w.title, w.content
       FROM work_order_events e JOIN work_orders w ON w.id = e.work_order_id
      WHERE e.action IN ('reply', 'resolveOnSpot') AND w.status IN ('closed', 'followedUp') AND e.at >= $1 AND ${cond.sql}
      ORDER BY e.at DESC LIMIT ${MAX_REPLIES}`,
    [since, ...cond.params],
  );
  const departments = new Map<string, Group>();
  const people = new Map<string, Group>();
  const all: (Sample & { inspection: Inspection })[] = [];
  for (const r of rows) {
    const inspection = inspectReply(`${r.title} ${r.content}`, r.reply ?? '');
    const departmentName = dir.department(r.departmentId)?.name ?? '';
    const sample: Sample = {
      workOrderId: r.workOrderId, trackingNumber: r.trackingNumber, title: r.title, at: new Date(r.at).toISOString(), by: r.actorName,
      departmentName, score: inspection.score, failed: inspection.failed, excerpt: (r.reply ?? '').replace(/\s+/g, ' ').slice(0, 160),
    };
    all.push({ ...sample, inspection });
    add(departments, r.departmentId ?? 'unknown', departmentName || '—', inspection, sample, q.samples);
    add(people, r.actorId ?? `name:${r.actorName}`, `${r.actorName ?? '—'}${departmentName ? `（${departmentName}）` : ''}`, inspection, sample, q.samples);
  }
  const lowest = [...all].sort((a, b) => a.score - b.score).slice(0, q.samples * 2).map(({ inspection: _i, ...s }) => s);
  return {
    from: since.toISOString(),
    to: now.toISOString(),
    replies: rows.length,
    capped: rows.length >= MAX_REPLIES,
    averageScore: rows.length ? round(all.reduce((n, s) => n + s.score, 0) / rows.length) : null,
    departments: present(departments),
    people: present(people),
    lowest,
  };
}

function add(groups: Map<string, Group>, id: string, name: string, inspection: Inspection, sample: Sample, keep: number): void {
  let g = groups.get(id);
  if (!g) {
    g = { id, name, count: 0, total: 0, passed: { greeting: 0, closing: 0, forbiddenWords: 0, addressesAppeal: 0, length: 0, politeness: 0 }, samples: [] };
    groups.set(id, g);
  }
  g.count++;
  g.total += inspection.score;
  for (const r of inspection.rules) if (r.passed) g.passed[r.rule]++;
  g.samples.push(sample);
  g.samples.sort((a, b) => a.score - b.score);
  if (g.samples.length > keep) g.samples.length = keep;
}

function present(groups: Map<string, Group>) {
  return [...groups.values()]
    .map((g) => ({
      id: g.id,
      name: g.name,
      replies: g.count,
      averageScore: round(g.total / g.count),
      passRates: Object.fromEntries(Object.entries(g.passed).map(([k, v]) => [k, round(v / g.count, 2)])) as Record<RuleId, number>,
      samples: g.samples,
    }))
    .sort((a, b) => a.averageScore - b.averageScore || b.replies - a.replies);
}

const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
