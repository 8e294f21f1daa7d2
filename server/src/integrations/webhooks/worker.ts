import { randomUUID } from 'node:crypto';
import type { Ctx } from '../../context.ts';
import { retryDelayMs } from './backoff.ts';
import { postJson, type SendResult } from './sender.ts';
import { HEADERS, sign } from './signature.ts';

export interface WebhookWorker {
  /** Sends the deliveries due now (one batch); returns how many were attempted. */
  runOnce(): Promise<number>;
  /** Stops polling and waits for the attempts in flight. */
  stop(): Promise<void>;
}

export interface WebhookWorkerOptions {
  /** Poll the outbox on a timer (default); tests turn it off and call runOnce with a ManualClock. */
  poll?: boolean;
  batch?: number;
  random?: () => number;
  onError?: (e: unknown) => void;
}

interface Claimed {
  id: string;
  webhook_id: string;
  event: string;
  payload: string;
  attempts: number;
  url: string;
  secret: string;
  usable: boolean;
}

/**
 * Sends the webhook outbox. Due rows are leased (lease_id, leased_until) with SKIP LOCKED, so
 * several nodes can run workers; a worker that dies mid-send leaves its lease to expire and the
 * row goes out again — delivery is at least once, and receivers drop repeats by delivery id.
 * Results are written only under the same lease, so a late answer never overwrites a newer one.
 * main.ts starts one: `const webhooks = startWebhookWorker(ctx)`, and `await webhooks.stop()` on shutdown.
 */
export function startWebhookWorker(ctx: Ctx, opts: WebhookWorkerOptions = {}): WebhookWorker {
  const env = ctx.env;
  const batch = opts.batch ?? 20;
  const random = opts.random ?? Math.random;
  const onError = opts.onError ?? (() => {});
  const timeoutMs = env.WEBHOOK_TIMEOUT_SECONDS * 1000;
  const inFlight = new Set<Promise<unknown>>();
  let polling = false;
  let stopped = false;
  const track = <T>(p: Promise<T>): Promise<T> => {
    inFlight.add(p);
    void p.catch(() => {}).finally(() => inFlight.delete(p));
    return p;
  };

  async function claim(): Promise<{ lease: string; rows: Claimed[] }> {
    const now = ctx.clock.now();
    const lease = randomUUID();
    const rows = await ctx.db.query<Claimed>(
      `WITH due AS (
         SELECT id FROM webhook_deliveries
          WHERE status = 'pending' AND next_attempt_at <= $1 AND (leased_until IS NULL OR leased_until < $1)
          ORDER BY next_attempt_at LIMIT $2 FOR UPDATE SKIP LOCKED)
       UPDATE webhook_deliveries d SET lease_id = $3, leased_until = $4
         FROM due, webhooks h
        WHERE d.id = due.id AND h.id = d.webhook_id
       RETURNING d.id, d.webhook_id, d.event, d.payload, d.attempts, h.url, h.secret, (h.active AND h.deleted_at IS NULL) AS usable`,
      [now, batch, lease, new Date(now.getTime() + timeoutMs + 30_000)],
    );
    return { lease, rows };
  }

  async function attempt(d: Claimed): Promise<SendResult> {
    if (!d.usable) return { ok: false, error: 'the webhook is disabled or deleted' };
    const timestamp = Math.floor(ctx.clock.now().getTime() / 1000);
    return postJson(
      d.url,
      d.payload,
      { [HEADERS.event]: d.event, [HEADERS.delivery]: d.id, [HEADERS.timestamp]: String(timestamp), [HEADERS.signature]: sign(d.secret, timestamp, d.payload) },
      { timeoutMs, allowPrivate: env.WEBHOOK_ALLOW_PRIVATE },
    );
  }

  async function record(d: Claimed, lease: string, r: SendResult): Promise<void> {
    const now = ctx.clock.now();
    const attempts = d.attempts + 1;
    const giveUp = !r.ok && (attempts >= env.WEBHOOK_MAX_ATTEMPTS || !d.usable);
    const status = r.ok ? 'delivered' : giveUp ? 'failed' : 'pending';
    const next = status === 'pending' ? new Date(now.getTime() + retryDelayMs(attempts, env.WEBHOOK_RETRY_BASE_SECONDS, env.WEBHOOK_RETRY_MAX_SECONDS, random)) : now;
    await ctx.db.query(
      `UPDATE webhook_deliveries SET status = $3, attempts = $4, next_attempt_at = $5, last_status = $6, last_error = $7,
              delivered_at = $8, lease_id = NULL, leased_until = NULL
        WHERE id = $1 AND lease_id = $2`,
      [d.id, lease, status, attempts, next, r.status ?? null, r.ok ? null : (r.error ?? 'failed').slice(0, 500), r.ok ? now : null],
    );
  }

  async function runOnce(): Promise<number> {
    const { lease, rows } = await claim();
    await Promise.all(rows.map(async (d) => record(d, lease, await attempt(d))));
    return rows.length;
  }

  async function drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await runOnce();
      total += n;
      if (n < batch || stopped) return total;
    }
  }

  const timer = opts.poll === false
    ? null
    : setInterval(() => {
        if (polling || stopped) return;
        polling = true;
        void track(drain())
          .catch(onError)
          .finally(() => (polling = false));
      }, env.WEBHOOK_POLL_SECONDS * 1000);
  timer?.unref();

  return {
    runOnce: () => track(runOnce()),
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      await Promise.allSettled([...inFlight]);
    },
  };
}
