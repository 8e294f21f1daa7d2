import { describe, expect, it } from 'vitest';
import { ConfigError, loadEnv } from './env.ts';

describe('configuration', () => {
  it('has working defaults', () => {
    const env = loadEnv({});
    expect(env).toMatchObject({ PORT: 8080, DATA_DIR: './data' });
    expect(env.DEMO).toBeUndefined();
    expect(env.dataDir).toMatch(/data$/);
  });

  it('reads SIP trunks from JSON', () => {
    const env = loadEnv({ SIP_TRUNKS: '[{"name":"carrier","host":"203.0.113.5","register":true,"username":"u","password":"p","allowFrom":["203.0.113.0/24"]}]' });
    expect(env.SIP_TRUNKS).toEqual([{ name: 'carrier', host: '203.0.113.5', register: true, username: 'u', password: 'p', allowFrom: ['203.0.113.0/24'] }]);
    expect(loadEnv({}).SIP_TRUNKS).toEqual([]);
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
    [{ SIP_TRUNKS: 'not json' }, /SIP_TRUNKS.*JSON array of trunks/],
    [{ SIP_TRUNKS: '[{"name":"carrier","host":"203.0.113.5","allowFrom":["203.0.113.0/24"],"extra":1}]' }, /SIP_TRUNKS.*invalid trunk/],
    [{ RTP_PORT_MIN: '20000', RTP_PORT_MAX: '20001' }, /RTP_PORT_MIN..RTP_PORT_MAX/],
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
