import { STATUS_LABELS, type WorkOrderStatus } from '@hotline/shared';
import type { Ctx } from '../../context.ts';
import { maskEmail, maskIdCard, maskPhone } from '../../workorders/masking.ts';
import { W3_DATETIME } from './attributes.ts';
import { badRequest } from './errors.ts';
import { w3, type Value } from './format.ts';
import { isServiceCode, loadServices } from './services.ts';

/**
 * Our statuses seen through GeoReport's two: a request is `closed` once the hotline has closed
 * it (办结, whether or not the follow-up call has happened), cancelled it, or merged it into
 * another; everything before that — waiting for dispatch, at a department, awaiting review or
 * the center's close — is `open`. status_notes carries our finer status in words.
 */
export const CLOSED_STATUSES: readonly WorkOrderStatus[] = ['closed', 'followedUp', 'cancelled', 'merged'];
export const open311Status = (s: WorkOrderStatus) => (CLOSED_STATUSES.includes(s) ? 'closed' : 'open');

const DAY = 86_400_000;
export const MAX_SPAN_DAYS = 90;
export const MAX_RESULTS = 1000;

export interface RequestFilter {
  ids?: string[];
  serviceCodes?: string[];
  statuses?: ('open' | 'closed')[];
  start: Date;
  end: Date;
}

type Query = Record<string, string | string[] | undefined>;

/** Comma lists, possibly also repeated (`status=open&status=closed`); empty entries dropped. */
function listParam(q: Query, name: string): string[] | undefined {
  const raw = q[name];
  if (raw === undefined) return undefined;
  const parts = (Array.isArray(raw) ? raw : [raw]).flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean);
  return parts.length ? parts : undefined;
}

function dateParam(q: Query, name: string, problems: string[]): Date | undefined {
  const raw = listParam(q, name);
  if (!raw) return undefined;
  // An unencoded "+08:00" arrives as " 08:00" (a plus in a query string is a space).
  const s = raw.join(',').replace(/ (\d{2}:\d{2})$/, '+$1');
  if (raw.length > 1 || !W3_DATETIME.test(s) || Number.isNaN(Date.parse(s))) {
    problems.push(`${name} must be a w3 date and time with a time zone, e.g. 2026-01-01T00:00:00Z or 2026-01-01T08:00:00+08:00; got "${s}"`);
    return undefined;
  }
  return new Date(s);
}

/**
 * GET requests' arguments with the spec's defaults: the most recent 90 days; a range of at
 * most 90 days; service_request_id overrides every other argument.
 */
export function parseFilter(q: Query, now: Date): RequestFilter {
  const problems: string[] = [];
  const ids = listParam(q, 'service_request_id');
  for (const id of ids ?? []) if (!/^\d{13}$/.test(id)) problems.push(`service_request_id ${id} is not a request id (13 digits)`);
  const serviceCodes = listParam(q, 'service_code');
  for (const c of serviceCodes ?? []) if (!isServiceCode(c)) problems.push(`service_code ${c} is not a service code`);
  const statuses = listParam(q, 'status');
  for (const s of statuses ?? []) if (s !== 'open' && s !== 'closed') problems.push(`status must be open or closed, got "${s}"`);
  let start = dateParam(q, 'start_date', problems);
  let end = dateParam(q, 'end_date', problems);
  if (problems.length) throw badRequest(...problems);
  if (!start && !end) end = now;
  if (!start) start = new Date(end!.getTime() - MAX_SPAN_DAYS * DAY);
  if (!end) end = new Date(start.getTime() + MAX_SPAN_DAYS * DAY);
  if (!ids) {
    if (start > end) throw badRequest('start_date is after end_date');
    if (end.getTime() - start.getTime() > MAX_SPAN_DAYS * DAY) throw badRequest(`start_date and end_date may not span more than ${MAX_SPAN_DAYS} days`);
  }
  return { ids: ids && [...new Set(ids)].slice(0, MAX_RESULTS), serviceCodes: serviceCodes?.map((c) => c.toLowerCase()), statuses: statuses as RequestFilter['statuses'], start, end };
}

