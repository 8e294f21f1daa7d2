// Runs the citizen messages of the public data set through the bot and prints how many it would
// answer, clarify or hand over. The data set is not shipped: without it the script says so and exits.
// Usage: npx tsx server/src/knowledge/cli/evalBot.ts [--limit N]
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadEnv } from '../../env.ts';
import { createPlatform } from '../../bootstrap.ts';
import { openPglite } from '../../db/pglite.ts';
import { seedDemo } from '../../demo/seed.ts';
import { KnowledgeBot, type BotAnswer } from '../bot.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const file = path.resolve(repoRoot, '../shared/datasets/citizen-messages/messages-with-replies.tsv');

/** Message title and body per row (columns: id, title, body, reply, …). */
function readMessages(limit: number): { title: string; body: string }[] {
  const lines = readFileSync(file, 'utf8').split('\n');
  const header = lines[0]!.split('\t');
  const ti = header.indexOf('title');
  const bi = header.indexOf('body');
  return lines
    .slice(1)
    .map((l) => l.split('\t'))
    .filter((c) => c.length > Math.max(ti, bi) && c[ti]!.trim())
    .slice(0, limit)
    .map((c) => ({ title: c[ti]!.trim(), body: c[bi]!.trim() }));
}

function shares(answers: BotAnswer[]) {
  const n = answers.length || 1;
  const count = (k: BotAnswer['kind']) => answers.filter((a) => a.kind === k).length;
  const pct = (x: number) => Math.round((1000 * x) / n) / 10;
  return { messages: answers.length, answered: pct(count('answer')), clarified: pct(count('clarify')), handedOver: pct(count('handover')) };
}

async function main() {
  if (!existsSync(file)) {
    console.log(`data set not found (${path.relative(repoRoot, file)}): nothing to evaluate`);
    return;
  }
  const i = process.argv.indexOf('--limit');
  const messages = readMessages(i > 0 ? Number(process.argv[i + 1]) : Infinity);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'hotline-evalbot-'));
  const env = loadEnv({ DATA_DIR: dataDir, PASSWORD_HASH_COST: '10', LOG_LEVEL: 'silent' });
  const platform = await createPlatform(env, { db: await openPglite() });
  try {
    await seedDemo(platform.ctx, platform.auth, 0);
    const bot = new KnowledgeBot(platform.ctx);
    const started = Date.now();
    const byTitle: BotAnswer[] = [];
    const byMessage: BotAnswer[] = [];
    for (const m of messages) {
      byTitle.push(await bot.answer(m.title));
      byMessage.push(await bot.answer(`${m.title}。${m.body}`));
    }
    const ms = (Date.now() - started) / (2 * messages.length || 1);
    // Percentages; "title" asks with the message's title only, "message" with title and body.
    console.log(JSON.stringify({ title: shares(byTitle), message: shares(byMessage), msPerQuestion: Math.round(ms * 10) / 10 }));
  } finally {
    await platform.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
