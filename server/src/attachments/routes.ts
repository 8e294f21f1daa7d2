import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Ctx } from '../context.ts';
import { AppError, errors } from '../errors.ts';
import { actorOf } from '../http/authHooks.ts';
import * as repo from '../workorders/repository.ts';
import { sniffMime } from './attachmentStore.ts';

export async function attachmentRoutes(app: FastifyInstance, ctx: Ctx) {
  app.post('/api/v1/attachments', { schema: { tags: ['attachments'], summary: 'Upload one file (multipart field "file")', consumes: ['multipart/form-data'] } }, async (req, reply) => {
    const actor = actorOf(req);
    if (!req.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'send multipart/form-data with a "file" field');
    const part = await req.file({ limits: { fileSize: ctx.env.ATTACHMENT_MAX_BYTES, files: 1 } });
    if (!part) throw errors.validation({ field: 'file' }, 'no file in the request');
    const data = await part.toBuffer(); // throws FST_REQ_FILE_TOO_LARGE past the limit
    const sniffed = sniffMime(data);
    const declared = part.mimetype;
    const mime = sniffed ?? (declared === 'text/plain' && !data.includes(0) ? 'text/plain' : null);
    if (!mime || !ctx.env.ATTACHMENT_TYPES.includes(mime) || (sniffed && declared !== sniffed && declared !== 'application/octet-stream')) {
      throw new AppError('UNSUPPORTED_MEDIA_TYPE', `file type not accepted (declared ${declared}, detected ${sniffed ?? 'unknown'})`, { allowed: ctx.env.ATTACHMENT_TYPES });
    }
    const fileName = (part.filename || 'file').replace(/[\\/\0]/g, '_').slice(0, 200);
    const stored = await ctx.attachments.put(data);
    const [row] = await ctx.db.query<{ id: string }>(
      'INSERT INTO attachments (uploaded_by, file_name, mime, size, sha256, storage_key, created_at) VALUES ($1,$2,$3,$4,$5,$6,$7) RETURNING id',
      [actor.id, fileName, mime, data.length, stored.sha256, stored.key, ctx.clock.now()],
    );
    return reply.status(201).send({ id: row!.id, fileName, mime, size: data.length });
  });

  app.get('/api/v1/attachments/:id', { schema: { tags: ['attachments'], params: z.object({ id: z.string().uuid() }) } }, async (req, reply) => {
    const actor = actorOf(req);
    const { id } = req.params as { id: string };
    const [a] = await ctx.db.query<{ work_order_id: string | null; uploaded_by: string; file_name: string; mime: string; size: number; storage_key: string }>(
      'SELECT * FROM attachments WHERE id = $1',
      [id],
    );
    const visible = a && (a.work_order_id ? await repo.isVisible(ctx.db, a.work_order_id, actor.scope) : a.uploaded_by === actor.id);
    if (!a || !visible) throw new AppError('ATTACHMENT_NOT_FOUND', 'attachment not found');
    reply.header('content-type', a.mime).header('content-length', a.size);
    reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(a.file_name)}`);
    reply.header('x-content-type-options', 'nosniff');
    return reply.send(await ctx.attachments.open(a.storage_key));
  });
}
