import { parseMessage } from './src/sip/message.ts';
const head = 'OPTIONS sip:a@example.com SIP/2.0\r\n';
for (const k of [1000, 2000, 4000, 8000, 16000]) {
  const b = Buffer.from(head + `Via: ${'SIP/2.0/UDP h,'.repeat(k)}\r\n\r\n`);
  const e = Buffer.from(`OPTIONS sip:${'%41'.repeat(k*5)}@example.com SIP/2.0\r\n\r\n`);
  for (let i = 0; i < 3; i++) parseMessage(b, { transport: 'udp', maxMessageBytes: 1e7 });
  let best = 1e9, bestE = 1e9;
  for (let i = 0; i < 5; i++) { const t0 = performance.now(); parseMessage(b, { transport: 'udp', maxMessageBytes: 1e7 }); best = Math.min(best, performance.now() - t0);
    const t1 = performance.now(); parseMessage(e, { transport: 'udp', maxMessageBytes: 1e7 }); bestE = Math.min(bestE, performance.now() - t1); }
  console.log(k, 'via', best.toFixed(2), 'ms', (best * 1000 / k).toFixed(2), 'us/via', ' escapes', bestE.toFixed(2), (bestE*1000/(k*5)).toFixed(3), 'us/esc');
}
