// SIP call throughput: SIPp places calls to 12345 (telephony/test/sipp/uac-wait-bye.xml) at
// increasing rates against a SipEndpoint on loopback that answers at once, plays a 1 s tone over
// RTP (the media layer's RtpSession on the shared pacer; --no-media for signalling only) and then
// hangs up with BYE. Each step runs for a few seconds; the run stops at the first step with a
// failed call. Reported: the highest rate with zero failed calls — as achieved, measured from the
// INVITEs' arrival times — and the most calls up at once.
//   npx tsx bench/sip.ts [--rates 20,50,100,200,300,400,500,600] [--seconds 5] [--no-media]
// Needs sipp (apt-get install -y sip-tester). Loopback only, bounded to a few minutes.
// The last line printed is one JSON object.

import { availableParallelism, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { runSipp } from '../telephony/src/integration/sipp.ts';
import { SIPP_MISSING, freeUdpPort, hasCommand, scenario } from '../telephony/src/integration/tools.ts';
import { Pacer, PortAllocator, RtpSession, ToneGenerator } from '../telephony/src/media/index.ts';
import { answerAudio, planForOffer } from '../telephony/src/dialog/audioOffer.ts';
import type { IncomingCall } from '../telephony/src/ua/incomingCall.ts';
import { SipEndpoint } from '../telephony/src/ua/sipEndpoint.ts';
import { testSdp } from '../telephony/src/ua/testPeers.ts';

const { values } = parseArgs({
  options: {
    rates: { type: 'string', default: '20,50,100,200,300,400,500,600' },
    seconds: { type: 'string', default: '5' },
    'no-media': { type: 'boolean', default: false },
  },
});
const rates = values.rates.split(',').map(Number).filter((r) => r > 0);
const seconds = Math.min(30, Number(values.seconds));
const media = !values['no-media'];

interface Step {
  rate: number;
  calls: number;
  successful: number;
  failed: number;
  achievedCps: number;
  maxConcurrent: number;
}

const ep = new SipEndpoint({ limits: { maxDialogs: 5000 } });
const { udp: port } = await ep.listen({ host: '127.0.0.1', udpPort: 0 });
const pacer = new Pacer();
const ports = new PortAllocator(20000, 39999);
let arrivals: number[] = [];
let concurrent = 0;
let maxConcurrent = 0;
let mediaErrors = 0;
let rtpPackets = 0;

async function handle(call: IncomingCall): Promise<void> {
  arrivals.push(performance.now());
  concurrent++;
  maxConcurrent = Math.max(maxConcurrent, concurrent);
  call.once('end', () => concurrent--);
  if (!media) {
    const s = call.answer(testSdp(40000));
    setTimeout(() => void s.bye(), 1000);
    return;
  }
  const offer = call.offer ?? '';
  const plan = planForOffer(offer);
  if (plan === null) return call.reject(488);
  let rtp: RtpSession;
  try {
    rtp = await RtpSession.open({ pacer, ports, bindAddress: '127.0.0.1', remote: plan.remote, codec: plan.codec, dtmfPayloadType: plan.dtmfPayloadType, direction: plan.direction });
  } catch {
    mediaErrors++;
    call.reject(503);
    return;
  }
  const s = call.answer(answerAudio(offer, { address: '127.0.0.1', port: rtp.localPort })!.sdp);
  const tone = new ToneGenerator({ frequencies: [450], durationMs: 1000 });
  const done = (): void => {
    if (rtp.closed) return;
    rtpPackets += rtp.stats.packetsSent;
    rtp.close();
  };
  tone.once('ended', () => {
    done();
    void s.bye();
  });
  rtp.play(tone);
  s.once('terminated', done);
}
ep.on('invite', (call) => void handle(call));

console.log(`node ${process.version}, ${availableParallelism()} CPU(s), load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}; media ${media ? 'on (1 s tone over RTP)' : 'off'}`);
if (!hasCommand('sipp')) {
  console.log(SIPP_MISSING);
  console.log(JSON.stringify({ bench: 'sip', skipped: 'sipp not installed' }));
  process.exit(0);
}

const steps: Step[] = [];
for (const rate of rates) {
  arrivals = [];
  maxConcurrent = 0;
  const calls = Math.max(10, Math.round(rate * seconds));
  const r = await runSipp({
    file: scenario('uac-wait-bye.xml'),
    remote: `127.0.0.1:${port}`,
    service: '12345',
    localPort: await freeUdpPort(),
    calls,
    rate,
    timeoutSeconds: seconds * 3 + 20,
    extra: ['-l', String(rate * 4), '-rate_increase', '0'],
  });
  arrivals.sort((a, b) => a - b);
  const span = (arrivals.at(-1)! - arrivals[0]!) / 1000;
  const step: Step = {
    rate,
    calls,
    successful: r.successful,
    failed: r.failed + (calls - r.successful - r.failed),
    achievedCps: span > 0 ? Math.round(((arrivals.length - 1) / span) * 10) / 10 : 0,
    maxConcurrent,
  };
  steps.push(step);
  console.log(`rate ${rate}/s: ${step.successful}/${calls} calls ok, ${step.failed} failed, achieved ${step.achievedCps} calls/s, up to ${maxConcurrent} calls at once, pacer lateness p99 ${pacer.lateness.percentile(99).toFixed(1)} ms`);
  await new Promise((res) => setTimeout(res, 1500));
  if (step.failed > 0 || r.exitCode !== 0) {
    console.log(`SIPp exit code ${r.exitCode}; the end of its report:\n${r.output.slice(-1500)}`);
    break;
  }
}

const good = steps.filter((s) => s.failed === 0);
const best = good.reduce<Step | undefined>((a, s) => (a === undefined || s.achievedCps > a.achievedCps ? s : a), undefined);
await ep.close();
pacer.close();
console.log(`media: ${rtpPackets} RTP packets sent, ${mediaErrors} session errors`);
console.log(
  JSON.stringify({
    bench: 'sip',
    callsPerSecond: best?.achievedCps ?? 0,
    failedCalls: 0,
    maxConcurrentCalls: best?.maxConcurrent ?? 0,
    media,
    steps,
  }),
);
