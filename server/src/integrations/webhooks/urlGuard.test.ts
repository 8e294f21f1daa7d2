import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { addressProblem, checkWebhookUrl, guardedLookup } from './urlGuard.ts';
import { postJson } from './sender.ts';

describe('webhook SSRF guard', () => {
  it('always refuses link-local (metadata), unspecified, multicast and reserved addresses', () => {
    for (const a of ['169.254.169.254', '0.0.0.0', '224.0.0.1', '255.255.255.255', '::', 'fe80::1', 'ff02::1', '::ffff:169.254.169.254']) {
      expect(addressProblem(a, true), a).toMatch(/link-local|reserved/);
    }
  });

  it('refuses loopback and private ranges unless allowed', () => {
    for (const a of ['127.0.0.1', '10.1.2.3', '172.20.0.1', '192.168.1.1', '100.64.0.1', '::1', 'fd00::1', '::ffff:10.0.0.1']) {
      expect(addressProblem(a, false), a).toMatch(/private or loopback/);
      expect(addressProblem(a, true), a).toBeNull();
    }
    expect(addressProblem('203.0.113.10', false)).toBeNull();
    expect(addressProblem('2001:db8::1', false)).toBeNull();
  });

  it('checks scheme, credentials and literal hosts of a URL', () => {
    expect(checkWebhookUrl('https://app.example.gov.cn/hook', false).host).toBe('app.example.gov.cn');
    expect(() => checkWebhookUrl('file:///etc/passwd', true)).toThrow(/http or https/);
    expect(() => checkWebhookUrl('https://a:b@example.com/', true)).toThrow(/credentials/);
    expect(() => checkWebhookUrl('http://[::1]:8080/', false)).toThrow(/loopback/);
    expect(() => checkWebhookUrl('http://localhost:8080/', false)).toThrow(/loopback/);
    expect(checkWebhookUrl('http://localhost:8080/', true).port).toBe('8080');
  });

  it('refuses a name that resolves to a forbidden address at connection time', async () => {
    const lookup = guardedLookup(false);
    const err = await new Promise<Error | null>((resolve) => lookup('localhost', {}, (e) => resolve(e)));
    expect(err?.message).toMatch(/refused: localhost resolves to .*loopback/);
  });

  it('sends nothing to a private receiver when private addresses are not allowed', async () => {
    let hits = 0;
    const server = http.createServer((_req, res) => {
      hits++;
      res.end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    try {
      const refused = await postJson(`http://127.0.0.1:${port}/`, '{}', {}, { timeoutMs: 2000, allowPrivate: false });
      expect(refused.ok).toBe(false);
      expect(refused.error).toMatch(/loopback/);
      // A name (not a literal) goes through the guarded lookup.
      const byName = await postJson(`http://localhost:${port}/`, '{}', {}, { timeoutMs: 2000, allowPrivate: false });
      expect(byName.ok).toBe(false);
      expect(hits).toBe(0);
      expect((await postJson(`http://localhost:${port}/`, '{}', {}, { timeoutMs: 2000, allowPrivate: true })).ok).toBe(true);
      expect(hits).toBe(1);
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });

  it('treats a redirect as a failure and does not follow it', async () => {
    let followed = false;
    const server = http.createServer((req, res) => {
      if (req.url === '/elsewhere') followed = true;
      res.writeHead(302, { location: '/elsewhere' }).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    try {
      expect(await postJson(`http://127.0.0.1:${port}/`, '{}', {}, { timeoutMs: 2000, allowPrivate: true })).toEqual({ ok: false, status: 302, error: 'HTTP 302' });
      expect(followed).toBe(false);
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });

  it('gives up on a receiver that does not answer in time', async () => {
    const server = http.createServer(() => {});
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    try {
      expect(await postJson(`http://127.0.0.1:${port}/`, '{}', {}, { timeoutMs: 200, allowPrivate: true })).toEqual({ ok: false, error: 'no answer within 200 ms' });
    } finally {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});
