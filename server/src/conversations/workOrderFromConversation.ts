import { z } from 'zod';
import { APPEAL_TYPES, URGENCIES, createWorkOrderBody, locationInput } from '@hotline/shared';
import type { Ctx } from '../context.ts';
import type { Actor } from '../auth/actor.ts';
import { errors } from '../errors.ts';
import * as citizens from '../citizens/repository.ts';
import { normalizeIdentity } from '../citizens/identity.ts';
import { WorkOrderService } from '../workorders/service.ts';
import { findById } from '../workorders/repository.ts';
import * as repo from './repository.ts';
import type { ConversationService } from './service.ts';
import type { InboxService } from './inbox.ts';

export const fromConversationBody = z
  .object({
    type: z.enum(APPEAL_TYPES),
    /** Defaults to what the citizen wrote in the conversation. */
    content: z.string().trim().min(1).max(5000).optional(),
    title: z.string().trim().min(1).max(120).optional(),
    categoryId: z.string().uuid().optional(),
    urgency: z.enum(URGENCIES).default('normal'),
    location: locationInput.optional(),
    citizen: z
      .object({
        name: z.string().trim().max(50).optional(),
        /** Needed when the citizen has no phone on record yet; it is linked to them. */
        phone: z.string().trim().regex(/^\+?[0-9\- ]{3,20}$/, 'phone must be 3-20 digits').optional(),
        anonymous: z.boolean().default(false),
        confidential: z.boolean().default(false),
      })
      .strict()
      .default({ anonymous: false, confidential: false }),
    /** Send the tracking number and query code to the citizen on the conversation's channel. */
    notifyCitizen: z.boolean().default(true),
  })
  .strict();

export const registeredText = (trackingNumber: string, queryCode: string) =>
  `您反映的问题已登记为工单，编号 ${trackingNumber}，查询码 ${queryCode}。回复“查询”可随时查看办理进度。`;

/** 转为工单: registers what the citizen wrote as a work order, linked to the conversation and the citizen. */
export async function createWorkOrderFromConversation(
  ctx: Ctx,
  inbox: InboxService,
  conversations: ConversationService,
  actor: Actor,
  conversationId: string,
  body: z.output<typeof fromConversationBody>,
  ip?: string,
) {
  const c = await inbox.acting(actor, conversationId, { onlyHolder: true });
  const citizen = (await citizens.findCitizen(ctx.db, c.citizenId))!;
  const identities = await citizens.identitiesOf(ctx.db, citizen.id);
  const given = body.citizen.phone ? normalizeIdentity({ kind: 'phone', value: body.citizen.phone }).value : undefined;
  const phone = given ?? identities.find((i) => i.kind === 'phone')?.value;
  if (!phone) throw errors.validation([{ path: '/citizen/phone', message: 'the citizen has no phone on record; ask for one' }], 'a phone number is needed to register a work order');
  const msgs = (await repo.messages(ctx.db, c.id)).filter((m) => m.direction === 'in' && m.author === 'citizen');
  const content = body.content ?? msgs.filter((m) => m.kind !== 'event' && m.text.trim()).map((m) => m.text.trim()).join('\n').slice(0, 5000);
  if (!content) throw errors.validation([{ path: '/content', message: 'the citizen wrote no text; write the content' }], 'the work order needs content');
  const email = identities.find((i) => i.kind === 'email')?.value;
  const input = createWorkOrderBody.safeParse({
    channel: c.channel,
    type: body.type,
    content,
    title: body.title,
    categoryId: body.categoryId,
    urgency: body.urgency,
    location: body.location,
    citizen: { name: body.citizen.name ?? citizen.name, phone, email, anonymous: body.citizen.anonymous, confidential: body.citizen.confidential },
    sourceRef: `conversation:${c.id}`,
  });
  if (!input.success) throw errors.validation(input.error.issues.map((i) => ({ path: `/${i.path.join('/')}`, message: i.message })));
  const orderId = await new WorkOrderService(ctx).register(actor, input.data, ip);
  const now = ctx.clock.now();
  const attachmentIds = msgs.map((m) => m.attachmentId).filter((a): a is string => Boolean(a));
  await ctx.db.tx(async (q) => {
    await repo.linkWorkOrder(q, c.id, orderId, actor.id, now);
    await citizens.linkWorkOrder(q, citizen.id, orderId, 'conversation', now);
    // What the citizen sent (photos, recordings) goes with the order.
    if (attachmentIds.length) await q.query('UPDATE attachments SET work_order_id = $1 WHERE id = ANY($2::uuid[]) AND work_order_id IS NULL', [orderId, attachmentIds]);
    if (body.citizen.name && !citizen.name) await citizens.setName(q, citizen.id, body.citizen.name, now);
    await conversations.citizens.linkIn(q, citizen.id, { kind: 'phone', value: phone }, { id: actor.id, name: actor.username, ip });
    await ctx.audit.append(q, { actorId: actor.id, actorName: actor.username, action: 'conversation.workOrder', entity: 'conversation', entityId: c.id, detail: { workOrderId: orderId }, ip });
  });
  const order = (await findById(ctx.db, orderId))!;
  const notice = body.notifyCitizen ? await conversations.post(c.id, 'system', registeredText(order.trackingNumber, order.queryCode)) : null;
  return { id: order.id, trackingNumber: order.trackingNumber, notified: notice?.delivery ?? null };
}
