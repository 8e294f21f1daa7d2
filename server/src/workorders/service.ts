import { actionBodies, createWorkOrderBody, WORK_ORDER_ACTIONS, type WorkOrderAction } from '@hotline/shared';
import type { z } from 'zod';
import type { Ctx } from '../context.ts';
import type { Actor } from '../auth/actor.ts';
import { AppError, errors } from '../errors.ts';
import { deadlineStateAt } from '../calendar/deadlinePolicy.ts';
import { documentTokens, searchQuery } from '../search/tokenize.ts';
import { checkTransition, type OrderPosition } from './stateMachine.ts';
import { linkAttachments, runStep, statusAfter } from './actions.ts';
import { citizenView, presentDetail, presentSummary } from './presenter.ts';
import { newQueryCode, nextTrackingNumber } from './trackingNumber.ts';
import * as repo from './repository.ts';
import type { WorkOrderRow } from './types.ts';

type CreateInput = z.output<typeof createWorkOrderBody>;

export class WorkOrderService {
  constructor(private readonly ctx: Ctx) {}

  async create(actor: Actor, input: CreateInput, ip?: string) {
    return this.get(actor, await this.register(actor, input, ip), ip);
  }

  /** Registers an order and returns its id. */
  async register(actor: Actor, input: CreateInput, ip?: string): Promise<string> {
    const { db, clock, audit } = this.ctx;
    const dir = await this.ctx.directory.fresh();
    const center = dir.centerOf(actor.departmentId);
    if (!center) throw errors.forbidden('only a hotline center can register work orders');
    const loc = input.location ?? {};
    if (loc.districtId && dir.region(loc.districtId)?.level !== 'district') throw errors.validation({ districtId: loc.districtId }, 'unknown district');
    if (loc.streetId) {
      const street = dir.region(loc.streetId);
      if (!street || street.level === 'district') throw errors.validation({ streetId: loc.streetId }, 'unknown street');
      if (loc.districtId && dir.districtOf(street.id)?.id !== loc.districtId) throw errors.validation({ streetId: loc.streetId }, 'street is not in the district');
    }
    const districtId = loc.districtId ?? dir.districtOf(loc.streetId)?.id ?? null;
    const now = clock.now();
    const title = input.title ?? input.content.replace(/\s+/g, ' ').slice(0, 30);
    if (input.categoryId) {
      const [cat] = await db.query('SELECT 1 FROM categories WHERE id = $1 AND active', [input.categoryId]);
      if (!cat) throw new AppError('CATEGORY_NOT_FOUND', 'unknown category', { categoryId: input.categoryId });
    }
    // The daily counter is taken outside the registration's transaction: holding its row lock
    // for the whole registration serialised every concurrent registration behind it. A
    // registration that fails after this leaves a gap in the day's numbers, which is harmless.
    const trackingNumber = await nextTrackingNumber(db, now);
    const newId = await db.tx(async (q) => {
      const [{ id }] = (await q.query<{ id: string }>('SELECT gen_random_uuid() AS id')) as [{ id: string }];
      await repo.insert(
        q,
        {
          id, trackingNumber, queryCode: newQueryCode(), channel: input.channel, type: input.type, urgency: input.urgency,
          title, content: input.content, categoryId: input.categoryId ?? null, districtId, streetId: loc.streetId ?? null,
          address: loc.address ?? null, lat: loc.lat ?? null, lng: loc.lng ?? null,
          citizenName: input.citizen.name, citizenPhone: input.citizen.phone, citizenIdCard: input.citizen.idCard ?? null,
          citizenEmail: input.citizen.email ?? null, anonymous: input.citizen.anonymous, confidential: input.citizen.confidential,
          status: 'registered', holderDepartmentId: center.id, centerDepartmentId: center.id,
          createdBy: actor.kind === 'user' ? actor.id : null, createdAt: now, updatedAt: now, sourceRef: input.sourceRef ?? null,
        },
        documentTokens(title, input.content, loc.address, trackingNumber),
      );
      await linkAttachments(q, id, input.attachmentIds ?? [], actor.id);
      await repo.insertEvent(q, id, {
        at: now, actorId: actor.id, actorName: actor.displayName, actorRole: actor.role, actorDepartmentId: actor.departmentId,
        action: 'register', fromStatus: null, toStatus: 'registered', note: null, data: { channel: input.channel },
      });
      await audit.append(q, { actorId: actor.id, actorName: actor.username, action: 'workOrder.register', entity: 'workOrder', entityId: id, detail: { trackingNumber }, ip });
      return id;
    });
    this.ctx.events.emit('workOrder.registered', { id: newId, trackingNumber, channel: input.channel, at: now, sourceRef: input.sourceRef ?? null });
    return newId;
  }

