import type { Ctx } from '../context.ts';

/**
 * Marks orders at a department as warning or overdue when their time comes, and records the
 * change on each order's timeline. Idempotent: only rows whose state changes are touched, so
 * several nodes may run it at once.
 */
export async function scanDeadlines(ctx: Ctx): Promise<{ warning: number; overdue: number }> {
  const now = ctx.clock.now();
  return ctx.db.tx(async (q) => {
    const changed = await q.query<{ id: string; deadline_state: string; status: string }>(
      `UPDATE work_orders w SET deadline_state = s.next
         FROM (SELECT id, CASE
                 WHEN handle_deadline < $1 OR (status = 'dispatched' AND accept_deadline < $1) THEN 'overdue'
                 WHEN handle_warn_at < $1 THEN 'warning' ELSE 'ok' END AS next
                 FROM work_orders
                WHERE status IN ('dispatched', 'handling', 'reviewing') AND deadline_state <> 'overdue'
                  AND (handle_warn_at < $1 OR handle_deadline < $1 OR accept_deadline < $1)) s
        WHERE w.id = s.id AND w.deadline_state <> s.next
        RETURNING w.id, w.deadline_state, w.status`,
      [now],
    );
    for (const c of changed) {
      await q.query(
        `INSERT INTO work_order_events (work_order_id, at, actor_name, action, from_status, to_status, note, data)
         VALUES ($1, $2, '系统', $3, $4, $4, NULL, NULL)`,
        [c.id, now, c.deadline_state === 'overdue' ? 'overdue' : 'deadlineWarning', c.status],
      );
    }
    return {
      warning: changed.filter((c) => c.deadline_state === 'warning').length,
      overdue: changed.filter((c) => c.deadline_state === 'overdue').length,
    };
  });
}

/** Runs `fn` every `seconds`, never overlapping itself; returns a stop function. */
export function every(seconds: number, fn: () => Promise<unknown>, onError: (e: unknown) => void): () => void {
  let running = false;
  const timer = setInterval(async () => {
    if (running) return;
    running = true;
    try {
      await fn();
    } catch (e) {
      onError(e);
    } finally {
      running = false;
    }
  }, seconds * 1000);
  timer.unref();
  return () => clearInterval(timer);
}
