import { workOrderApi } from '../api/endpoints';
import type { Query } from '../api/client';
import { useAsync } from './useAsync';

/** Totals of several list queries (tab badges); one request per query with pageSize=1. */
export function useQueueCounts(queries: Record<string, Query>, reloadKey: number): Record<string, number | undefined> {
  const key = JSON.stringify(queries);
  const { data } = useAsync(async () => {
    const entries = await Promise.all(
      Object.entries(queries).map(async ([k, q]) => {
        try {
          const page = await workOrderApi.list({ ...q, page: 1, pageSize: 1 });
          return [k, page.total] as const;
        } catch {
          return [k, undefined] as const;
        }
      }),
    );
    return Object.fromEntries(entries) as Record<string, number | undefined>;
  }, [key, reloadKey]);
  return data ?? {};
}
