import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '@hotline/shared';
import { createTestPlatform, type TestPlatform } from './testing/testPlatform.ts';

let p: TestPlatform;
beforeAll(async () => {
  p = await createTestPlatform();
});
afterAll(() => p?.close());

describe('API documentation', () => {
  it('documents the public contract in /openapi.json', async () => {
    const res = await p.app.inject({ url: '/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    for (const path of [
      '/healthz',
      '/api/v1/auth/login',
      '/api/v1/auth/me',
      '/api/v1/departments',
      '/api/v1/work-orders',
      '/api/v1/work-orders/{id}',
      '/api/v1/work-orders/{id}/actions/{action}',
      '/api/v1/public/work-orders/{trackingNumber}',
    ]) {
      expect(doc.paths, path).toHaveProperty([path]);
    }
    const create = doc.paths['/api/v1/work-orders'].post.requestBody.content['application/json'].schema;
    expect(create.required).toEqual(expect.arrayContaining(['channel', 'type', 'content', 'citizen']));
    const action = doc.paths['/api/v1/work-orders/{id}/actions/{action}'].post.parameters.find((x: { name: string }) => x.name === 'action');
    expect(action.schema.enum).toEqual(expect.arrayContaining(['dispatch', 'accept', 'return', 'reassign', 'extension', 'reply', 'review', 'close', 'followUp', 'reopen', 'supervise', 'urge', 'merge', 'cancel', 'resolveOnSpot']));
  });

  it('lists every error code with its status in the API description', async () => {
    const doc = (await p.app.inject({ url: '/openapi.json' })).json();
    for (const [code, status] of Object.entries(ERROR_CODES)) expect(doc.info.description).toContain(`| ${code} | ${status} |`);
  });

  it('serves a browsable reference at /docs', async () => {
    const res = await p.app.inject({ url: '/docs/' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('swagger');
  });
});