  async get(actor: Actor, id: string, ip?: string) {
    const { db } = this.ctx;
    const order = await repo.findById(db, id);
    if (!order || !(await repo.isVisible(db, id, actor.scope))) throw errors.workOrderNotFound();
    const dir = await this.ctx.directory.fresh();
    const [events, assignments, attachments, categoryName] = await Promise.all([
      repo.events(db, id),
      repo.assignments(db, id),
      db.query(`SELECT id, file_name AS "fileName", mime, size, created_at AS "createdAt" FROM attachments WHERE work_order_id = $1 ORDER BY created_at`, [id]),
      order.categoryId ? db.query<{ full_name: string }>('SELECT full_name FROM categories WHERE id = $1', [order.categoryId]).then((r) => r[0]?.full_name ?? null) : null,
    ]);
    const view = citizenView(actor, order);
    if (view === 'full' || view === 'contact') {
      // Every read of a citizen's personal data in clear is audited.
      await this.ctx.audit.append(db, { actorId: actor.id, actorName: actor.username, action: 'personalData.read', entity: 'workOrder', entityId: id, detail: { view }, ip });
    }
    return presentDetail(actor, order, { events, assignments, attachments, allowedActions: this.allowedActions(actor, order), categoryName }, dir);
  }

  async list(actor: Actor, filter: repo.ListFilter) {
    const dir = await this.ctx.directory.fresh();
    const tsquery = filter.q ? searchQuery(filter.q) : null;
    if (filter.q && !tsquery && !/^\d{13}$/.test(filter.q)) return { items: [], total: 0, page: filter.page, pageSize: filter.pageSize, totalCapped: false };
    const res = await repo.list(this.ctx.db, actor.scope, { ...filter, tsquery });
    const catIds = [...new Set(res.items.map((i) => i.categoryId).filter(Boolean))] as string[];
    const cats = catIds.length ? await this.ctx.db.query<{ id: string; full_name: string }>('SELECT id, full_name FROM categories WHERE id = ANY($1::uuid[])', [catIds]) : [];
    const names = new Map(cats.map((c) => [c.id, c.full_name]));
    return { items: res.items.map((r) => presentSummary(actor, r, dir, names)), total: res.total, totalCapped: res.totalCapped, page: filter.page, pageSize: filter.pageSize };
  }

  async act(actor: Actor, id: string, action: WorkOrderAction, rawBody: unknown, ip?: string) {
    await this.apply(actor, id, action, rawBody, ip);
    return this.get(actor, id, ip);
  }

  /** Takes one lifecycle step in one transaction: scope, version, role, state, effect, timeline, audit. */
  async apply(actor: Actor, id: string, action: WorkOrderAction, rawBody: unknown, ip?: string): Promise<void> {
    if (!(WORK_ORDER_ACTIONS as readonly string[]).includes(action)) throw errors.notFound(`action ${action}`);
    const parsed = actionBodies[action].safeParse(rawBody ?? {});
    if (!parsed.success) {
      throw errors.validation(parsed.error.issues.map((i) => ({ path: `/${i.path.join('/')}`, message: i.message })), `body of ${action} is invalid`);
    }
    const body = parsed.data;
    const { db, clock, audit } = this.ctx;
    // Caches load before the transaction (position() and the steps read them synchronously).
    const dir = await this.ctx.directory.fresh();
    const deadlines = await this.ctx.deadlines.snapshot();
    const changed = await db.tx(async (q) => {
      const order = await repo.lockById(q, id);
      if (!order || !(await repo.isVisible(q, id, actor.scope))) throw errors.workOrderNotFound();
      if (body.version !== undefined && body.version !== order.version) throw errors.staleVersion(body.version, order.version);
      checkTransition(action, this.position(order), { role: actor.role, departmentId: actor.departmentId, departmentKind: actor.departmentKind });
      const now = clock.now();
      const effect = await runStep(action, { q, dir, deadlines, actor, order, now, body: body as never });
      const toStatus = statusAfter(order, effect);
      const patch = { ...effect.patch, updatedAt: now };
      if (patch.deadlineState === undefined && (patch.status || patch.handleDeadline)) {
        patch.deadlineState = deadlineStateAt(now, { ...order, ...patch });
      }
      await repo.update(q, id, patch);
      await repo.insertEvent(q, id, {
        at: now, actorId: actor.id, actorName: actor.displayName, actorRole: actor.role, actorDepartmentId: actor.departmentId,
        action, fromStatus: order.status, toStatus, note: effect.note ?? null, data: effect.data ?? null,
      });
      await audit.append(q, {
        actorId: actor.id, actorName: actor.username, action: `workOrder.${action}`, entity: 'workOrder', entityId: id,
        detail: { from: order.status, to: toStatus, ...(effect.data ?? {}) }, ip,
      });
      return { id, trackingNumber: order.trackingNumber, action, fromStatus: order.status, toStatus, at: now };
    });
    this.ctx.events.emit('workOrder.changed', changed);
  }

  /** Actions the actor could take now; the UI shows exactly these. */
  allowedActions(actor: Actor, order: WorkOrderRow): WorkOrderAction[] {
    const pos = this.position(order);
    return WORK_ORDER_ACTIONS.filter((a) => {
      try {
        checkTransition(a, pos, { role: actor.role, departmentId: actor.departmentId, departmentKind: actor.departmentKind });
        return true;
      } catch {
        return false;
      }
    });
  }

  private position(order: WorkOrderRow): OrderPosition {
    const dir = this.ctx.directory;
    return {
      status: order.status,
      holderDepartmentId: order.holderDepartmentId,
      dispatcherDepartmentId: order.dispatcherDepartmentId,
      centerDepartmentId: order.centerDepartmentId,
      holderKind: dir.department(order.holderDepartmentId)?.kind ?? null,
    };
  }
}
