// A small JSON client over Node's built-in fetch (undici). The global dispatcher keeps
// connections alive, so each worker of a concurrent run reuses one loopback connection.

export interface Timed<T> {
  body: T;
  ms: number;
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
    what: string,
  ) {
    super(`${what} → HTTP ${status}: ${body.slice(0, 300)}`);
  }
}

export class ApiClient {
  constructor(
    readonly baseUrl: string,
    private readonly token?: string,
  ) {}

  withToken(token: string): ApiClient {
    return new ApiClient(this.baseUrl, token);
  }

  /** Sends one request and reads the whole answer; `ms` covers both. Throws on a non-2xx status. */
  async request<T = unknown>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Timed<T>> {
    const headers: Record<string, string> = {};
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const t0 = performance.now();
    const res = await fetch(this.baseUrl + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    const ms = performance.now() - t0;
    if (!res.ok) throw new HttpError(res.status, text, `${method} ${path}`);
    return { body: (text ? JSON.parse(text) : null) as T, ms };
  }

  get<T = unknown>(path: string): Promise<Timed<T>> {
    return this.request<T>('GET', path);
  }

  post<T = unknown>(path: string, body: unknown = {}): Promise<Timed<T>> {
    return this.request<T>('POST', path, body);
  }

  /** Signs in and returns a client carrying the bearer token. */
  async login(username: string, password: string): Promise<ApiClient> {
    const { body } = await this.post<{ token: string }>('/api/v1/auth/login', { username, password });
    return this.withToken(body.token);
  }
}

/** Builds a query string from the defined values of `params`. */
export function qs(params: Record<string, string | number | undefined>): string {
  const entries = Object.entries(params).filter(([, v]) => v !== undefined) as [string, string | number][];
  return entries.length ? `?${new URLSearchParams(entries.map(([k, v]): [string, string] => [k, String(v)])).toString()}` : '';
}
