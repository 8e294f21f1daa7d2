// End to end: three phones, each an RtpSession talking over loopback UDP to its platform leg,
// the three legs joined in a Mixer on the shared pacer, supervisor modes switched live.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toneAmplitude } from './goertzel.ts';
import { Mixer, attachSession } from './mixer.ts';
import { Pacer } from './pacer.ts';
import { PortAllocator } from './portAllocator.ts';
import { RtpSession } from './rtpSession.ts';
import { ToneGenerator } from './sources.ts';
import { applySupervisorMode, type SupervisorMode } from './supervision.ts';

const HOST = '127.0.0.1';
const TONE = { caller: 1000, agent: 2000, supervisor: 3000 } as const;
type Who = keyof typeof TONE;
const WHO = Object.keys(TONE) as Who[];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('conference over RTP with supervisor modes', () => {
  const pacer = new Pacer();
  const ports = new PortAllocator(43000, 43999);
  const mixer = new Mixer({ pacer });
  const sessions: RtpSession[] = [];
  const heard: Record<Who, Int16Array[]> = { caller: [], agent: [], supervisor: [] };

  beforeAll(async () => {
    for (const who of WHO) {
      const leg = await RtpSession.open({ pacer, ports, bindAddress: HOST });
      const phone = await RtpSession.open({ pacer, ports, bindAddress: HOST, remote: { address: HOST, port: leg.localPort } });
      leg.setRemote({ address: HOST, port: phone.localPort });
      sessions.push(leg, phone);
      attachSession(mixer.add(who), leg);
      phone.play(new ToneGenerator({ frequencies: [TONE[who]], amplitude: 6000 }));
      phone.on('audio', (pcm) => heard[who].push(pcm));
    }
  });
  afterAll(() => {
    mixer.close();
    for (const s of sessions) s.close();
    pacer.close();
  });

  /** Which tones each phone hears after `mode` has been in force for a while. */
  async function listen(mode: SupervisorMode): Promise<Record<Who, Who[]>> {
    applySupervisorMode(mixer, { caller: 'caller', agent: 'agent', supervisor: 'supervisor' }, mode);
    await sleep(300); // let queued audio of the previous mode drain
    for (const who of WHO) heard[who].length = 0;
    const end = Date.now() + 5000;
    while (WHO.some((who) => heard[who].length < 20) && Date.now() < end) await sleep(20);
    const result = {} as Record<Who, Who[]>;
    for (const who of WHO) {
      const frames = heard[who].slice(-15);
      const signal = new Int16Array(frames.length * 160);
      frames.forEach((f, i) => signal.set(f, i * 160));
      result[who] = WHO.filter((other) => toneAmplitude(signal, TONE[other]) > 1500);
    }
    return result;
  }

  it('whisper: the agent hears the supervisor, the caller does not', async () => {
    expect(await listen('whisper')).toEqual({ caller: ['agent'], agent: ['caller', 'supervisor'], supervisor: ['caller', 'agent'] });
  });

  it('listen: nobody hears the supervisor', async () => {
    expect(await listen('listen')).toEqual({ caller: ['agent'], agent: ['caller'], supervisor: ['caller', 'agent'] });
  });

  it('barge: everyone hears everyone', async () => {
    expect(await listen('barge')).toEqual({ caller: ['agent', 'supervisor'], agent: ['caller', 'supervisor'], supervisor: ['caller', 'agent'] });
  });
});
