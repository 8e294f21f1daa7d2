import path from 'node:path';
import { z } from 'zod';

// The only reader of process.env. Validated once at start-up; a bad value stops the process
// with one line saying which variable and why.

const bool = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off'])
  .transform((v) => ['1', 'true', 'yes', 'on'].includes(v));

const trunksSchema = z.array(
  z
    .object({
      name: z.string().regex(/^[a-zA-Z0-9_-]{1,32}$/),
      host: z.string().min(1),
      port: z.number().int().min(1).max(65535).optional(),
      transport: z.enum(['udp', 'tcp', 'tls']).optional(),
      username: z.string().min(1).optional(),
      password: z.string().min(1).optional(),
      register: z.boolean().default(false),
      registerExpires: z.number().int().min(60).max(86400).optional(),
      allowFrom: z.array(z.string().min(1)).default([]),
      keepAliveSeconds: z.number().int().min(0).max(3600).optional(),
    })
    .strict(),
);

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL').optional(),
  /** Unset: seed demo data when the database is empty. */
  DEMO: bool.optional(),
  ADMIN_USERNAME: z.string().regex(/^[a-zA-Z0-9_.-]{2,32}$/).default('admin'),
  ADMIN_PASSWORD: z.string().min(10, 'must be at least 10 characters').optional(),
  PUBLIC_URL: z.string().url().optional(),
  SESSION_TTL_HOURS: z.coerce.number().min(0.1).max(720).default(12),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  LOGIN_LOCK_MINUTES: z.coerce.number().min(1).max(1440).default(15),
  /** log2 of the scrypt cost N; 15 = 32 MiB per hash. Tests lower it. */
  PASSWORD_HASH_COST: z.coerce.number().int().min(10).max(20).default(15),
  ATTACHMENT_MAX_BYTES: z.coerce.number().int().min(1024).max(1024 * 1024 * 1024).default(20 * 1024 * 1024),
  ATTACHMENT_TYPES: z
    .string()
    .default('image/jpeg,image/png,image/gif,image/webp,application/pdf,audio/wav,audio/mpeg,video/mp4,text/plain')
    .transform((s) => s.split(',').map((t) => t.trim()).filter(Boolean)),
  /** S3-compatible object storage for attachments (AWS S3, MinIO, OSS, COS); unset keeps them on disk. */
  S3_ENDPOINT: z.string().url().optional(),
  S3_BUCKET: z.string().min(3).max(63).optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  S3_PATH_STYLE: bool.default(true),
  S3_PREFIX: z.string().regex(/^[A-Za-z0-9._\/-]*$/).default(''),
  /** How often the deadline job scans, in seconds. */
  DEADLINE_SCAN_SECONDS: z.coerce.number().min(1).max(3600).default(60),
  /** Requests per minute per client address to login and the public progress query. */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(100000).default(30),
  // Telephony: SIP on UDP and TCP (0 = any free port; SIP_ENABLED=0 turns the engine off), RTP ports.
  SIP_ENABLED: bool.default(true),
  SIP_PORT: z.coerce.number().int().min(0).max(65535).default(5060),
  SIP_HOST: z.string().min(1).default('0.0.0.0'),
  /** Address put in Via/Contact/SDP when the bound one is not reachable by phones (NAT, 0.0.0.0). */
  SIP_PUBLIC_HOST: z.string().min(1).optional(),
  RTP_PORT_MIN: z.coerce.number().int().min(1024).max(65534).default(20000),
  RTP_PORT_MAX: z.coerce.number().int().min(1025).max(65535).default(20999),
  /**
   * Carrier trunks as JSON: [{"name","host","port"?,"transport"?,"username"?,"password"?,"register",
   * "allowFrom":["203.0.113.0/24"],"keepAliveSeconds"?}]. Calls from allowFrom addresses reach the
   * IVR; with register=true the engine registers to the carrier with the credentials.
   */
  SIP_TRUNKS: z
    .string()
    .default('[]')
    .transform((text, c) => {
      try {
        return trunksSchema.parse(JSON.parse(text));
      } catch (e) {
        c.addIssue({ code: 'custom', message: e instanceof z.ZodError ? `invalid trunk: ${e.issues[0]?.path.join('.')} ${e.issues[0]?.message}` : 'must be a JSON array of trunks' });
        return z.NEVER;
      }
    }),
  /** SIP over TLS (SIP_TLS_PORT) and secure WebSocket (SIP_WSS_PORT) when a PEM certificate and key are given. */
  SIP_TLS_CERT_FILE: z.string().min(1).optional(),
  SIP_TLS_KEY_FILE: z.string().min(1).optional(),
  SIP_TLS_PORT: z.coerce.number().int().min(0).max(65535).default(5061),
  SIP_WSS_PORT: z.coerce.number().int().min(0).max(65535).default(7443),
  /** The public number that enters the IVR. */
  HOTLINE_NUMBER: z.string().regex(/^[0-9*#+]{2,20}$/).default('12345'),
  /** The IVR flow calls to the hotline number run. */
  IVR_FLOW: z.string().regex(/^[a-z][a-zA-Z0-9_-]{0,63}$/).default('default'),
  // Open311 GeoReport v2 (/open311/v2/): an API key accepted besides those issued by administrators.
  OPEN311_API_KEY: z.string().min(16, 'must be at least 16 characters').optional(),
  /** realtime: POST requests answers with the service_request_id; batch: with a token that tokens/{token} resolves. */
  OPEN311_SERVICE_TYPE: z.enum(['realtime', 'batch']).default('realtime'),
  /** The contact line of Open311 discovery. */
  OPEN311_CONTACT: z.string().min(1).default('12345 政务服务便民热线'),
  /** App API: lifetime of OAuth2 client-credentials access tokens, in seconds. */
  OAUTH_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(86400).default(3600),
  /** Webhooks: attempts before a delivery is marked failed; backoff doubles from BASE up to MAX seconds, with jitter. */
  WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
  WEBHOOK_RETRY_BASE_SECONDS: z.coerce.number().min(0.01).max(3600).default(10),
  WEBHOOK_RETRY_MAX_SECONDS: z.coerce.number().min(1).max(86400).default(3600),
  /** Webhooks: time allowed for one HTTP attempt, and how often the worker looks for due deliveries. */
  WEBHOOK_TIMEOUT_SECONDS: z.coerce.number().min(1).max(120).default(10),
  WEBHOOK_POLL_SECONDS: z.coerce.number().min(0.1).max(600).default(2),
  /** Webhooks may reach private and loopback addresses (an intranet deployment); link-local stays refused. */
  WEBHOOK_ALLOW_PRIVATE: bool.default(false),
  // WeChat official account (公众号): the callback /api/v1/channels/wechat. Demo values let a local
  // simulator talk to it; a real account sets its own from the WeChat developer platform.
  WECHAT_TOKEN: z.string().regex(/^[A-Za-z0-9]{3,32}$/, 'must be 3-32 letters or digits').default('hotline12345demo'),
  WECHAT_APPID: z.string().regex(/^wx[0-9a-zA-Z]{6,30}$/, 'must look like wx…').default('wx1234567890abcdef'),
  WECHAT_APPSECRET: z.string().min(1).default('0123456789abcdef0123456789abcdef'),
  /** EncodingAESKey for safe mode: 43 characters of base64. */
  WECHAT_AES_KEY: z.string().regex(/^[A-Za-z0-9+/]{43}$/, 'must be 43 base64 characters').default('abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG'),
  /** The WeChat API (access token, customer-service and template messages, media). */
  WECHAT_API_BASE: z.string().url().default('https://api.weixin.qq.com'),
  /** Template for work-order status notifications; unset sends none. */
  WECHAT_TEMPLATE_ID: z.string().min(1).optional(),
  /** The template's field names for: tracking number, status, time, title. */
  WECHAT_TEMPLATE_FIELDS: z.string().regex(/^[a-z_]+\d*(,[a-z_]+\d*){3}$/, 'must be four field names, comma-separated').default('character_string1,phrase2,time3,thing4'),
  /** How long a callback waits for the bot to answer in its response; WeChat gives up after 5 s. */
  WECHAT_REPLY_BUDGET_MS: z.coerce.number().int().min(0).max(4500).default(3500),
  /** Open text conversations one agent holds at once in the inbox. */
  INBOX_MAX_CHATS_PER_AGENT: z.coerce.number().int().min(1).max(20).default(3),
  // Intelligence: automatic dispatch after registration (off by default) when the classifier's
  // confidence reaches the threshold and the dispatch catalogue names one department.
  AUTO_DISPATCH: bool.default(false),
  AUTO_DISPATCH_CONFIDENCE: z.coerce.number().min(0.5).max(1).default(0.9),
  /** A hotspot alerts when its recent rate is this many times its earlier rate, with at least HOTSPOT_ALERT_MIN_COUNT recent appeals. */
  HOTSPOT_ALERT_GROWTH: z.coerce.number().min(1).max(100).default(3),
  HOTSPOT_ALERT_MIN_COUNT: z.coerce.number().int().min(2).max(1000).default(3),
  // Optional AI providers (unset = off; everything works without them). LLM: an OpenAI-compatible
  // chat API (…/v1) for summaries and a second opinion on unsure classifications.
  LLM_BASE_URL: z.string().url().optional(),
  LLM_API_KEY: z.string().min(1).optional(),
  LLM_MODEL: z.string().min(1).max(200).optional(),
  /** Time allowed for one LLM answer, retry included. */
  LLM_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(15_000),
  /** Speech-to-text for call recordings: an OpenAI-compatible transcription API, or a FunASR runtime websocket (ws://…). */
  STT_KIND: z.enum(['openai', 'funasr']).optional(),
  STT_BASE_URL: z.string().url().optional(),
  STT_API_KEY: z.string().min(1).optional(),
  /** Transcription model (openai kind; default whisper-1). */
  STT_MODEL: z.string().min(1).max(200).optional(),
  /** Time allowed to transcribe one channel of a recording. */
  STT_TIMEOUT_MS: z.coerce.number().int().min(1000).max(3_600_000).default(120_000),
  // E-mail channel: the built-in SMTP receiver takes mail for any address at MAIL_DOMAIN (point the
  // domain's MX, or a relay's forwarding, at it); mail to MAIL_APPEAL_LOCAL_PART@MAIL_DOMAIN registers
  // a work order directly, any other address opens a conversation.
  SMTP_ENABLED: bool.default(true),
  SMTP_PORT: z.coerce.number().int().min(0).max(65535).default(2525),
  SMTP_HOST: z.string().min(1).default('0.0.0.0'),
  MAIL_DOMAIN: z.string().regex(/^[A-Za-z0-9.-]{1,253}$/, 'must be a domain name').default('localhost'),
  MAIL_APPEAL_LOCAL_PART: z.string().regex(/^[A-Za-z0-9._+-]{1,64}$/).default('appeal'),
  /** Sender of replies and notifications; defaults to 12345@MAIL_DOMAIN so citizens' answers come back here. */
  MAIL_FROM: z.string().min(3).optional(),
  /** Outgoing mail goes through this relay (smtp://user:pass@host:587, smtps://… for TLS); unset: logged and marked not sent. */
  SMTP_RELAY_URL: z.string().regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL').optional(),
  /** Largest message the receiver accepts (SIZE extension; 552 beyond it). */
  MAIL_MAX_BYTES: z.coerce.number().int().min(1024).max(200 * 1024 * 1024).default(25 * 1024 * 1024),
  /** Mails per sender address per hour before the receiver answers 450 (floods and mail loops). */
  MAIL_SENDER_MAX_PER_HOUR: z.coerce.number().int().min(1).max(10000).default(20),
  // SMS channel: the gateway's uplink callback POSTs to /api/v1/channels/sms/inbound signed with
  // SMS_WEBHOOK_SECRET; replies and notifications are POSTed to SMS_GATEWAY_URL (unset: logged, not sent).
  SMS_WEBHOOK_SECRET: z.string().min(16, 'must be at least 16 characters').default('sms-demo-webhook-secret-12345'),
  /** How far a callback's timestamp may be from our clock, in seconds (replays older than this are refused). */
  SMS_WEBHOOK_TOLERANCE_SECONDS: z.coerce.number().int().min(10).max(3600).default(300),
  SMS_GATEWAY_URL: z.string().url().optional(),
  SMS_GATEWAY_KEY: z.string().min(1).default('sms-demo-gateway-key'),
  /** The signature (签名) a Chinese SMS must carry, registered with the carrier. */
  SMS_SIGN_NAME: z.string().min(1).max(20).default('12345热线'),
  // Citizen portal: proof-of-work on submissions and chats (leading zero bits of sha256; +1 doubles the work).
  POW_DIFFICULTY: z.coerce.number().int().min(1).max(30).default(16),
  POW_TTL_SECONDS: z.coerce.number().int().min(10).max(3600).default(300),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Env = z.infer<typeof schema> & { dataDir: string };

export class ConfigError extends Error {}

export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = issue.path.join('.') || 'environment';
    throw new ConfigError(`configuration error: ${name}=${JSON.stringify(cleaned[name] ?? '')}: ${issue.message}`);
  }
  const d = parsed.data;
  if (d.S3_ENDPOINT && !(d.S3_BUCKET && d.S3_ACCESS_KEY_ID && d.S3_SECRET_ACCESS_KEY)) {
    throw new ConfigError('configuration error: S3_ENDPOINT needs S3_BUCKET, S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY');
  }
  if (d.LLM_BASE_URL && !d.LLM_MODEL) throw new ConfigError('configuration error: LLM_BASE_URL needs LLM_MODEL');
  if (d.STT_KIND && !d.STT_BASE_URL) throw new ConfigError(`configuration error: STT_KIND=${d.STT_KIND} needs STT_BASE_URL`);
  if (d.STT_KIND === 'funasr' && !/^wss?:\/\//.test(d.STT_BASE_URL ?? '')) throw new ConfigError('configuration error: STT_KIND=funasr needs a ws:// or wss:// STT_BASE_URL');
  if (Boolean(d.SIP_TLS_CERT_FILE) !== Boolean(d.SIP_TLS_KEY_FILE)) {
    throw new ConfigError('configuration error: SIP_TLS_CERT_FILE and SIP_TLS_KEY_FILE go together');
  }
  if (d.RTP_PORT_MAX - d.RTP_PORT_MIN < 3) {
    throw new ConfigError(`configuration error: RTP_PORT_MIN..RTP_PORT_MAX (${d.RTP_PORT_MIN}..${d.RTP_PORT_MAX}) must span at least 4 ports`);
  }
  return { ...d, dataDir: path.resolve(d.DATA_DIR) };
}
