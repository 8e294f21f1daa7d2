// 网上诉求: what a citizen files on the portal becomes a work order on the `web` channel, registered
// by the platform for the city center, with the tracking number and query code as the receipt.
import { APPEAL_TYPES } from '@hotline/shared';
import { z } from 'zod';
import type { Ctx } from '../context.ts';
import { systemActor } from '../auth/systemActor.ts';
import { WorkOrderService } from '../workorders/service.ts';
import { findById } from '../workorders/repository.ts';
import { normalizeIdentity } from '../citizens/identity.ts';
import { setSmsNotify } from '../channels/sms/preferences.ts';
import { powSolution, type ProofOfWork } from './pow.ts';
import { checkPortalUploads, PORTAL_MAX_FILES } from './uploads.ts';

const MOBILE = /^1[3-9]\d{9}$/;

export const appealBody = z
  .object({
    pow: powSolution,
    type: z.enum(APPEAL_TYPES),
    categoryId: z.string().uuid().optional(),
    title: z.string().trim().min(1).max(120).optional(),
    content: z.string().trim().min(5, 'describe the problem in at least 5 characters').max(5000),
    location: z
      .object({
        address: z.string().trim().max(200).optional(),
        districtId: z.string().uuid().optional(),
        lat: z.number().min(-90).max(90).optional(),
        lng: z.number().min(-180).max(180).optional(),
      })
      .strict()
      .refine((l) => (l.lat === undefined) === (l.lng === undefined), { message: 'lat and lng go together', path: ['lat'] })
      .optional(),
    citizen: z
      .object({
        name: z.string().trim().max(50).default(''),
        phone: z.string().trim().regex(/^\+?[0-9\- ]{3,20}$/, 'phone must be 3-20 digits').optional(),
        /** 匿名: no name is kept; a phone is still welcome so the department can call back. */
        anonymous: z.boolean().default(false),
        /** 保密: the reporter's identity is never shown outside the hotline center. */
        confidential: z.boolean().default(false),
      })
      .strict(),
    /** Send status changes to the contact phone by SMS. */
    notifySms: z.boolean().default(false),
    attachmentIds: z.array(z.string().uuid()).max(PORTAL_MAX_FILES, `at most ${PORTAL_MAX_FILES} photos or videos`).default([]),
  })
  .strict()
  .refine((b) => b.citizen.anonymous || Boolean(b.citizen.phone), { message: 'a contact phone is needed unless the appeal is anonymous', path: ['citizen', 'phone'] });
export type AppealBody = z.output<typeof appealBody>;

export async function submitAppeal(ctx: Ctx, pow: ProofOfWork, body: AppealBody, ip?: string) {
  const phone = body.citizen.phone ? normalizeIdentity({ kind: 'phone', value: body.citizen.phone }).value : '';
  // Everything that can be checked without spending the challenge is checked first, so a
  // rejected upload or category costs the citizen nothing but a correction.
  await checkPortalUploads(ctx, body.attachmentIds);
  await pow.consume('appeal', body.pow);
  const actor = await systemActor(ctx, 'portal', '市民网站');
  const loc = body.location;
  const id = await new WorkOrderService(ctx).register(
    actor,
    {
      channel: 'web',
      type: body.type,
      urgency: 'normal',
      title: body.title,
      content: body.content,
      categoryId: body.categoryId,
      location: loc && { address: loc.address || undefined, districtId: loc.districtId, lat: loc.lat, lng: loc.lng },
      citizen: { name: body.citizen.anonymous ? '' : body.citizen.name, phone, anonymous: body.citizen.anonymous, confidential: body.citizen.confidential },
      attachmentIds: body.attachmentIds,
      sourceRef: 'portal',
    },
    ip,
  );
  if (body.notifySms && MOBILE.test(phone)) await setSmsNotify(ctx.db, phone, true, ctx.clock.now());
  const order = (await findById(ctx.db, id))!;
  return { trackingNumber: order.trackingNumber, queryCode: order.queryCode, createdAt: order.createdAt.toISOString(), smsNotify: body.notifySms && MOBILE.test(phone) };
}
