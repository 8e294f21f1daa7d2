import { spawnSync } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { fileURLToPath } from 'node:url';

// Shared by the real-peer tests and the SIP benchmark: whether a peer program is installed, free
// loopback ports, and where the SIPp scenarios live.

export function hasCommand(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

export const SIPP_MISSING = 'sipp is not installed (apt-get install -y sip-tester): skipping the SIPp tests';
export const BARESIP_MISSING = 'baresip is not installed (apt-get install -y baresip): skipping the baresip tests';

/** A UDP port free on 127.0.0.1 right now (bound and released; fine for tests on loopback). */
export async function freeUdpPort(): Promise<number> {
  const s = createSocket('udp4');
  await new Promise<void>((resolve) => s.bind(0, '127.0.0.1', () => resolve()));
  const port = s.address().port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

/** Absolute path of a scenario in telephony/test/sipp/. */
export function scenario(name: string): string {
  return fileURLToPath(new URL(`../../test/sipp/${name}`, import.meta.url));
}
