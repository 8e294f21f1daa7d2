// What the benchmark's PostgreSQL connections are doing, sampled from pg_stat_activity while a
// phase runs: e.g. "active Lock:transactionid" (waiting for another transaction's row lock),
// "idle in transaction" (holding a transaction open while the application works), "active"
// with no wait (executing), "idle" (free in the pool).

import pg from 'pg';

export interface WaitSampler {
  /** Stops sampling; returns each state's share of all connection samples, largest first. */
  stop(): Promise<[string, number][]>;
}

export async function sampleWaits(url: string, applicationName: string, everyMs = 50): Promise<WaitSampler> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const counts = new Map<string, number>();
  let total = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const { rows } = await client.query<{ what: string }>(
        `SELECT state || coalesce(' ' || wait_event_type || ':' || wait_event, '') AS what FROM pg_stat_activity WHERE application_name = $1`,
        [applicationName],
      );
      for (const r of rows) counts.set(r.what, (counts.get(r.what) ?? 0) + 1);
      total += rows.length;
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      await client.end();
      return [...counts].map(([k, n]): [string, number] => [k, total ? n / total : 0]).sort((a, b) => b[1] - a[1]);
    },
  };
}
