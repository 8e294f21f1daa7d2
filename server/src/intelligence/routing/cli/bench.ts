// Speed of the analyze step (what POST /api/v1/intelligence/analyze runs), per message, on an
// in-memory database with the demo directory. Messages are the data set's bodies when present,
// otherwise a few written here. The last stdout line is one JSON object.
//
//   npx tsx server/src/intelligence/routing/cli/bench.ts [--n 500]

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { argValue } from '../../classifier/dataset.ts';
import { hasCitizenMessages, loadCitizenMessages } from '../../classifier/dataset.ts';
import { loadEnv } from '../../../env.ts';
import { createPlatform } from '../../../bootstrap.ts';
import { openPglite } from '../../../db/pglite.ts';
import { seedDemo } from '../../../demo/seed.ts';
import { analyzeAppeal } from '../analyze.ts';
import { warmUpClassifier } from '../categoryScores.ts';

const FALLBACK = [
  '我住在A1区东风街道人民路12号，昨天晚上八点开始楼道里燃气泄漏，味道很大，电话13812345678',
  '公司已经拖欠我们三个月工资了，老板一直推脱不给，也没有缴纳社保',
  '楼下烧烤店油烟太大，每天晚上十点以后还在营业，噪音扰民',
  '出租车司机不打表，故意绕路多收了50元，车牌湘A12345',
  '请问新生儿医保怎么办理，需要哪些材料？',
];

async function main() {
  const n = Number(argValue(process.argv.slice(2), '--n') ?? 500);
  const texts = hasCitizenMessages()
    ? loadCitizenMessages().bodies.slice(0, n).map((b) => b.text)
    : Array.from({ length: n }, (_, i) => FALLBACK[i % FALLBACK.length]!);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'hotline-bench-'));
  const env = loadEnv({ DATA_DIR: dataDir, PASSWORD_HASH_COST: '10', LOG_LEVEL: 'silent', SIP_ENABLED: '0' });
  const platform = await createPlatform(env, { db: await openPglite() });
  try {
    await seedDemo(platform.ctx, platform.auth, 0);
    let t0 = performance.now();
    warmUpClassifier();
    const loadMs = performance.now() - t0;
    await analyzeAppeal(platform.ctx, { content: texts[0]! });
    const cpu0 = process.cpuUsage();
    t0 = performance.now();
    let chars = 0;
    for (const content of texts) {
      chars += content.length;
      await analyzeAppeal(platform.ctx, { content });
    }
    const wall = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    const result = {
      messages: texts.length,
      source: hasCitizenMessages() ? 'citizen-messages/bodies.train.tsv' : 'built-in samples',
      meanChars: Math.round(chars / texts.length),
      modelLoadMs: Math.round(loadMs),
      msPerMessage: Math.round((wall / texts.length) * 100) / 100,
      cpuMsPerMessage: Math.round(((cpu.user + cpu.system) / 1000 / texts.length) * 100) / 100,
    };
    console.log(`analyze: ${result.msPerMessage} ms per message (${result.cpuMsPerMessage} ms CPU), ${result.messages} messages of ${result.meanChars} characters on average; model load ${result.modelLoadMs} ms`);
    console.log(JSON.stringify(result));
  } finally {
    await platform.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`bench: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
