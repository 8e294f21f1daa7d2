import { parseMessage } from './src/sip/message.ts';
const head = 'OPTIONS sip:a@example.com SIP/2.0\r\n';
const b = Buffer.from(head + `To: <sip:a@b.com>${';p'.repeat(30000)}\r\n\r\n`);
const b2 = Buffer.from(head + 'X: 1\r\n'.repeat(10000) + '\r\n');
for (let i = 0; i < 20; i++) { parseMessage(b, { transport: 'udp' }); parseMessage(b2, { transport: 'udp' }); }
