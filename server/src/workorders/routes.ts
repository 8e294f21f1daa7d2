import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createWorkOrderBody, listWorkOrdersQuery, WORK_ORDER_ACTIONS, type WorkOrderAction } from '@hotline/shared';
import type { Ctx } from '../context.ts';
import { actorOf, requireRole } from '../http/authHooks.ts';
import { WorkOrderService } from './service.ts';
import { findDuplicates } from './duplicates.ts';

const idParams = z.object({ id: z.string().uuid() });

export async function workOrderRoutes(app0: FastifyInstance, ctx: Ctx) {
  const app = app0.withTypeProvider<ZodTypeProvider>();
  const service = new WorkOrderService(ctx);

  app.post(
    '/api/v1/work-orders',
    {
      schema: { tags: ['work orders'], summary: 'Register (受理) a work order', body: createWorkOrderBody },
      preHandler: requireRole('agent', 'dispatcher', 'supervisor', 'admin'),
    },
    async (req, reply) => reply.status(201).send(await service.create(actorOf(req), req.body, req.ip)),
  );

  app.get(
    '/api/v1/work-orders',
    { schema: { tags: ['work orders'], summary: 'List and search work orders in the caller’s scope', querystring: listWorkOrdersQuery } },
    async (req) => service.list(actorOf(req), req.query),
  );

  app.get('/api/v1/work-orders/:id', { schema: { tags: ['work orders'], summary: 'One work order with its timeline', params: idParams } }, async (req) =>
    service.get(actorOf(req), req.params.id, req.ip),
  );

  app.post(
    '/api/v1/work-orders/:id/actions/:action',
    {
      schema: {
        tags: ['work orders'],
        summary: 'Take a lifecycle step (dispatch, accept, return, reassign, extension, reply, review, close, followUp, reopen, supervise, urge, merge, cancel, resolveOnSpot, note)',
        params: z.object({ id: z.string().uuid(), action: z.enum(WORK_ORDER_ACTIONS) }),
      },
    },
    async (req) => service.act(actorOf(req), req.params.id, req.params.action as WorkOrderAction, req.body, req.ip),
  );

  app.get(
    '/api/v1/work-orders/:id/duplicates',
    { schema: { tags: ['work orders'], summary: 'Candidate duplicates to merge', params: idParams }, preHandler: requireRole('dispatcher', 'supervisor', 'agent') },
    async (req) => {
      await service.get(actorOf(req), req.params.id); // 404 outside scope
      return findDuplicates(ctx.db, req.params.id, actorOf(req).scope);
    },
  );
}
