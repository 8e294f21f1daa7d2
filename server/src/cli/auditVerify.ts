// `npm run audit:verify`: seals pending audit rows and checks the whole hash chain of the
// configured database (DATABASE_URL or the embedded one in DATA_DIR). Exit code 0 when intact.
import { loadEnv } from '../env.ts';
import { openDatabase } from '../bootstrap.ts';
import { migrate } from '../db/migrate.ts';
import { AuditLog } from '../audit/auditLog.ts';
import { systemClock } from '../clock.ts';

const env = loadEnv();
const db = await openDatabase(env);
try {
  await migrate(db);
  const result = await new AuditLog(db, systemClock).verify();
  if (result.ok) {
    console.log(`audit chain intact: ${result.checked} entries verified`);
  } else {
    console.error(`audit chain BROKEN at entry ${result.brokenAt} (${result.checked} entries verified before it)`);
    process.exitCode = 2;
  }
} finally {
  await db.close();
}
