import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { createReadStream, existsSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { listWorkOrdersQuery } from '@hotline/shared';
import type { Ctx } from '../../context.ts';
import type { Actor } from '../../auth/actor.ts';
import { isHotlineStaff } from '../../auth/actor.ts';
import { actorOf, requireRole } from '../../http/authHooks.ts';
import { AppError, errors } from '../../errors.ts';
import { maskPhone } from '../../workorders/masking.ts';
import { WorkOrderService } from '../../workorders/service.ts';
import type { ContactCenter } from './contactCenter.ts';
import { CtiError, acdCommand } from './ctiError.ts';
import type { CallRecordRow } from './callRecords.ts';

// The CTI's HTTP face (docs/CTI.md): agents drive their own state and calls, supervisors watch
// and step in. Every command names the call; a call that is not the agent's own is refused
// with 403 NOT_YOUR_CALL, a command that does not fit the call's state with 409 CALL_STATE.

const callParams = z.object({ id: z.string().uuid() });
const REASONS = ['break', 'meal', 'training', 'meeting', 'other'] as const;
const target = z.object({ kind: z.enum(['queue', 'agent', 'number']), value: z.string().trim().min(1).max(40).regex(/^[A-Za-z0-9_+*#-]+$/) });

function center(ctx: Ctx): ContactCenter {
  if (!ctx.contactCenter) throw new AppError('SERVICE_UNAVAILABLE', 'the contact center is not running in this process');
  return ctx.contactCenter;
}

const isSupervisor = (a: Actor) => a.role === 'supervisor' || a.role === 'admin';

/** Call staff of a hotline center only: agents and supervisors. */
function staff(req: FastifyRequest): Actor {
  const a = actorOf(req);
  if (!isHotlineStaff(a)) throw errors.forbidden('the contact center belongs to the hotline center');
  return a;
}

export function presentCall(r: CallRecordRow & { workOrderIds?: string[] }, viewer: Actor, names: Map<string, string>) {
  const full = isHotlineStaff(viewer);
  return {
    id: r.id,
    direction: r.direction,
    callerNumber: full ? r.callerNumber : maskPhone(r.callerNumber),
    calledNumber: r.calledNumber,
    state: r.state,
    ivrPath: r.ivrPath,
    queueId: r.queueId,
    enqueuedAt: r.enqueuedAt?.toISOString?.() ?? r.enqueuedAt,
    offeredAt: r.offeredAt?.toISOString?.() ?? r.offeredAt,
    answeredAt: r.answeredAt?.toISOString?.() ?? r.answeredAt,
    endedAt: r.endedAt?.toISOString?.() ?? r.endedAt,
    waitSeconds: r.waitSeconds,
    talkSeconds: r.talkSeconds,
    agentId: r.agentId,
    agentName: r.agentId ? (names.get(r.agentId) ?? null) : null,
    hangupCause: r.hangupCause,
    outcome: r.outcome,
    satisfaction: r.satisfaction,
    workOrderIds: r.workOrderIds ?? [],
    hasRecording: Boolean(r.recordingKey),
  };
}

export async function ctiRoutes(app0: FastifyInstance, ctx: Ctx) {
  const app = app0.withTypeProvider<ZodTypeProvider>();
  const tags = ['contact center'];
  const agents = requireRole('agent', 'supervisor', 'admin');
  const supervisors = requireRole('supervisor', 'admin');
  const orders = new WorkOrderService(ctx);

  const userNames = async (ids: (string | null)[]) => {
    const list = [...new Set(ids.filter((x): x is string => !!x))];
    if (list.length === 0) return new Map<string, string>();
    const rows = await ctx.db.query<{ id: string; display_name: string }>('SELECT id, display_name FROM users WHERE id = ANY($1::uuid[])', [list]);
    return new Map(rows.map((r) => [r.id, r.display_name]));
  };

  const agentView = async (actor: Actor) => {
    const cc = center(ctx);
    const session = cc.agents.get(actor.id);
    const snap = session ? acdCommand(() => cc.acd.agentSnapshot(actor.id)) : null;
    const calls = cc.liveCalls().filter((c) => c.agentId === actor.id);
    return {
      agentId: actor.id,
      displayName: actor.displayName,
      extension: session?.extension ?? null,
      state: snap?.state ?? 'loggedOut',
      presence: snap?.presence ?? 'loggedOut',
      reason: snap?.reason ?? null,
      since: snap ? new Date(snap.since).toISOString() : null,
      calls: calls.map((c) => ({ id: c.id, state: c.state, queueId: c.queueId, callerNumber: c.callerNumber })),
      today: await cc.records.today(actor.id),
    };
  };

  app.post(
    '/api/v1/cti/agent/login',
    { schema: { tags, summary: 'Sign in to the ACD with an extension; returns the softphone’s SIP credentials', body: z.object({ extension: z.string().regex(/^[0-9]{3,8}$/) }).strict() }, preHandler: agents },
    async (req) => {
      const actor = staff(req);
      const cc = center(ctx);
      const [ext] = await ctx.db.query<{ secret: string; user_id: string | null; enabled: boolean }>('SELECT secret, user_id, enabled FROM sip_extensions WHERE extension = $1', [req.body.extension]);
      if (!ext || !ext.enabled) throw errors.notFound(`extension ${req.body.extension}`);
      if (ext.user_id && ext.user_id !== actor.id) throw errors.forbidden('the extension is assigned to another user');
      for (const s of cc.agents.values()) if (s.extension === req.body.extension && s.agentId !== actor.id) throw errors.conflict('the extension is in use by another agent');
      await cc.login(actor.id, req.body.extension, actor.displayName);
      await ctx.audit.append(ctx.db, { actorId: actor.id, actorName: actor.username, action: 'cti.login', entity: 'agent', entityId: actor.id, detail: { extension: req.body.extension }, ip: req.ip });
      const host = (req.headers.host ?? 'localhost').replace(/:\d+$/, '');
      const wsUrl = `${req.protocol === 'https' ? 'wss' : 'ws'}://${req.headers.host ?? 'localhost'}/sip`;
      return {
        ...(await agentView(actor)),
        sip: { uri: `sip:${req.body.extension}@${host}`, authorizationUser: req.body.extension, password: ext.secret, wsUrl, displayName: actor.displayName },
      };
    },
  );

  app.post('/api/v1/cti/agent/logout', { schema: { tags, summary: 'Sign out of the ACD' }, preHandler: agents }, async (req) => {
    const actor = staff(req);
    acdCommand(() => center(ctx).logout(actor.id));
    return agentView(actor);
  });

  app.post(
    '/api/v1/cti/agent/state',
    { schema: { tags, summary: 'Ready (示闲) or not ready (示忙) with a reason', body: z.object({ state: z.enum(['ready', 'notReady']), reason: z.enum(REASONS).optional() }).strict() }, preHandler: agents },
    async (req) => {
      const actor = staff(req);
      if (req.body.state === 'notReady' && !req.body.reason) throw errors.validation([{ path: '/reason', message: 'required when not ready' }]);
      acdCommand(() => center(ctx).acd.setAgentState(actor.id, req.body.state, req.body.reason));
      return agentView(actor);
    },
  );

  app.post('/api/v1/cti/agent/wrap-up/done', { schema: { tags, summary: 'End wrap-up (话后处理) now' }, preHandler: agents }, async (req) => {
    const actor = staff(req);
    acdCommand(() => center(ctx).acd.wrapUpDone(actor.id));
    return agentView(actor);
  });

  app.get('/api/v1/cti/agent/me', { schema: { tags, summary: 'My ACD state, live calls and today’s figures' }, preHandler: agents }, async (req) => agentView(staff(req)));

  app.get(
    '/api/v1/cti/agent/calls',
    { schema: { tags, summary: 'My call log', querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }) }, preHandler: agents },
    async (req) => {
      const actor = staff(req);
      const rows = await center(ctx).records.list({ agentId: actor.id, limit: req.query.limit });
      const names = await userNames(rows.map((r) => r.agentId));
      return { items: rows.map((r) => presentCall(r, actor, names)) };
    },
  );

  // ---- calls ------------------------------------------------------------------------------------

  const ownCall = async (req: FastifyRequest & { params: { id: string } }) => {
    const actor = staff(req);
    const row = await center(ctx).records.get(req.params.id);
    if (!row) throw new CtiError('CALL_NOT_FOUND', 'no such call');
    if (!isSupervisor(actor) && row.agentId !== actor.id) throw new CtiError('NOT_YOUR_CALL', 'the call belongs to another agent');
    return { actor, row };
  };

  app.get('/api/v1/cti/calls/:id', { schema: { tags, summary: 'One call’s record', params: callParams }, preHandler: agents }, async (req) => {
    const { actor, row } = await ownCall(req);
    return presentCall(row, actor, await userNames([row.agentId]));
  });

  app.get('/api/v1/cti/calls/:id/screen-pop', { schema: { tags, summary: 'The caller’s history: earlier calls and work orders', params: callParams }, preHandler: agents }, async (req) => {
    const { actor, row } = await ownCall(req);
    const cc = center(ctx);
    const earlier = await cc.records.list({ callerNumber: row.callerNumber, excludeId: row.id, limit: 10 });
    const names = await userNames([row.agentId, ...earlier.map((e) => e.agentId)]);
    const found = await orders.list(actor, listWorkOrdersQuery.parse({ phone: row.callerNumber, pageSize: 10 }));
    return { call: presentCall(row, actor, names), earlierCalls: earlier.map((e) => presentCall(e, actor, names)), workOrders: found.items };
  });

  const command = (name: string, summary: string, run: (cc: ContactCenter, callId: string, actor: Actor, body: never) => Promise<unknown> | unknown, body?: z.ZodType) =>
    app.post(
      `/api/v1/cti/calls/:id/${name}`,
      { schema: { tags, summary, params: callParams, ...(body ? { body } : {}) }, preHandler: agents },
      async (req) => {
        const actor = staff(req);
        const cc = center(ctx);
        await run(cc, req.params.id, actor, req.body as never);
        await ctx.audit.append(ctx.db, { actorId: actor.id, actorName: actor.username, action: `cti.${name}`, entity: 'call', entityId: req.params.id, ip: req.ip });
        const row = await cc.records.get(req.params.id);
        return row ? presentCall(row, actor, await userNames([row.agentId])) : { id: req.params.id };
      },
    );
  const live = (cc: ContactCenter, id: string, actor: Actor) => cc.live(id, { id: actor.id, supervisor: isSupervisor(actor) });

  command('hangup', 'Hang up the agent’s side (the caller hears the satisfaction survey)', (cc, id, a) => cc.hangup(live(cc, id, a)));
  command('hold', 'Hold (the caller hears music)', (cc, id, a) => cc.hold(live(cc, id, a)));
  command('resume', 'Resume a held call', (cc, id, a) => cc.resume(live(cc, id, a)));
  command('mute', 'Mute the agent toward the caller', (cc, id, a) => cc.mute(live(cc, id, a), true));
  command('unmute', 'Unmute', (cc, id, a) => cc.mute(live(cc, id, a), false));
  command('dtmf', 'Send DTMF digits to the caller’s side', (cc, id, a, b: { digits: string }) => cc.sendDtmf(live(cc, id, a), b.digits), z.object({ digits: z.string().regex(/^[0-9*#]{1,20}$/) }).strict());
  command('transfer', 'Blind transfer to a queue, an agent’s extension or a number', async (cc, id, a, b: { target: z.infer<typeof target> }) => {
    const call = live(cc, id, a);
    if (b.target.kind === 'queue') return cc.transferToQueue(call, b.target.value);
    await cc.addParty(call, await dialTarget(b.target), 'consult', a.displayName);
    await cc.completeTransfer(call);
  }, z.object({ target }).strict());
  command('consult', 'Consult another agent or number (the caller is held)', async (cc, id, a, b: { target: z.infer<typeof target> }) => {
    if (b.target.kind === 'queue') throw errors.validation([{ path: '/target/kind', message: 'consult needs an agent or a number' }]);
    await cc.addParty(live(cc, id, a), await dialTarget(b.target), 'consult', a.displayName);
  }, z.object({ target }).strict());
  command('consult/complete', 'Attended transfer: join caller and consulted party, leave', (cc, id, a) => cc.completeTransfer(live(cc, id, a)));
  command('conference', 'Three-way call with the consulted party', (cc, id, a) => cc.conference(live(cc, id, a)));

  /** An agent target is a signed-in agent's user id or an extension; a number goes out as dialled. */
  async function dialTarget(t: z.infer<typeof target>): Promise<string> {
    if (t.kind === 'number') return t.value;
    const cc = center(ctx);
    const byId = cc.agents.get(t.value);
    if (byId) return byId.extension;
    const [ext] = await ctx.db.query('SELECT 1 FROM sip_extensions WHERE extension = $1 AND enabled', [t.value]);
    if (!ext) throw new CtiError('UNKNOWN_TARGET', `no agent or extension ${t.value}`);
    return t.value;
  }

  app.post(
    '/api/v1/cti/calls',
    { schema: { tags, summary: 'Call out (外呼): rings the agent’s phone, then the number, with the hotline number as caller ID', body: z.object({ number: z.string().regex(/^\+?[0-9*#]{3,20}$/) }).strict() }, preHandler: agents },
    async (req, reply) => {
      const actor = staff(req);
      const cc = center(ctx);
      const id = await cc.outbound(actor.id, req.body.number);
      await ctx.audit.append(ctx.db, { actorId: actor.id, actorName: actor.username, action: 'cti.outbound', entity: 'call', entityId: id, detail: { number: req.body.number }, ip: req.ip });
      const row = await cc.records.get(id);
      return reply.status(201).send(presentCall(row!, actor, await userNames([row!.agentId])));
    },
  );

  app.post('/api/v1/cti/calls/:id/answer', { schema: { tags, summary: 'Answer an offered call (phones answer themselves: this only confirms the offer)', params: callParams }, preHandler: agents }, async (req) => {
    const actor = staff(req);
    const call = center(ctx).live(req.params.id, { id: actor.id, supervisor: false });
    // The call is bridged when the phone answers the INVITE; a command cannot pick up a handset.
    throw new CtiError('CALL_STATE', call.state === 'offered' ? 'answer on your phone (the softphone or the SIP phone that is ringing)' : `the call is ${call.state}`);
  });

  app.post(
    '/api/v1/cti/calls/:id/work-orders',
    { schema: { tags, summary: 'Link a work order to the call', params: callParams, body: z.object({ workOrderId: z.string().uuid() }).strict() }, preHandler: agents },
    async (req) => {
      const { actor, row } = await ownCall(req);
      await orders.get(actor, req.body.workOrderId); // 404 outside the agent's scope
      await center(ctx).records.linkWorkOrder(row.id, req.body.workOrderId);
      return presentCall((await center(ctx).records.get(row.id))!, actor, await userNames([row.agentId]));
    },
  );

  app.get('/api/v1/cti/calls/:id/recording', { schema: { tags, summary: 'The call’s recording (stereo WAV: caller left, agent right)', params: callParams }, preHandler: requireRole('agent', 'supervisor', 'admin', 'auditor') }, async (req, reply) => {
    const actor = actorOf(req);
    const row = await center(ctx).records.get(req.params.id);
    if (!row) throw new CtiError('CALL_NOT_FOUND', 'no such call');
    if (actor.role === 'agent' && row.agentId !== actor.id) throw new CtiError('NOT_YOUR_CALL', 'the call belongs to another agent');
    const file = row.recordingKey ? path.join(ctx.env.dataDir, 'recordings', path.basename(row.recordingKey)) : null;
    if (!file || !existsSync(file)) throw errors.notFound('recording');
    await ctx.audit.append(ctx.db, { actorId: actor.id, actorName: actor.username, action: 'cti.recording.play', entity: 'call', entityId: row.id, ip: req.ip });
    return reply.type('audio/wav').send(createReadStream(file));
  });

  // ---- supervisor --------------------------------------------------------------------------------

  app.get('/api/v1/cti/wallboard', { schema: { tags, summary: 'Queues, agents and live calls now' }, preHandler: supervisors }, async (req) => {
    const actor = staff(req);
    const cc = center(ctx);
    const board = cc.acd.wallboard();
    const calls = cc.liveCalls();
    const names = await userNames([...board.agents.map((a) => a.agentId), ...calls.map((c) => c.agentId)]);
    return {
      at: new Date(board.at).toISOString(),
      queues: board.queues,
      agents: board.agents.map((a) => ({ ...a, since: new Date(a.since).toISOString(), displayName: names.get(a.agentId) ?? a.agentId, extension: cc.agents.get(a.agentId)?.extension ?? null })),
      calls: calls.map((c) => ({ ...c, callerNumber: isHotlineStaff(actor) ? c.callerNumber : maskPhone(c.callerNumber), agentName: c.agentId ? names.get(c.agentId) ?? null : null, enqueuedAt: new Date(c.enqueuedAt).toISOString(), answeredAt: c.answeredAt ? new Date(c.answeredAt).toISOString() : null })),
      callbacks: cc.acd.callbackList(),
    };
  });

  app.post(
    '/api/v1/cti/calls/:id/monitor',
    { schema: { tags, summary: 'Listen, whisper or barge: rings the supervisor’s own extension and joins it', params: callParams, body: z.object({ mode: z.enum(['listen', 'whisper', 'barge']) }).strict() }, preHandler: supervisors },
    async (req) => {
      const actor = staff(req);
      const cc = center(ctx);
      const own = cc.agents.get(actor.id);
      if (!own) throw new CtiError('AGENT_NOT_SIGNED_IN', 'sign in with an extension first');
      const call = cc.live(req.params.id, { id: actor.id, supervisor: true });
      await cc.addParty(call, own.extension, req.body.mode, actor.displayName);
      await ctx.audit.append(ctx.db, { actorId: actor.id, actorName: actor.username, action: `cti.monitor.${req.body.mode}`, entity: 'call', entityId: call.id, ip: req.ip });
      return { callId: call.id, mode: req.body.mode };
    },
  );

  app.post(
    '/api/v1/cti/agents/:agentId/state',
    { schema: { tags, summary: 'Force an agent not ready or signed out', params: z.object({ agentId: z.string().uuid() }), body: z.object({ state: z.enum(['notReady', 'loggedOut']), reason: z.enum(REASONS).optional() }).strict() }, preHandler: supervisors },
    async (req) => {
      const actor = staff(req);
      const cc = center(ctx);
      if (req.body.state === 'loggedOut') acdCommand(() => cc.logout(req.params.agentId));
      else acdCommand(() => cc.acd.setAgentState(req.params.agentId, 'notReady', 'supervisor'));
      await ctx.audit.append(ctx.db, { actorId: actor.id, actorName: actor.username, action: `cti.force.${req.body.state}`, entity: 'agent', entityId: req.params.agentId, ip: req.ip });
      return { agentId: req.params.agentId, state: req.body.state };
    },
  );

  app.put(
    '/api/v1/cti/agents/:agentId/skills',
    { schema: { tags, summary: 'Change an agent’s skills (live, and kept for the next sign-in)', params: z.object({ agentId: z.string().uuid() }), body: z.object({ skills: z.record(z.string().regex(/^[a-zA-Z][a-zA-Z0-9_-]{0,31}$/), z.number().int().min(1).max(10)) }).strict() }, preHandler: supervisors },
    async (req) => {
      const actor = staff(req);
      const cc = center(ctx);
      const [user] = await ctx.db.query("SELECT 1 FROM users WHERE id = $1 AND role IN ('agent', 'supervisor')", [req.params.agentId]);
      if (!user) throw new AppError('USER_NOT_FOUND', 'no such agent');
      if (cc.agents.has(req.params.agentId)) acdCommand(() => cc.acd.setSkills(req.params.agentId, req.body.skills));
      await ctx.db.query(
        'INSERT INTO agent_skills (user_id, skills, updated_at) VALUES ($1, $2, $3) ON CONFLICT (user_id) DO UPDATE SET skills = EXCLUDED.skills, updated_at = EXCLUDED.updated_at',
        [req.params.agentId, JSON.stringify(req.body.skills), ctx.clock.now()],
      );
      await ctx.audit.append(ctx.db, { actorId: actor.id, actorName: actor.username, action: 'cti.skills', entity: 'agent', entityId: req.params.agentId, detail: req.body.skills, ip: req.ip });
      return { agentId: req.params.agentId, skills: req.body.skills };
    },
  );

  app.post(
    '/api/v1/cti/interactions/:id/pull',
    { schema: { tags, summary: 'Offer a waiting call to a chosen agent now', params: callParams, body: z.object({ agentId: z.string().uuid() }).strict() }, preHandler: supervisors },
    async (req) => {
      staff(req);
      acdCommand(() => center(ctx).acd.pull(req.params.id, req.body.agentId));
      return { interactionId: req.params.id, agentId: req.body.agentId };
    },
  );

  app.get('/api/v1/cti/callbacks', { schema: { tags, summary: 'Missed-call callback list' }, preHandler: agents }, async (req) => {
    const actor = staff(req);
    return { items: center(ctx).acd.callbackList().map((c) => ({ ...c, callerNumber: isSupervisor(actor) || actor.role === 'agent' ? c.callerNumber : maskPhone(c.callerNumber), abandonedAt: new Date(c.abandonedAt).toISOString() })) };
  });

  app.post('/api/v1/cti/callbacks/:number/done', { schema: { tags, summary: 'Mark a callback as made', params: z.object({ number: z.string().regex(/^\+?[0-9]{3,20}$/) }) }, preHandler: agents }, async (req) => {
    staff(req);
    if (!center(ctx).acd.removeCallback(req.params.number)) throw errors.notFound(`callback ${req.params.number}`);
    return { done: req.params.number };
  });
}
