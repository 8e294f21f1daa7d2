// Photos and short videos citizens attach to an appeal on the portal. Tighter than staff uploads:
// only the three web image formats and MP4, identified by their bytes (the declared type must
// agree), each kind with its own size limit. The attachment id is the capability: only the
// uploader learns it, and it is good for one appeal within a day.
import type { FastifyRequest } from 'fastify';
import type { Ctx } from '../context.ts';
import { AppError, errors } from '../errors.ts';
import { sniffMime } from '../attachments/attachmentStore.ts';
import { SYSTEM_ACTOR_ID } from '../auth/systemActor.ts';

const MB = 1024 * 1024;
/** Accepted types and the largest file of each. */
export const PORTAL_UPLOAD_LIMITS: Readonly<Record<string, number>> = {
  'image/jpeg': 5 * MB,
  'image/png': 5 * MB,
  'image/webp': 5 * MB,
  'video/mp4': 20 * MB,
};
export const PORTAL_MAX_FILES = 6;
/** An upload not used by an appeal within this time cannot be attached any more. */
export const PORTAL_UPLOAD_TTL_MS = 24 * 3600_000;
const LARGEST = Math.max(...Object.values(PORTAL_UPLOAD_LIMITS));

/** Reads one multipart file, checks its type and size, stores it; returns what the portal shows. */
export async function storePortalUpload(ctx: Ctx, req: FastifyRequest) {
  if (!req.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'send multipart/form-data with a "file" field');
  const part = await req.file({ limits: { fileSize: LARGEST, files: 1 } });
  if (!part) throw errors.validation({ field: 'file' }, 'no file in the request');
  const data = await part.toBuffer(); // past LARGEST: FST_REQ_FILE_TOO_LARGE → 413
  const sniffed = sniffMime(data);
  const declared = part.mimetype;
  const limit = sniffed ? PORTAL_UPLOAD_LIMITS[sniffed] : undefined;
  if (!sniffed || limit === undefined || (declared !== sniffed && declared !== 'application/octet-stream')) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', `only JPEG, PNG or WebP photos and MP4 videos are accepted (declared ${declared}, detected ${sniffed ?? 'unknown'})`, {
      allowed: Object.keys(PORTAL_UPLOAD_LIMITS),
    });
  }
  if (data.length > limit) {
    throw new AppError('PAYLOAD_TOO_LARGE', `a ${sniffed === 'video/mp4' ? 'video' : 'photo'} may be at most ${limit / MB} MB`, { limit, size: data.length });
  }
  if (data.length === 0) throw errors.validation({ field: 'file' }, 'the file is empty');
  const fileName = (part.filename || 'file').replace(/[\\/\0]/g, '_').slice(0, 200);
  const stored = await ctx.attachments.put(data);
  // Uploaded "by the platform": WorkOrderService links an attachment only to orders registered by
  // its uploader, and portal appeals are registered by the platform's actor.
  const [row] = await ctx.db.query<{ id: string }>(
    'INSERT INTO attachments (uploaded_by, file_name, mime, size, sha256, storage_key, created_at) VALUES ($1,$2,$3,$4,$5,$6,$7) RETURNING id',
    [SYSTEM_ACTOR_ID, fileName, sniffed, data.length, stored.sha256, stored.key, ctx.clock.now()],
  );
  return { id: row!.id, fileName, mime: sniffed, size: data.length };
}

/** Throws unless every id is a portal upload, recent and not yet part of an order or a message. */
export async function checkPortalUploads(ctx: Ctx, ids: readonly string[]): Promise<void> {
  if (!ids.length) return;
  if (new Set(ids).size !== ids.length) throw errors.validation({ attachmentIds: ids }, 'an attachment is listed twice');
  const since = new Date(ctx.clock.now().getTime() - PORTAL_UPLOAD_TTL_MS);
  const rows = await ctx.db.query<{ id: string }>(
    `SELECT a.id FROM attachments a
      WHERE a.id = ANY($1::uuid[]) AND a.uploaded_by = $2 AND a.work_order_id IS NULL AND a.created_at >= $3
        AND NOT EXISTS (SELECT 1 FROM conversation_messages m WHERE m.attachment_id = a.id)`,
    [ids, SYSTEM_ACTOR_ID, since],
  );
  if (rows.length !== ids.length) {
    const ok = new Set(rows.map((r) => r.id));
    throw new AppError('ATTACHMENT_NOT_FOUND', 'an attachment does not exist, has expired or belongs to another appeal; upload it again', {
      attachmentIds: ids.filter((i) => !ok.has(i)),
    });
  }
}
