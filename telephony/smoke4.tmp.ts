import { parseVia } from './src/sip/via.ts';
import { parseNameAddr } from './src/sip/nameAddr.ts';
const t0 = performance.now();
for (let i = 0; i < 300000; i++) { parseVia('SIP/2.0/UDP 198.51.100.7:5060;branch=z9hG4bK776asdhds;rport'); parseNameAddr('"Zhang San" <sip:13800138000@carrier.example.net>;tag=1928301774'); }
console.log((performance.now() - t0).toFixed(0), 'ms');
