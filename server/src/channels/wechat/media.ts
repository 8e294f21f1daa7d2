import type { Ctx } from '../../context.ts';
import { sniffMime } from '../../attachments/attachmentStore.ts';
import type { WechatApi } from './api.ts';

const EXT: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/gif': 'gif', 'audio/amr': 'amr', 'audio/speex': 'speex', 'video/mp4': 'mp4' };

/**
 * Fetches a photo, recording or video the citizen sent (WeChat keeps it three days) into the
 * attachment store and links it to the message, so agents see it and a work order carries it.
 */
export async function fetchMedia(ctx: Ctx, api: WechatApi, messageId: string, mediaId: string): Promise<string> {
  const media = await api.getMedia(mediaId, ctx.env.ATTACHMENT_MAX_BYTES);
  const mime = sniffMime(media.data) ?? media.contentType?.split(';')[0]?.trim() ?? 'application/octet-stream';
  const fileName = (media.fileName ?? `wechat-${mediaId.slice(0, 16)}.${EXT[mime] ?? 'bin'}`).replace(/[\\/\0]/g, '_').slice(0, 200);
  const stored = await ctx.attachments.put(media.data);
  return ctx.db.tx(async (q) => {
    const [row] = await q.query<{ id: string }>(
      'INSERT INTO attachments (uploaded_by, file_name, mime, size, sha256, storage_key, created_at) VALUES (NULL, $1, $2, $3, $4, $5, $6) RETURNING id',
      [fileName, mime, media.data.length, stored.sha256, stored.key, ctx.clock.now()],
    );
    await q.query('UPDATE conversation_messages SET attachment_id = $2 WHERE id = $1', [messageId, row!.id]);
    return row!.id;
  });
}
