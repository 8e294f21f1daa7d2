import { randomUUID } from 'node:crypto';
import { APPEAL_TYPES, type AppealType } from '@hotline/shared';
import type { Ctx } from '../../context.ts';
import { systemActor } from '../../auth/systemActor.ts';
import type { WorkOrderService } from '../../workorders/service.ts';
import * as repo from '../../workorders/repository.ts';
import { APPEAL_TYPE, attributeFields, checkAttributes, DEFAULT_APPEAL_TYPE, definitionOf, describeAnswers, SUBCATEGORY } from './attributes.ts';
import { badRequest, notFound } from './errors.ts';
import { findService } from './services.ts';
import { clean } from './format.ts';

export interface Submission {
  serviceRequestId: string;
  token: string;
  serviceNotice: string;
  accountId: string | null;
}

const PHONE = /^\+?[0-9\- ]{3,20}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const CJK = /[\u3400-\u9fff]/;

/** Family name first for Chinese names (张 + 三 → 张三), given name first otherwise. */
export function citizenName(first: string, last: string): string {
  if (!first || !last) return first || last;
  return CJK.test(first + last) ? `${last}${first}` : `${first} ${last}`;
}

/**
 * POST requests: checks every argument (all problems are reported together), then registers a
 * work order on the `open311` channel as the platform acting for the city center, and records
 * what the submission carried beyond the order (token, media_url, account and device ids).
 */
export async function submitRequest(ctx: Ctx, orders: WorkOrderService, form: URLSearchParams, keyName: string, ip?: string): Promise<Submission> {
  // Control characters cannot be stored (NUL) or rendered as XML; they are dropped on the way in.
  const text = (name: string) => clean(form.get(name) ?? '').trim();
  const field = (name: string) => text(name) || undefined;
  const problems: string[] = [];

  const code = field('service_code');
  if (!code) throw badRequest('service_code was not provided');
  const service = await findService(ctx.db, code);
  if (!service) throw notFound(`service_code ${code} was not found`);

  const lat = field('lat');
  const long = field('long');
  const addressString = field('address_string');
  const addressId = field('address_id');
  if ((lat === undefined) !== (long === undefined)) problems.push('lat and long must be sent together');
  if (lat === undefined && long === undefined && !addressString && !addressId) {
    problems.push('a location is required: lat and long, or address_string, or address_id');
  }
  const latN = lat === undefined ? undefined : Number(lat);
  const longN = long === undefined ? undefined : Number(long);
  if (latN !== undefined && !(Number.isFinite(latN) && latN >= -90 && latN <= 90)) problems.push(`lat must be a WGS84 latitude between -90 and 90, got "${lat}"`);
  if (longN !== undefined && !(Number.isFinite(longN) && longN >= -180 && longN <= 180)) problems.push(`long must be a WGS84 longitude between -180 and 180, got "${long}"`);
  if (addressString && addressString.length > 200) problems.push('address_string must be at most 200 characters');

  const defs = await definitionOf(ctx.db, service);
  const answers = checkAttributes(defs, attributeFields(form));
  problems.push(...answers.problems);

  const description = text('description');
  if (description.length > 4000) problems.push(`description must be at most 4000 characters, got ${description.length}`);
  const first = field('first_name') ?? '';
  const last = field('last_name') ?? '';
  const name = citizenName(first, last);
  if (name.length > 50) problems.push('first_name and last_name together must be at most 50 characters');
  const phone = field('phone');
  if (phone && !PHONE.test(phone)) problems.push('phone must be 3 to 20 digits');
  const email = field('email');
  if (email && (!EMAIL.test(email) || email.length > 120)) problems.push('email is not an e-mail address');
  const mediaUrl = field('media_url');
  if (mediaUrl && !isWebUrl(mediaUrl)) problems.push('media_url must be an http or https URL of at most 1000 characters');
  const accountId = field('account_id');
  const deviceId = field('device_id');
  if ((accountId?.length ?? 0) > 120 || (deviceId?.length ?? 0) > 120) problems.push('account_id and device_id must be at most 120 characters');

  const place = addressId ? await addressById(ctx, addressId) : null;
  if (addressId && !place) problems.push(`address_id ${addressId} is not an address code of this city`);
  if (problems.length) throw badRequest(...problems);

  const type = (answers.values[APPEAL_TYPE] as AppealType | undefined) ?? DEFAULT_APPEAL_TYPE;
  if (!APPEAL_TYPES.includes(type)) throw badRequest(`unknown appeal type ${type}`);
  const extra = describeAnswers(defs, answers.values);
  const content = [description || service.name, ...extra].join('\n');
  const token = randomUUID();
  const actor = await systemActor(ctx, `open311:${keyName}`, 'Open311 接口');
  const id = await orders.register(
    actor,
    {
      channel: 'open311',
      type,
      urgency: 'normal',
      content,
      title: description ? undefined : service.name,
      categoryId: (answers.values[SUBCATEGORY] as string | undefined) ?? service.code,
      citizen: { name, phone: phone ?? '', email, anonymous: !name && !phone && !email, confidential: false },
      location: {
        districtId: place?.districtId,
        streetId: place?.streetId,
        address: addressString ?? place?.name,
        lat: latN,
        lng: longN,
      },
      sourceRef: `open311:${token}`,
    },
    ip,
  );
  const order = (await repo.findById(ctx.db, id))!;
  await ctx.db.query(
    `INSERT INTO open311_requests (work_order_id, token, service_code, api_key_name, account_id, device_id, media_url, address_id, attributes, created_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)`,
    [id, token, service.code, keyName, accountId ?? null, deviceId ?? null, mediaUrl ?? null, addressId ?? null, JSON.stringify(answers.values), order.createdAt],
  );
  return {
    serviceRequestId: order.trackingNumber,
    token,
    accountId: accountId ?? null,
    serviceNotice: `已受理，受理编号 ${order.trackingNumber}，查询码 ${order.queryCode}。凭受理编号和查询码可在 12345 网站查询办理进度和答复。`,
  };
}

function isWebUrl(s: string): boolean {
  if (s.length > 1000) return false;
  try {
    return ['http:', 'https:'].includes(new URL(s).protocol);
  } catch {
    return false;
  }
}

/**
 * `address_id` is a code of our gazetteer (regions.code: a district, street or community), the
 * closest thing the city has to a master address repository. Its name is written the Chinese
 * way, district first, since staff read it.
 */
async function addressById(ctx: Ctx, code: string): Promise<{ districtId?: string; streetId?: string; name: string } | null> {
  const [r] = await ctx.db.query<{ id: string }>('SELECT id FROM regions WHERE code = $1', [code]);
  if (!r) return null;
  const dir = await ctx.directory.fresh();
  const chain = [];
  for (let x = dir.region(r.id); x; x = dir.region(x.parentId)) chain.push(x);
  const street = chain.find((x) => x.level === 'street');
  const district = chain.find((x) => x.level === 'district');
  return { districtId: district?.id, streetId: street?.id, name: chain.reverse().map((x) => x.name).join('') };
}
