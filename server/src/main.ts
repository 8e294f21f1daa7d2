import { ConfigError, loadEnv, type Env } from './env.ts';
import { createPlatform } from './bootstrap.ts';
import { isEmpty, seedAdminOnly, seedDemo } from './demo/seed.ts';
import { DEMO_PASSWORD, DEMO_USERS } from './demo/directory.ts';
import { every, scanDeadlines } from './jobs/deadlineJob.ts';
import { startTelephony } from './telephony/runtime.ts';
import { UpgradeRouter } from './http/upgrades.ts';
import { ContactCenter } from './contactcenter/cti/contactCenter.ts';
import { conversationServiceFor } from './conversations/index.ts';
import { startEmailChannel } from './channels/email/receiver.ts';
import { providersFromEnv } from './intelligence/providers/index.ts';
import { installCallTranscription } from './intelligence/providers/autoTranscribe.ts';
import { ctiEventsUpgrade } from './contactcenter/cti/eventsSocket.ts';
import { startWebhookWorker } from './integrations/webhooks/worker.ts';
import { installKnowledgeResponder } from './knowledge/wiring.ts';
import { KnowledgeBot } from './knowledge/bot.ts';
import { installWarnings } from './intelligence/emotion/installWarnings.ts';
import { installAutoDispatch } from './intelligence/routing/autoDispatch.ts';
import { scanHotspotAlerts } from './intelligence/hotspots/workOrderHotspots.ts';

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

async function main() {
  let env: Env;
  try {
    const source = { ...process.env };
    if (process.argv.includes('--no-demo')) source.DEMO = '0';
    env = loadEnv(source);
  } catch (e) {
    if (e instanceof ConfigError) fail(e.message);
    throw e;
  }
  const started = Date.now();
  const platform = await createPlatform(env, { logger: env.LOG_LEVEL !== 'silent' && env.LOG_LEVEL !== 'info' }).catch((e: Error) =>
    fail(`cannot open the database (${env.DATABASE_URL ? 'PostgreSQL' : env.dataDir}): ${e.message}`),
  );
  const { ctx, auth, app } = platform;
  let demoSeeded = false;
  if (await isEmpty(ctx)) {
    if (env.DEMO === false) {
      if (!env.ADMIN_PASSWORD) fail('configuration error: ADMIN_PASSWORD is required to start an empty (DEMO=0) instance');
      await seedAdminOnly(ctx, env.ADMIN_USERNAME, env.ADMIN_PASSWORD);
      console.log(`created administrator "${env.ADMIN_USERNAME}"`);
    } else {
      console.log('fresh database: seeding the demo city A市 (this takes a minute once) ...');
      const res = await seedDemo(ctx, auth);
      console.log(`seeded ${res.users.length} users and ${res.orders} work orders`);
      demoSeeded = true;
    }
  }
  const log = (e: unknown) => app.log.error(e);
  const stops = [
    every(env.DEADLINE_SCAN_SECONDS, () => scanDeadlines(ctx), log),
    every(5, () => ctx.audit.seal(), log),
  ];
  // Background services started with the platform; each is stopped on shutdown.
  const services: Array<{ stop(): unknown }> = [];
  services.push(startWebhookWorker(ctx, { onError: log }));
  // Citizens' text conversations (portal chat, WeChat, SMS, e-mail) are answered from published knowledge first.
  installKnowledgeResponder(ctx, new KnowledgeBot(ctx));
  // High-risk appeals warn the supervisor; AUTO_DISPATCH=1 dispatches confident ones; hotspots are watched.
  services.push(installWarnings(ctx), installAutoDispatch(ctx));
  stops.push(every(600, () => scanHotspotAlerts(ctx), log));
  const upgrades = new UpgradeRouter();
  if (env.SIP_ENABLED) {
    try {
      ctx.telephony = await startTelephony(ctx, { log: (m) => console.log(m) });
      upgrades.add('/sip', ctx.telephony.handleUpgrade);
      ctx.contactCenter = new ContactCenter(ctx, ctx.telephony, { log: (m) => app.log.warn(m) });
      // Web chat, WeChat, SMS and e-mail conversations are routed by the same ACD as calls.
      ctx.contactCenter.attachConversations(conversationServiceFor(ctx));
      // With STT_* configured, recorded calls are transcribed when they end (emotion + quality on the words).
      const { stt } = providersFromEnv(env);
      if (stt) services.push(installCallTranscription(ctx, ctx.contactCenter, stt, log));
      upgrades.add('/api/v1/cti/events', ctiEventsUpgrade(ctx, auth));
    } catch (e) {
      fail(`cannot start the SIP engine on ${env.SIP_HOST}:${env.SIP_PORT} (${e instanceof Error ? e.message : String(e)}); set SIP_PORT to a free port or SIP_ENABLED=0`);
    }
  }
  const mail = await startEmailChannel(ctx, { log }).catch((e: Error) =>
    fail(`cannot start the SMTP receiver on port ${env.SMTP_PORT} (${e.message}); set SMTP_PORT to a free port or SMTP_ENABLED=0`),
  );
  if (mail) services.push({ stop: () => mail.close() });
  upgrades.attach(app.server);
  await app.listen({ port: env.PORT, host: env.HOST });
  const base = env.PUBLIC_URL ?? `http://localhost:${env.PORT}`;
  console.log(`\n12345 热线平台 is running (${ctx.db.kind}${ctx.db.kind === 'pglite' ? ` in ${env.dataDir}` : ''}, started in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
  console.log(`  web:     ${base}/`);
  console.log(`  API:     ${base}/api/v1   docs: ${base}/docs   OpenAPI: ${base}/openapi.json`);
  console.log(`  citizen: ${base}/public/query`);
  if (ctx.telephony) {
    const t = ctx.telephony;
    console.log(`  SIP:     udp/tcp ${env.SIP_HOST}:${t.ports.udp}, WebSocket ${base.replace(/^http/, 'ws')}/sip — call sip:${env.HOTLINE_NUMBER}@<this host>${t.tts ? '' : ' (no TTS engine installed)'}`);
    if (demoSeeded || env.DEMO !== false) console.log('  phones:  demo extensions 8001–8010, SIP password Agent@8001 … Agent@8010 (8000: the supervisor\'s seat)');
  }
  if (mail) console.log(`  mail:    SMTP on port ${mail.port} for any address @${env.MAIL_DOMAIN} (appeal@${env.MAIL_DOMAIN} registers work orders)`);
  console.log(`  portal:  ${base}/portal   WeChat callback: ${base}/api/v1/channels/wechat   Open311: ${base}/open311/v2/discovery.json`);
  if (demoSeeded || env.DEMO !== false) {
    console.log(`  demo accounts (password ${DEMO_PASSWORD}): ${DEMO_USERS.slice(0, 9).map((u) => u.username).join(', ')}`);
  }
  const shutdown = async () => {
    stops.forEach((s) => s());
    await Promise.all(services.map((s) => s.stop()));
    await platform.close();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((e) => fail(`start-up failed: ${e instanceof Error ? e.message : String(e)}`));
