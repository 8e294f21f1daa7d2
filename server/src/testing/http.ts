import type { FastifyInstance } from 'fastify';

/** Small inject() helpers so route tests read as requests and answers. */
export function client(app: FastifyInstance, headers: Record<string, string>) {
  const call = async (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown) => {
    const res = await app.inject({ method, url, headers, payload: payload as never });
    const body = res.body ? (res.headers['content-type']?.toString().includes('json') ? res.json() : res.body) : null;
    return { status: res.statusCode, body };
  };
  return {
    get: (url: string) => call('GET', url),
    post: (url: string, payload?: unknown) => call('POST', url, payload ?? {}),
    put: (url: string, payload?: unknown) => call('PUT', url, payload),
    patch: (url: string, payload?: unknown) => call('PATCH', url, payload),
    del: (url: string) => call('DELETE', url),
    act: (id: string, action: string, payload: unknown = {}) => call('POST', `/api/v1/work-orders/${id}/actions/${action}`, payload),
  };
}

export const newOrder = (over: Record<string, unknown> = {}) => ({
  channel: 'phone',
  type: 'complaint',
  title: '小区电梯长期故障',
  content: '枫林雅苑3栋电梯坏了一个月，物业一直不修，老人上下楼很困难。',
  citizen: { name: '张三', phone: '13812345678' },
  ...over,
});
