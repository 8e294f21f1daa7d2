import { parseMessage } from './src/sip/message.ts';
import { TYPICAL_INVITE } from './src/testing/fixtures.ts';
for (let r = 0; r < 3; r++) {
const c0 = process.cpuUsage(); const t0 = performance.now(); const N = 100000;
for (let i = 0; i < N; i++) parseMessage(TYPICAL_INVITE, { transport: 'udp' });
const c = process.cpuUsage(c0); const cpu = (c.user + c.system) / 1e6;
console.log('invite/cpu-s', Math.round(N / cpu), 'wall/s', Math.round(N / ((performance.now() - t0) / 1000)));
}
