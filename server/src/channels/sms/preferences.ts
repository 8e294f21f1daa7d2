import type { Queryable } from '../../db/db.ts';

/** Turns status notifications by SMS on (DY, the portal's option) or off (TD) for a mobile number. */
export async function setSmsNotify(q: Queryable, phone: string, notify: boolean, now: Date): Promise<void> {
  await q.query(
    `INSERT INTO sms_preferences (phone, notify, updated_at) VALUES ($1, $2, $3)
     ON CONFLICT (phone) DO UPDATE SET notify = EXCLUDED.notify, updated_at = EXCLUDED.updated_at`,
    [phone, notify, now],
  );
}

/** The number's choice: true, false, or null when it never chose. */
export async function smsNotifyChoice(q: Queryable, phone: string): Promise<boolean | null> {
  const [row] = await q.query<{ notify: boolean }>('SELECT notify FROM sms_preferences WHERE phone = $1', [phone]);
  return row ? row.notify : null;
}