interface Row {
  tracking_number: string;
  status: WorkOrderStatus;
  content: string;
  address: string | null;
  lat: number | null;
  lng: number | null;
  lead_department_id: string | null;
  created_at: Date;
  updated_at: Date;
  closed_at: Date | null;
  handle_deadline: Date | null;
  service_code: string;
  media_url: string | null;
  address_id: string | null;
}

const COLUMNS = `w.tracking_number, w.status, w.content, w.address, w.lat, w.lng, w.lead_department_id, w.created_at, w.updated_at,
  w.closed_at, w.handle_deadline, r.service_code, r.media_url, r.address_id`;

/**
 * Requests as GeoReport publishes them. Only requests that came in through Open311 are listed:
 * what citizens told the hotline by phone, WeChat or e-mail was not given for publication.
 * Confidential (保密) orders never appear, and no name, phone, e-mail, account or device id is
 * ever returned; phone numbers, ID numbers and e-mail addresses typed into a description are masked.
 */
export async function findRequests(ctx: Ctx, f: RequestFilter): Promise<Value[]> {
  const where = ['NOT w.confidential'];
  const params: unknown[] = [];
  const p = (v: unknown) => `$${params.push(v)}`;
  if (f.ids) {
    where.push(`w.tracking_number = ANY(${p(f.ids)}::text[])`);
  } else {
    where.push(`w.created_at >= ${p(f.start)}`, `w.created_at <= ${p(f.end)}`);
    if (f.serviceCodes) where.push(`r.service_code = ANY(${p(f.serviceCodes)}::text[])`);
    const st = new Set(f.statuses ?? []);
    if (st.size === 1) where.push(`w.status ${st.has('closed') ? '' : 'NOT '}IN (${CLOSED_STATUSES.map((s) => `'${s}'`).join(', ')})`);
  }
  const rows = await ctx.db.query<Row>(
    `SELECT ${COLUMNS} FROM open311_requests r JOIN work_orders w ON w.id = r.work_order_id
      WHERE ${where.join(' AND ')} ORDER BY w.created_at DESC, w.tracking_number DESC LIMIT ${MAX_RESULTS}`,
    params,
  );
  return present(ctx, rows);
}

async function present(ctx: Ctx, rows: Row[]): Promise<Value[]> {
  if (!rows.length) return [];
  const [services, dir] = await Promise.all([loadServices(ctx.db), ctx.directory.fresh()]);
  return rows.map((r) => {
    const closed = open311Status(r.status) === 'closed';
    return {
      service_request_id: r.tracking_number,
      status: open311Status(r.status),
      status_notes: STATUS_LABELS[r.status],
      service_name: services.get(r.service_code)?.name ?? null,
      service_code: r.service_code,
      description: redact(r.content),
      agency_responsible: dir.department(r.lead_department_id)?.name ?? null,
      service_notice: null,
      requested_datetime: w3(r.created_at),
      updated_datetime: w3(closed && r.closed_at ? r.closed_at : r.updated_at),
      expected_datetime: r.handle_deadline && !closed ? w3(r.handle_deadline) : null,
      address: r.address,
      address_id: r.address_id,
      zipcode: null,
      lat: r.lat,
      long: r.lng,
      media_url: r.media_url,
    };
  });
}

/** Masks what looks like personal data a citizen typed into the text. */
export function redact(text: string): string {
  return text
    .replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, (m) => maskEmail(m))
    .replace(/(?<!\d)\d{17}[\dXx](?![\dXx])/g, (m) => maskIdCard(m))
    .replace(/(?<!\d)1[3-9]\d{9}(?!\d)/g, (m) => maskPhone(m))
    .replace(/(?<!\d)0\d{2,3}-?\d{7,8}(?!\d)/g, (m) => maskPhone(m));
}
