// One HTTP call to an OpenAI-compatible API: a deadline over the whole call, one more try after a
// 5xx or a network failure (never after a 4xx: the same request would be refused again, and never
// after the deadline), and errors read from the documented body `{"error":{"message":…}}`.

import { ProviderError } from './providerError.ts';

export interface CallOptions {
  /** The whole call, the retry included. */
  timeoutMs: number;
  /** Pause before the retry. */
  retryDelayMs?: number;
}

/** Base URL and path joined without doubling or losing the slash (…/v1 + /chat/completions). */
export function endpoint(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

/** POSTs what `body()` builds (a FormData is built anew for the retry) and returns the parsed JSON answer. */
export async function postJson(url: string, headers: Record<string, string>, body: () => string | FormData, opts: CallOptions): Promise<unknown> {
  const deadline = Date.now() + opts.timeoutMs;
  try {
    return await attempt(url, headers, body(), deadline);
  } catch (e) {
    if (!(e instanceof ProviderError) || !e.retryable) throw e;
    const pause = Math.min(opts.retryDelayMs ?? 250, Math.max(0, deadline - Date.now()));
    await new Promise((r) => setTimeout(r, pause));
    if (Date.now() >= deadline) throw new ProviderError('timeout', `no answer within ${opts.timeoutMs} ms`);
    return attempt(url, headers, body(), deadline);
  }
}

async function attempt(url: string, headers: Record<string, string>, body: string | FormData, deadline: number): Promise<unknown> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), Math.max(1, deadline - Date.now()));
  try {
    let res: Response;
    try {
      res = await fetch(url, { method: 'POST', headers, body, signal: controller.signal });
    } catch (e) {
      if (controller.signal.aborted) throw new ProviderError('timeout', 'no answer in time');
      throw new ProviderError('network', (e as Error & { cause?: Error }).cause?.message ?? (e as Error).message);
    }
    let text: string;
    try {
      text = await res.text();
    } catch {
      throw controller.signal.aborted ? new ProviderError('timeout', 'the answer did not arrive in time') : new ProviderError('network', 'the answer was cut off');
    }
    if (!res.ok) throw new ProviderError('http', `HTTP ${res.status}: ${errorMessage(text) ?? res.statusText}`, res.status);
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new ProviderError('malformed', 'the answer is not JSON');
    }
  } finally {
    clearTimeout(timer);
  }
}

/** The message of an OpenAI-style error body, when there is one. */
export function errorMessage(text: string): string | null {
  try {
    const m = (JSON.parse(text) as { error?: { message?: unknown } | string }).error;
    const msg = typeof m === 'string' ? m : m?.message;
    return typeof msg === 'string' && msg ? msg.slice(0, 300) : null;
  } catch {
    return null;
  }
}

export function bearer(apiKey: string | undefined): Record<string, string> {
  return apiKey ? { authorization: `Bearer ${apiKey}` } : {};
}
