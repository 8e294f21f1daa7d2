import { parseMessage } from './src/sip/message.ts';
import { TYPICAL_INVITE } from './src/testing/fixtures.ts';
const t0 = performance.now();
for (let i = 0; i < 200000; i++) parseMessage(TYPICAL_INVITE, { transport: 'udp' });
console.log((performance.now() - t0).toFixed(0), 'ms');
