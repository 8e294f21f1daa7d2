import { z } from 'zod';
import { APPEAL_TYPES, CHANNELS, SATISFACTIONS, URGENCIES, WORK_ORDER_STATUSES, DEADLINE_STATES } from '../enums.ts';

const text = (max: number) => z.string().trim().min(1).max(max);
const id = z.string().uuid();

export const citizenInput = z.object({
  name: z.string().trim().max(50).default(''),
  phone: z.string().trim().regex(/^\+?[0-9\- ]{3,20}$/, 'phone must be 3-20 digits'),
  idCard: z.string().trim().regex(/^[0-9]{17}[0-9Xx]$/).optional(),
  email: z.string().trim().email().max(120).optional(),
  anonymous: z.boolean().default(false),
  /** 举报人保密: identity never visible outside the hotline center. */
  confidential: z.boolean().default(false),
});

export const locationInput = z.object({
  districtId: id.optional(),
  streetId: id.optional(),
  address: z.string().trim().max(200).optional(),
  lat: z.number().min(-90).max(90).optional(),
  lng: z.number().min(-180).max(180).optional(),
});

export const createWorkOrderBody = z
  .object({
    channel: z.enum(CHANNELS),
    type: z.enum(APPEAL_TYPES),
    content: text(5000),
    title: text(120).optional(),
    citizen: citizenInput,
    categoryId: id.optional(),
    urgency: z.enum(URGENCIES).default('normal'),
    location: locationInput.optional(),
    attachmentIds: z.array(id).max(20).optional(),
    /** Links the order to a call or conversation in another module. */
    sourceRef: z.string().max(120).optional(),
  })
  .strict();
export type CreateWorkOrderBody = z.input<typeof createWorkOrderBody>;

export const listWorkOrdersQuery = z.object({
  q: z.string().trim().max(100).optional(),
  status: z
    .union([z.enum(WORK_ORDER_STATUSES), z.string().regex(/^[a-zA-Z,]+$/)])
    .optional()
    .transform((s, ctx) => {
      if (!s) return undefined;
      const parts = s.split(',');
      for (const p of parts) {
        if (!(WORK_ORDER_STATUSES as readonly string[]).includes(p)) {
          ctx.addIssue({ code: 'custom', message: `unknown status ${p}` });
          return z.NEVER;
        }
      }
      return parts as (typeof WORK_ORDER_STATUSES)[number][];
    }),
  departmentId: id.optional(),
  districtId: id.optional(),
  categoryId: id.optional(),
  type: z.enum(APPEAL_TYPES).optional(),
  channel: z.enum(CHANNELS).optional(),
  urgency: z.enum(URGENCIES).optional(),
  deadlineState: z.enum(DEADLINE_STATES).optional(),
  supervised: z.coerce.boolean().optional(),
  phone: z.string().trim().max(20).optional(),
  from: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  to: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  page: z.coerce.number().int().min(1).max(10000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type ListWorkOrdersQuery = z.input<typeof listWorkOrdersQuery>;

const version = z.number().int().min(1).optional();
const note = z.string().trim().max(2000).optional();

export const actionBodies = {
  dispatch: z.object({ leadDepartmentId: id, assistingDepartmentIds: z.array(id).max(10).optional(), note, version }).strict(),
  accept: z.object({ note, version }).strict(),
  return: z.object({ reason: text(1000), version }).strict(),
  reassign: z.object({ leadDepartmentId: id, assistingDepartmentIds: z.array(id).max(10).optional(), note, version }).strict(),
  extension: z.discriminatedUnion('op', [
    z.object({ op: z.literal('request'), days: z.number().int().min(1).max(60), reason: text(1000), version }).strict(),
    z.object({ op: z.literal('approve'), days: z.number().int().min(1).max(60).optional(), note, version }).strict(),
    z.object({ op: z.literal('reject'), note, version }).strict(),
  ]),
  reply: z.object({ content: text(5000), attachmentIds: z.array(id).max(20).optional(), version }).strict(),
  review: z.object({ approve: z.boolean(), note, version }).strict(),
  close: z.object({ note, version }).strict(),
  followUp: z.object({ satisfaction: z.enum(SATISFACTIONS), resolved: z.boolean().optional(), note, version }).strict(),
  reopen: z.object({ reason: text(1000), version }).strict(),
  supervise: z.object({ note: text(2000), version }).strict(),
  urge: z.object({ note: text(2000), version }).strict(),
  merge: z.object({ targetId: id, note, version }).strict(),
  cancel: z.object({ reason: text(1000), version }).strict(),
  resolveOnSpot: z.object({ content: text(5000), version }).strict(),
  note: z.object({ note: text(2000), version }).strict(),
} as const;

export type ActionBodies = { [K in keyof typeof actionBodies]: z.infer<(typeof actionBodies)[K]> };
