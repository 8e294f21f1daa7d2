// The baseline for the API throughput figure: the same rows the API writes for "register, then
// dispatch to the housing bureau", written as plain SQL over the same Db (the same pool, so the
// same number of connections) at the same concurrency. Per order it runs:
//
//   transaction 1 (as WorkOrderService.register):
//     INSERT … ON CONFLICT DO UPDATE tracking_counters (the daily sequence, RETURNING last)
//     INSERT work_orders (the same columns the API sets, search_vector = array_to_tsvector of
//       documentTokens(title, content, address, trackingNumber), computed here per order)
//     INSERT work_order_events ('register')
//     INSERT audit_log ('workOrder.register')
//   autocommit: INSERT audit_log ('personalData.read': the API's answer re-reads the order in clear)
//   transaction 2 (as WorkOrderService.apply('dispatch')):
//     INSERT work_order_assignments (lead, active)
//     UPDATE work_orders SET status, holder/lead/dispatcher department, dispatched_at, deadlines,
//       updated_at, deadline_state, version = version + 1
//     INSERT work_order_events ('dispatch')
//     INSERT audit_log ('workOrder.dispatch')
//   autocommit: INSERT audit_log ('personalData.read')
//
// Left out, because they are the API's own overhead and not row writes: HTTP and JSON, session
// lookup, validation, the directory/deadline caches, the category check, SELECT … FOR UPDATE and
// the visibility check, and the read-back of the order (order, events, assignments, attachments,
// category name) that both endpoints answer with. Deadlines are fixed offsets here rather than
// the working-day calendar.

import { randomInt, randomUUID } from 'node:crypto';
import type { CreateWorkOrderBody } from '@hotline/shared';
import type { Db } from '../../server/src/db/db.ts';
import { documentTokens } from '../../server/src/search/tokenize.ts';
import type { City, Person } from './city.ts';

const localDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

const INSERT_ORDER = `INSERT INTO work_orders (id, tracking_number, query_code, channel, type, urgency, title, content, category_id, district_id,
    street_id, address, lat, lng, citizen_name, citizen_phone, citizen_id_card, citizen_email, anonymous, confidential, status,
    holder_department_id, center_department_id, created_by, created_at, updated_at, source_ref, search_vector)
  VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,$23,$24,$25,$26,$27, array_to_tsvector($28::text[]))`;

const INSERT_EVENT = `INSERT INTO work_order_events (work_order_id, at, actor_id, actor_name, actor_role, actor_department_id, action, from_status, to_status, note, data)
  VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)`;

const INSERT_AUDIT = 'INSERT INTO audit_log (at, actor_id, actor_name, action, entity, entity_id, detail, ip) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)';

const IP = '127.0.0.1';

export async function rawCreateAndDispatch(db: Db, city: City, agent: Person, dispatcher: Person, body: CreateWorkOrderBody): Promise<void> {
  const id = randomUUID();
  const created = new Date();
  const loc = body.location ?? {};
  await db.tx(async (q) => {
    const day = localDay.format(created).replaceAll('-', '');
    const [c] = await q.query<{ last: number }>(
      `INSERT INTO tracking_counters (day, last) VALUES ($1, 1) ON CONFLICT (day) DO UPDATE SET last = tracking_counters.last + 1 RETURNING last`,
      [day],
    );
    const trackingNumber = `${day}${String(c!.last).padStart(5, '0')}`;
    const title = body.title ?? body.content.slice(0, 30);
    await q.query(INSERT_ORDER, [
      id, trackingNumber, String(randomInt(0, 1_000_000)).padStart(6, '0'), body.channel, body.type, body.urgency ?? 'normal', title, body.content,
      body.categoryId ?? null, loc.districtId ?? null, loc.streetId ?? null, loc.address ?? null, loc.lat ?? null, loc.lng ?? null,
      body.citizen.name ?? '', body.citizen.phone, body.citizen.idCard ?? null, body.citizen.email ?? null, body.citizen.anonymous ?? false,
      body.citizen.confidential ?? false, 'registered', city.centerId, city.centerId, agent.id, created, created, body.sourceRef ?? null,
      documentTokens(title, body.content, loc.address, trackingNumber),
    ]);
    await q.query(INSERT_EVENT, [id, created, agent.id, agent.displayName, agent.role, agent.departmentId, 'register', null, 'registered', null, JSON.stringify({ channel: body.channel })]);
    await q.query(INSERT_AUDIT, [created, agent.id, agent.username, 'workOrder.register', 'workOrder', id, JSON.stringify({ trackingNumber }), IP]);
  });
  await db.query(INSERT_AUDIT, [new Date(), agent.id, agent.username, 'personalData.read', 'workOrder', id, JSON.stringify({ view: 'full' }), IP]);

  const now = new Date();
  const day = 86_400_000;
  const handleDeadline = new Date(now.getTime() + 15 * day);
  await db.tx(async (q) => {
    await q.query(
      `INSERT INTO work_order_assignments (work_order_id, department_id, role, dispatched_by_department_id, status, created_at) VALUES ($1,$2,'lead',$3,'active',$4)`,
      [id, city.housingId, dispatcher.departmentId, now],
    );
    await q.query(
      `UPDATE work_orders SET status = $2, holder_department_id = $3, lead_department_id = $4, dispatcher_department_id = $5, dispatched_at = $6,
         accept_deadline = $7, accepted_at = $8, handle_deadline = $9, handle_warn_at = $10, updated_at = $11, deadline_state = $12, version = version + 1
       WHERE id = $1`,
      [id, 'dispatched', city.housingId, city.housingId, dispatcher.departmentId, now, new Date(now.getTime() + day), null, handleDeadline, new Date(handleDeadline.getTime() - day), now, 'ok'],
    );
    const data = { leadDepartmentId: city.housingId, assistingDepartmentIds: [] };
    await q.query(INSERT_EVENT, [id, now, dispatcher.id, dispatcher.displayName, dispatcher.role, dispatcher.departmentId, 'dispatch', 'registered', 'dispatched', null, JSON.stringify(data)]);
    await q.query(INSERT_AUDIT, [now, dispatcher.id, dispatcher.username, 'workOrder.dispatch', 'workOrder', id, JSON.stringify({ from: 'registered', to: 'dispatched', ...data }), IP]);
  });
  await db.query(INSERT_AUDIT, [new Date(), dispatcher.id, dispatcher.username, 'personalData.read', 'workOrder', id, JSON.stringify({ view: 'full' }), IP]);
}
