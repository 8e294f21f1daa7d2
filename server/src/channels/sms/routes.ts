// The SMS channel's inbound webhook. The body follows Aliyun SMS's uplink message push (上行短信,
// message type SmsUp, delivered by HTTP batch push): a JSON array of
//   {"phone_number":"13812345678","content":"CX 2026112300001","send_time":"2026-11-23 09:00:00",
//    "dest_code":"12345","sign_name":"12345热线","sequence_id":1234567}
// (a single object is accepted too), answered with {"code":0,"msg":"成功"} as Aliyun expects.
// Aliyun does not sign its pushes with a shared secret, so the gateway in front of us (or the
// operator's relay) adds our signature:
//   X-Sms-Timestamp: Unix seconds
//   X-Sms-Signature: hex(HMAC-SHA256(SMS_WEBHOOK_SECRET, X-Sms-Timestamp + raw body))
// A missing or wrong signature is 401 SMS_SIGNATURE_INVALID; a timestamp more than
// SMS_WEBHOOK_TOLERANCE_SECONDS away from our clock is 401 SMS_TIMESTAMP_STALE (a replay within
// the window is harmless: sequence_id makes a repeated message a no-op).
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Ctx } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { conversationServiceFor } from '../../conversations/index.ts';
import { normalizeIdentity } from '../../citizens/identity.ts';
import { parseSmsCommand, runSmsCommand } from './commands.ts';
import { SmsGateway } from './gateway.ts';
import { startSmsNotifications } from './notifications.ts';
import { SmsSender } from './sender.ts';
import { checkSmsSignature, SMS_SIGNATURE_HEADER, SMS_TIMESTAMP_HEADER } from './signature.ts';

export const SMS_INBOUND_PATH = '/api/v1/channels/sms/inbound';
const MAX_BODY = 256 * 1024;

const uplink = z.object({
  phone_number: z.string().trim().min(3).max(24),
  content: z.string().max(2000),
  send_time: z.string().max(40).optional(),
  dest_code: z.string().max(40).optional(),
  sign_name: z.string().max(60).optional(),
  sequence_id: z.union([z.number().int().nonnegative(), z.string().regex(/^[0-9A-Za-z_.-]{1,64}$/)]).optional(),
});
const uplinkBody = z.union([uplink, z.array(uplink).min(1).max(100)]);
type Uplink = z.infer<typeof uplink>;

const malformed = (why: string, details?: unknown) => new AppError('SMS_MESSAGE_MALFORMED', `not an SMS uplink push: ${why}`, details);

export async function smsRoutes(app0: FastifyInstance, ctx: Ctx) {
  const { env } = ctx;
  const conversations = conversationServiceFor(ctx);
  const gateway = new SmsGateway({ url: env.SMS_GATEWAY_URL, apiKey: env.SMS_GATEWAY_KEY, signName: env.SMS_SIGN_NAME });
  const log = (err: unknown) => app0.log.error({ err }, 'sms');
  conversations.registerSender('sms', new SmsSender(gateway));
  const stop = startSmsNotifications(ctx, gateway, log);
  app0.addHook('onClose', async () => stop());

  const handle = async (item: Uplink & { phone: string }) => {
    const text = item.content.trim();
    if (!text) return;
    const channelMessageId =
      item.sequence_id !== undefined ? `up:${item.sequence_id}` : `up:${createHash('sha256').update(`${item.phone}|${item.send_time ?? ''}|${text}`).digest('hex').slice(0, 32)}`;
    const identity = { kind: 'phone', value: item.phone };
    const data = { destCode: item.dest_code ?? null, sendTime: item.send_time ?? null };
    const cmd = parseSmsCommand(text);
    if (!cmd) {
      await conversations.receive('sms', identity, { kind: 'text', text, channelMessageId, data });
      return;
    }
    // A command is kept in the conversation (agents see what the citizen asked) but is not the bot's.
    const res = await conversations.receive('sms', identity, { kind: 'event', text, channelMessageId, data: { ...data, command: cmd.kind } });
    if (res.duplicate) return;
    const answer = await runSmsCommand(ctx, item.phone, cmd);
    void conversations.post(res.conversationId, 'bot', answer).catch(log);
  };

  await app0.register(async (scope) => {
    // The signature covers the exact bytes, so the body is kept as a string and parsed after the check.
    scope.addContentTypeParser(['application/json', 'text/plain'], { parseAs: 'string' }, (_req, body, done) => done(null, body));
    scope.post(
      SMS_INBOUND_PATH,
      {
        schema: { tags: ['channels'], summary: 'SMS uplink push from the gateway (Aliyun SmsUp format), signed with X-Sms-Timestamp and X-Sms-Signature' },
        config: { public: true },
        bodyLimit: MAX_BODY,
      },
      async (req) => {
        const raw = typeof req.body === 'string' ? req.body : '';
        const check = checkSmsSignature(env.SMS_WEBHOOK_SECRET, req.headers[SMS_TIMESTAMP_HEADER], req.headers[SMS_SIGNATURE_HEADER], raw, ctx.clock.now().getTime(), env.SMS_WEBHOOK_TOLERANCE_SECONDS);
        if (!check.ok && check.reason === 'stale') {
          throw new AppError('SMS_TIMESTAMP_STALE', `the timestamp is ${check.skewSeconds} s away from our clock (at most ${env.SMS_WEBHOOK_TOLERANCE_SECONDS} s)`, { skewSeconds: check.skewSeconds });
        }
        if (!check.ok) throw new AppError('SMS_SIGNATURE_INVALID', check.reason === 'missing' ? 'X-Sms-Timestamp and X-Sms-Signature are required' : 'the signature does not match', { reason: check.reason });
        let json: unknown;
        try {
          json = JSON.parse(raw);
        } catch {
          throw malformed('the body is not JSON');
        }
        const parsed = uplinkBody.safeParse(json);
        if (!parsed.success) throw malformed('fields are missing or invalid', parsed.error.issues.map((i) => ({ path: `/${i.path.join('/')}`, message: i.message })));
        const items = Array.isArray(parsed.data) ? parsed.data : [parsed.data];
        // All numbers are checked before any message is stored, so a bad batch stores nothing and can be sent again.
        const withPhones = items.map((item, i) => {
          try {
            return { ...item, phone: normalizeIdentity({ kind: 'phone', value: item.phone_number }).value };
          } catch {
            throw malformed(`phone_number of item ${i} is not a phone number`, { index: i });
          }
        });
        for (const item of withPhones) await handle(item);
        return { code: 0, msg: '成功' };
      },
    );
  });
}
