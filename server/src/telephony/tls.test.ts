// SIP over TLS from configuration: with SIP_TLS_CERT_FILE / SIP_TLS_KEY_FILE the engine also
// listens on SIP_TLS_PORT (TLS) and SIP_WSS_PORT (secure WebSocket); without both, start-up refuses.

import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { connect } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selfSignedCert } from '@hotline/telephony/integration';
import { loadEnv } from '../env.ts';
import { createTestPlatform, type TestPlatform } from '../testing/testPlatform.ts';
import { startTelephony } from './runtime.ts';

const cert = selfSignedCert();
if (!cert) console.warn('openssl is not installed: skipping the SIP over TLS test');

describe.skipIf(!cert)('SIP over TLS', () => {
  let p: TestPlatform;
  beforeAll(async () => {
    const dir = (await import('node:fs')).mkdtempSync(path.join((await import('node:os')).tmpdir(), 'siptls-'));
    writeFileSync(path.join(dir, 'cert.pem'), cert!.cert);
    writeFileSync(path.join(dir, 'key.pem'), cert!.key);
    p = await createTestPlatform({
      env: {
        SIP_PORT: '0', SIP_HOST: '127.0.0.1', SIP_TLS_PORT: '0', SIP_WSS_PORT: '0', RTP_PORT_MIN: '43900', RTP_PORT_MAX: '43949',
        SIP_TLS_CERT_FILE: path.join(dir, 'cert.pem'), SIP_TLS_KEY_FILE: path.join(dir, 'key.pem'),
      },
    });
    p.ctx.telephony = await startTelephony(p.ctx, { tts: { engineId: 'quiet@1', synthesize: async () => new Int16Array(800) } });
  }, 60_000);
  afterAll(async () => {
    await p?.ctx.telephony?.close();
    await p?.close();
  });

  it('answers OPTIONS over TLS with the configured certificate', async () => {
    const port = p.ctx.telephony!.ports.tls!;
    expect(port).toBeGreaterThan(0);
    expect(p.ctx.telephony!.ports.wss).toBeGreaterThan(0);
    const sock = connect({ host: '127.0.0.1', port, ca: cert!.cert, servername: 'localhost' });
    await new Promise<void>((resolve, reject) => (sock.once('secureConnect', () => resolve()), sock.once('error', reject)));
    const answer = new Promise<string>((resolve) => {
      let buf = '';
      sock.on('data', (d) => {
        buf += d.toString();
        if (buf.includes('\r\n\r\n')) resolve(buf);
      });
    });
    sock.write(['OPTIONS sip:12345@127.0.0.1 SIP/2.0', 'Via: SIP/2.0/TLS 127.0.0.1:5999;branch=z9hG4bKtls1', 'From: <sip:probe@127.0.0.1>;tag=t1', 'To: <sip:12345@127.0.0.1>', 'Call-ID: tls-options-1', 'CSeq: 1 OPTIONS', 'Max-Forwards: 70', 'Content-Length: 0', '', ''].join('\r\n'));
    expect((await answer).split('\r\n')[0]).toBe('SIP/2.0 200 OK');
    sock.destroy();
  });

  it('a certificate without its key stops start-up with one line', () => {
    expect(() => loadEnv({ SIP_TLS_CERT_FILE: '/etc/hotline/cert.pem' })).toThrow(/SIP_TLS_CERT_FILE and SIP_TLS_KEY_FILE go together/);
  });
});
