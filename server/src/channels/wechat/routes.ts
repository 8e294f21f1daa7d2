import { randomInt } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Ctx } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { conversationServiceFor } from '../../conversations/index.ts';
import { WechatApi } from './api.ts';
import { sameSignature, WechatCrypto, WechatDecryptError } from './crypto.ts';
import { fetchMedia } from './media.ts';
import { interpretPush, type WechatAction } from './messages.ts';
import { startTemplateNotifications } from './notifications.ts';
import { splitUtf8, WechatSender } from './sender.ts';
import { buildWechatXml, parseWechatXml, WechatXmlError } from './xml.ts';

export const WECHAT_PATH = '/api/v1/channels/wechat';
/** WeChat's pushes are a few hundred bytes; anything near this is not from WeChat. */
const MAX_BODY = 64 * 1024;
const PASSIVE_MAX_BYTES = 2000;

const param = z.string().max(512).optional();
const query = z.object({ signature: param, timestamp: param, nonce: param, echostr: param, openid: param, encrypt_type: param, msg_signature: param });

const badSignature = () => new AppError('WECHAT_SIGNATURE_INVALID', 'signature does not match: not from WeChat, or a different token');
const malformed = (why: string) => new AppError('WECHAT_MESSAGE_MALFORMED', `not a WeChat message: ${why}`);

/** The official account's server URL: URL verification (GET) and messages and events (POST), plain or safe mode. */
export async function wechatRoutes(app0: FastifyInstance, ctx: Ctx) {
  const { env } = ctx;
  const conversations = conversationServiceFor(ctx);
  const api = new WechatApi({ base: env.WECHAT_API_BASE, appId: env.WECHAT_APPID, secret: env.WECHAT_APPSECRET, clock: ctx.clock });
  const crypto = new WechatCrypto(env.WECHAT_TOKEN, env.WECHAT_AES_KEY, env.WECHAT_APPID);
  const log = (err: unknown) => app0.log.error({ err }, 'wechat');
  conversations.registerSender('wechat', new WechatSender(api));
  const stop = startTemplateNotifications(ctx, api, conversations.orders, log);
  app0.addHook('onClose', async () => stop());

  await app0.register(async (scope0) => {
    const scope = scope0.withTypeProvider<ZodTypeProvider>();
    scope.addContentTypeParser(['text/xml', 'application/xml'], { parseAs: 'string' }, (_req, body, done) => done(null, body));

    scope.get(
      WECHAT_PATH,
      { schema: { tags: ['channels'], summary: 'WeChat URL verification: echoes echostr when the signature matches WECHAT_TOKEN', querystring: query }, config: { public: true } },
      async (req, reply) => {
        const { signature, timestamp, nonce, echostr } = req.query;
        if (!timestamp || !nonce || !sameSignature(crypto.signature(timestamp, nonce), signature)) throw badSignature();
        if (!echostr) throw malformed('echostr missing');
        return reply.type('text/plain; charset=utf-8').send(echostr);
      },
    );

    scope.post(
      WECHAT_PATH,
      {
        schema: { tags: ['channels'], summary: 'WeChat messages and events (text/xml; plain, or safe mode with encrypt_type=aes)', querystring: query },
        config: { public: true },
        bodyLimit: MAX_BODY,
      },
      async (req, reply) => {
        const q = req.query;
        if (!q.timestamp || !q.nonce) throw badSignature();
        const body = typeof req.body === 'string' ? req.body : '';
        const safe = q.encrypt_type === 'aes';
        if (q.encrypt_type && !safe && q.encrypt_type !== 'raw') throw malformed(`unknown encrypt_type ${q.encrypt_type}`);
        // WeChat signs the URL in both modes; safe mode signs the ciphertext as well.
        if ((!safe || q.signature) && !sameSignature(crypto.signature(q.timestamp, q.nonce), q.signature)) throw badSignature();
        const fields = safe ? decryptPush(crypto, env.WECHAT_APPID, body, q.timestamp, q.nonce, q.msg_signature) : parse(body);
        let action: WechatAction;
        try {
          action = interpretPush(fields);
        } catch (err) {
          if (err instanceof WechatXmlError) throw malformed(err.message);
          throw err;
        }
        if (action.action === 'ignore') return reply.type('text/plain').send('success');
        let res;
        try {
          res = await conversations.receive('wechat', { kind: 'wechat', value: action.openid }, action.msg, { passiveBudgetMs: env.WECHAT_REPLY_BUDGET_MS });
        } catch (err) {
          if (err instanceof AppError && err.code === 'VALIDATION_FAILED') throw malformed('FromUserName is not an openid');
          throw err;
        }
        if (action.action === 'leave') await conversations.citizenLeft(res.conversationId);
        const mediaId = action.msg.data?.mediaId;
        if (!res.duplicate && typeof mediaId === 'string' && mediaId) void fetchMedia(ctx, api, res.messageId, mediaId).catch(log);

        const answer = res.passive[0];
        if (!answer) return reply.type('text/plain').send('success');
        const [first, ...rest] = splitUtf8(answer.text, PASSIVE_MAX_BYTES);
        if (rest.length) void rest.reduce((p, part) => p.then(() => api.sendText(action.openid, part)), Promise.resolve()).catch(log);
        const now = Math.floor(ctx.clock.now().getTime() / 1000);
        const xml = buildWechatXml([['ToUserName', action.openid], ['FromUserName', fields.ToUserName!], ['CreateTime', now], ['MsgType', 'text'], ['Content', first!]]);
        reply.type('application/xml; charset=utf-8');
        if (!safe) return reply.send(xml);
        // A reply to an encrypted message must be encrypted too.
        const nonce = String(randomInt(100_000_000, 999_999_999));
        const encrypted = crypto.encrypt(xml);
        return reply.send(
          buildWechatXml([['Encrypt', encrypted], ['MsgSignature', crypto.msgSignature(String(now), nonce, encrypted)], ['TimeStamp', now], ['Nonce', nonce]]),
        );
      },
    );
  });
}

function parse(xml: string): Record<string, string> {
  try {
    return parseWechatXml(xml);
  } catch (err) {
    if (err instanceof WechatXmlError) throw malformed(err.message);
    throw err;
  }
}

function decryptPush(crypto: WechatCrypto, appId: string, body: string, timestamp: string, nonce: string, msgSignature: string | undefined) {
  const outer = parse(body);
  if (!outer.Encrypt) throw malformed('safe mode without <Encrypt>');
  if (!sameSignature(crypto.msgSignature(timestamp, nonce, outer.Encrypt), msgSignature)) throw badSignature();
  let inner: { xml: string; appId: string };
  try {
    inner = crypto.decrypt(outer.Encrypt);
  } catch (err) {
    if (err instanceof WechatDecryptError) throw new AppError('WECHAT_DECRYPT_FAILED', `cannot decrypt the message: ${err.message}`);
    throw err;
  }
  if (inner.appId !== appId) throw new AppError('WECHAT_DECRYPT_FAILED', 'the message was encrypted for another appid');
  return parse(inner.xml);
}
