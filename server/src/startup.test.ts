import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// Start-up as a user meets it: the real entry point in a child process.
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function start(env: Record<string, string>, args: string[] = [], untilLine?: RegExp) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'hotline-start-'));
  dirs.push(dataDir);
  return new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts', ...args], {
      env: { ...process.env, DATA_DIR: dataDir, PORT: '0', SIP_PORT: '0', SIP_HOST: '127.0.0.1', SMTP_PORT: '0', PASSWORD_HASH_COST: '10', ...env },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => {
      out += d;
      if (untilLine?.test(out)) child.kill('SIGTERM');
    });
    child.stderr.on('data', (d) => (err += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, out, err });
    });
  });
}

describe('start-up', () => {
  it('a bad configuration value stops start-up with one line', async () => {
    const r = await start({ PORT: 'eighty' });
    expect(r.code).toBe(1);
    expect(r.err.trim()).toMatch(/^configuration error: PORT="eighty"/);
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });

  it('--no-demo without ADMIN_PASSWORD refuses to start an empty instance', async () => {
    const r = await start({}, ['--no-demo']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/ADMIN_PASSWORD is required/);
  });

  it('--no-demo with an administrator starts empty and serves the API', async () => {
    const r = await start({ ADMIN_PASSWORD: 'Prod#Admin-2026', ADMIN_USERNAME: 'root' }, ['--no-demo'], /portal: .*\n/);
    expect(r.out).toMatch(/created administrator "root"/);
    expect(r.out).toMatch(/SIP:\s+udp\/tcp 127\.0\.0\.1:\d+, WebSocket ws:\/\/localhost:\d+\/sip/);
    expect(r.out).toMatch(/mail:\s+SMTP on port \d+ for any address @localhost/);
    expect(r.out).toMatch(/is running \(pglite/);
    expect(r.out).not.toMatch(/seeding the demo/);
  });
});
