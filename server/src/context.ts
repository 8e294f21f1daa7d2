import type { Db } from './db/db.ts';
import type { Clock } from './clock.ts';
import type { Env } from './env.ts';
import type { AuditLog } from './audit/auditLog.ts';
import type { DirectoryCache } from './directory/directoryCache.ts';
import type { DeadlinePolicy } from './calendar/deadlinePolicy.ts';
import type { AttachmentStore } from './attachments/attachmentStore.ts';
import type { DomainEvents } from './events.ts';
import type { TelephonyRuntime } from './telephony/runtime.ts';
import type { ContactCenter } from './contactcenter/cti/contactCenter.ts';

/** The long-lived parts every service is built from; tests build one with a ManualClock. */
export interface Ctx {
  db: Db;
  clock: Clock;
  env: Env;
  audit: AuditLog;
  directory: DirectoryCache;
  deadlines: DeadlinePolicy;
  attachments: AttachmentStore;
  /** Domain events after commit (notifications, webhooks, live views subscribe here). */
  events: DomainEvents;
  /** The running SIP engine, when this process runs one (main.ts starts it; most tests do not). */
  telephony: TelephonyRuntime | null;
  /** The ACD and call control over the telephony engine (started with it). */
  contactCenter: ContactCenter | null;
}
