import { describe, expect, it } from 'vitest';
import { ConfigError, loadEnv } from './env.ts';

describe('configuration', () => {
  it('has working defaults', () => {
    const env = loadEnv({});
    expect(env).toMatchObject({ PORT: 8080, DATA_DIR: './data' });
    expect(env.DEMO).toBeUndefined();
    expect(env.dataDir).toMatch(/data$/);
  });

  it('reads DEMO as a boolean', () => {
    expect(loadEnv({ DEMO: '0' }).DEMO).toBe(false);
    expect(loadEnv({ DEMO: 'yes' }).DEMO).toBe(true);
  });

  it.each([
    [{ PORT: 'eighty' }, /PORT="eighty"/],
    [{ PORT: '70000' }, /PORT/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL=.*postgres/],
    [{ DEMO: 'maybe' }, /DEMO/],
    [{ ADMIN_PASSWORD: 'short' }, /ADMIN_PASSWORD.*10 characters/],
    [{ S3_ENDPOINT: 'http://127.0.0.1:9000' }, /S3_ENDPOINT needs S3_BUCKET/],
  ])('a bad value stops start-up with one line naming it: %o', (source, message) => {
    let err: unknown;
    try {
      loadEnv(source);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toMatch(message);
    expect((err as Error).message).not.toContain('\n');
  });
});
