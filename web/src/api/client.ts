// A small typed fetch client for the hotline API (/api/v1).
// The bearer token from login is kept in sessionStorage; the server also sets a session cookie.
import type { ErrorCode } from '@hotline/shared';

const TOKEN_KEY = 'hotline.token';
export const API_BASE = '/api/v1';

export class ApiError extends Error {
  readonly code: ErrorCode | 'NETWORK' | 'UNKNOWN';
  readonly status: number;
  readonly details: unknown;
  constructor(code: ApiError['code'], message: string, status: number, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
    this.details = details;
  }
}

export const tokenStore = {
  get: (): string | null => sessionStorage.getItem(TOKEN_KEY),
  set: (token: string) => sessionStorage.setItem(TOKEN_KEY, token),
  clear: () => sessionStorage.removeItem(TOKEN_KEY),
};

type UnauthorizedHandler = () => void;
let onUnauthorized: UnauthorizedHandler = () => {
  const here = window.location.pathname + window.location.search;
  if (!window.location.pathname.startsWith('/login')) window.location.assign(`/login?next=${encodeURIComponent(here)}`);
};
/** The app installs a handler that routes to the login page without a full reload. */
export function setUnauthorizedHandler(handler: UnauthorizedHandler): void {
  onUnauthorized = handler;
}

export type Query = Record<string, string | number | boolean | readonly string[] | null | undefined>;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Query;
  body?: unknown;
  /** Do not send the user to the login page on 401 (login itself, the boot-time session probe, public pages). */
  noAuthRedirect?: boolean;
  signal?: AbortSignal;
}

export function buildQuery(query: Query | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length > 0) params.set(key, value.join(','));
    } else params.set(key, String(value));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

export function authHeaders(): Record<string, string> {
  const token = tokenStore.get();
  return token ? { Authorization: `Bearer ${token}` } : {};
}

async function toApiError(res: Response): Promise<ApiError> {
  let payload: unknown = null;
  try {
    payload = await res.json();
  } catch {
    /* not JSON */
  }
  const err = (payload as { error?: { code?: string; message?: string; details?: unknown } } | null)?.error;
  if (err?.code) return new ApiError(err.code as ApiError['code'], err.message ?? err.code, res.status, err.details);
  return new ApiError('UNKNOWN', `HTTP ${res.status} ${res.statusText}`, res.status);
}

async function send(path: string, init: RequestInit, opts: RequestOptions): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(API_BASE + path + buildQuery(opts.query), { credentials: 'same-origin', signal: opts.signal, ...init });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError('NETWORK', (e as Error).message || 'network error', 0);
  }
  if (res.ok) return res;
  const error = await toApiError(res);
  if (res.status === 401 && !opts.noAuthRedirect) {
    tokenStore.clear();
    onUnauthorized();
  }
  throw error;
}

export async function request<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', ...authHeaders() };
  let body: BodyInit | undefined;
  if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  const res = await send(path, { method: opts.method ?? 'GET', headers, body }, opts);
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** POST multipart/form-data (attachments). */
export async function upload<T>(path: string, form: FormData, opts: RequestOptions = {}): Promise<T> {
  const res = await send(path, { method: 'POST', headers: { Accept: 'application/json', ...authHeaders() }, body: form }, opts);
  return (await res.json()) as T;
}

export const api = {
  get: <T>(path: string, query?: Query, opts?: RequestOptions) => request<T>(path, { ...opts, query }),
  post: <T>(path: string, body?: unknown, opts?: RequestOptions) => request<T>(path, { ...opts, method: 'POST', body: body ?? {} }),
  put: <T>(path: string, body?: unknown) => request<T>(path, { method: 'PUT', body }),
  patch: <T>(path: string, body?: unknown) => request<T>(path, { method: 'PATCH', body }),
  del: <T = void>(path: string) => request<T>(path, { method: 'DELETE' }),
};
