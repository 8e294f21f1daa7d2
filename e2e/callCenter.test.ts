import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { hasTone, parseWav, serializeWav, type TextToSpeech } from '@hotline/telephony';
import { SIPP_MISSING, callerScenario, freeUdpPort, hasCommand, runSipp } from '@hotline/telephony/integration';
import { createTestPlatform, type TestPlatform } from '../server/src/testing/testPlatform.ts';
import { startTelephony } from '../server/src/telephony/runtime.ts';
import { ContactCenter } from '../server/src/contactcenter/cti/contactCenter.ts';
import { ctiEventsUpgrade } from '../server/src/contactcenter/cti/eventsSocket.ts';
import { UpgradeRouter } from '../server/src/http/upgrades.ts';
import { CHROMIUM, ensureWebBuilt, hasChromium, login, tid } from './browser.ts';

// The contact center in real browsers: SIPp calls 12345 and presses 1; the agent, signed in to the
// desktop in headless Chromium with a fake microphone playing a 600 Hz tone, answers through the
// JsSIP softphone (WebRTC to the engine); the caller's 1 kHz tone and the agent's 600 Hz tone both
// land in the stereo recording; the agent registers a work order that is linked to the call; a
// supervisor in a second browser context listens in from the wallboard; the agent hangs up and the
// caller's key press is stored as the satisfaction rating.

const haveSipp = hasCommand('sipp');
if (!haveSipp) console.warn(SIPP_MISSING);
const quietTts: TextToSpeech = { engineId: 'quiet@1', synthesize: async () => new Int16Array(800) };
const WORKDAY_10AM = new Date('2026-11-23T10:00:00+08:00');

function toneWav(hz: number): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'fake-mic-'));
  const rate = 48000;
  const pcm = new Int16Array(rate * 10);
  for (let i = 0; i < pcm.length; i++) pcm[i] = Math.round(9000 * Math.sin((2 * Math.PI * hz * i) / rate));
  const file = path.join(dir, 'mic.wav');
  writeFileSync(file, serializeWav(pcm, rate, 1));
  return file;
}

describe.skipIf(!hasChromium || !haveSipp)('call center in the browser: IVR → queue → WebRTC agent → survey, supervisor listening', () => {
  let p: TestPlatform;
  let browser: Browser;
  let base: string;
  let sipPort: number;

  beforeAll(async () => {
    ensureWebBuilt();
    p = await createTestPlatform({ env: { SIP_PORT: '0', SIP_HOST: '127.0.0.1', RTP_PORT_MIN: '43600', RTP_PORT_MAX: '43799' } });
    p.ctx.telephony = await startTelephony(p.ctx, { tts: quietTts, now: () => WORKDAY_10AM });
    p.ctx.contactCenter = new ContactCenter(p.ctx, p.ctx.telephony, { surveyTimeoutMs: 20_000 });
    sipPort = p.ctx.telephony.ports.udp!;
    const upgrades = new UpgradeRouter();
    upgrades.add('/sip', p.ctx.telephony.handleUpgrade);
    upgrades.add('/api/v1/cti/events', ctiEventsUpgrade(p.ctx, p.auth));
    upgrades.attach(p.app.server);
    await p.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(p.app.server.address() as { port: number }).port}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
        '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-audio-capture=${toneWav(600)}`,
        '--autoplay-policy=no-user-gesture-required',
      ],
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    p?.ctx.contactCenter?.close();
    await p?.ctx.telephony?.close();
    await p?.close();
  }, 30_000);

  async function signIn(ctx: BrowserContext, user: string, page: string, prefix: 'desktop' | 'wallboard', extension: string): Promise<Page> {
    const pg = await ctx.newPage();
    pg.on('pageerror', (e) => console.warn(`[${user}] ${e.message}`));
    await login(pg, base, user);
    await pg.goto(`${base}/${page}`);
    await pg.fill(tid(`${prefix}.extension`), extension);
    await pg.click(tid(`${prefix}.login`));
    await pg.waitForSelector(`${tid(`${prefix}.phoneRegistration`)}[data-state="registered"]`, { timeout: 20_000 });
    return pg;
  }

  it('answers, records both voices, links the work order, is listened to, and gets rated', async () => {
    const agentCtx = await browser.newContext({ permissions: ['microphone'] });
    const agent = await signIn(agentCtx, 'agent', 'desktop', 'desktop', '8001');
    await agent.click(tid('desktop.ready'));
    await agent.waitForSelector(`${tid('desktop.agentState')}[data-state="ready"]`, { timeout: 10_000 });

    const sc = await callerScenario({
      from: '13800138000',
      parts: [{ kind: 'silence', ms: 400 }, { kind: 'digit', digit: '1' }, { kind: 'tone', hz: 1000, ms: 22_000 }, { kind: 'silence', ms: 1500 }, { kind: 'digit', digit: '1' }, { kind: 'silence', ms: 500 }],
      end: 'wait-for-bye',
    });
    const sipp = runSipp({ file: sc.file, remote: `127.0.0.1:${sipPort}`, service: '12345', localPort: await freeUdpPort(), calls: 1, timeoutSeconds: 90, extra: ['-mp', String(await freeUdpPort())] });

    await agent.waitForSelector(tid('desktop.ringing'), { timeout: 20_000 });
    expect(await agent.textContent(tid('desktop.ringingNumber'))).toContain('13800138000');
    await agent.click(tid('desktop.answer'));
    await agent.waitForSelector(`${tid('desktop.callState')}[data-state="talking"]`, { timeout: 20_000 });
    const callId = p.ctx.contactCenter!.liveCalls().find((c) => c.state === 'talking')!.id;

    // Screen pop: the IVR path the caller took.
    await agent.waitForSelector(tid('desktop.pop.ivrPath'), { timeout: 10_000 });

    // A work order registered during the call is linked to it.
    await agent.fill(tid('desktop.workOrder.title'), '路灯损坏');
    await agent.fill(tid('desktop.workOrder.content'), '来电人反映A1区某路段路灯连续多日不亮，夜间出行不便，请尽快维修。');
    await agent.click(tid('desktop.workOrder.submit'));
    const tn = (await agent.textContent(tid('desktop.workOrder.trackingNumber'), { timeout: 15_000 }))!.trim();
    expect(tn).toMatch(/^\d{13}$/);

    // The supervisor listens in from the wallboard.
    const supCtx = await browser.newContext({ permissions: ['microphone'] });
    const sup = await signIn(supCtx, 'supervisor', 'wallboard', 'wallboard', '8000'); // the demo's supervisor seat
    const agentId = p.ids.users.get('agent')!;
    await sup.click(tid(`wallboard.listen.${agentId}`));
    await sup.waitForSelector(tid('wallboard.answer'), { timeout: 15_000 });
    await sup.click(tid('wallboard.answer'));
    // The supervisor's browser receives the call's audio.
    await sup.waitForFunction(
      "(() => { const a = document.querySelector('audio'); const s = a && a.srcObject; return Boolean(s && s.getAudioTracks().some((t) => t.readyState === 'live')); })()",
      undefined,
      { timeout: 15_000 },
    );

    await agent.waitForTimeout(3000); // both voices flow for a while
    await agent.click(tid('desktop.hangup'));
    await agent.waitForSelector(tid('desktop.wrapUp'), { timeout: 15_000 });

    const result = await sipp;
    expect(result.failed, result.output.slice(-2500)).toBe(0);
    const rec = await p.ctx.contactCenter!.records.get(callId);
    expect(rec).toMatchObject({ satisfaction: 'satisfied', outcome: 'answered', state: 'ended' });
    expect(rec!.workOrderIds).toHaveLength(1);

    const wav = await p.app.inject({ method: 'GET', url: `/api/v1/cti/calls/${callId}/recording`, headers: await p.login('supervisor') });
    expect(wav.statusCode).toBe(200);
    const parsed = parseWav(wav.rawPayload);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) {
      const [left, right] = parsed.wav.channelData.map((f) => Int16Array.from(f, (v) => Math.round(v * 32767))) as [Int16Array, Int16Array];
      const mid = (x: Int16Array) => x.subarray(Math.floor(x.length / 2) - 2000, Math.floor(x.length / 2) + 2000);
      expect(hasTone(mid(left), 1000)).toBe(true); // the caller (SIPp)
      expect(hasTone(mid(right), 600, { minRatio: 0.3 })).toBe(true); // the agent's browser microphone, through WebRTC
    }
    await agentCtx.close();
    await supCtx.close();
  }, 150_000);

  it('an agent whose browser closes mid-call does not lose the caller: the call goes back to the queue and the next agent answers', async () => {
    const firstCtx = await browser.newContext({ permissions: ['microphone'] });
    const first = await signIn(firstCtx, 'agent02', 'desktop', 'desktop', '8002');
    await first.click(tid('desktop.ready'));
    await first.waitForSelector(`${tid('desktop.agentState')}[data-state="ready"]`, { timeout: 10_000 });

    const sc = await callerScenario({ from: '13900009999', parts: [{ kind: 'silence', ms: 400 }, { kind: 'digit', digit: '1' }, { kind: 'tone', hz: 1000, ms: 60_000 }], end: 'wait-for-bye' });
    const sipp = runSipp({ file: sc.file, remote: `127.0.0.1:${sipPort}`, service: '12345', localPort: await freeUdpPort(), calls: 1, timeoutSeconds: 120, extra: ['-mp', String(await freeUdpPort())] });
    await first.waitForSelector(tid('desktop.ringing'), { timeout: 20_000 });
    await first.click(tid('desktop.answer'));
    await first.waitForSelector(`${tid('desktop.callState')}[data-state="talking"]`, { timeout: 20_000 });
    const firstCall = p.ctx.contactCenter!.liveCalls().find((c) => c.state === 'talking')!;

    await firstCtx.close(); // the browser is gone: no BYE, the WebSocket and the WebRTC connection drop
    const requeued = await waitFor(() => p.ctx.contactCenter!.liveCalls().find((c) => c.callerNumber === '13900009999' && c.id !== firstCall.id && c.state !== 'talking'), 45_000);
    expect(['queued', 'offered']).toContain(requeued.state);
    expect(p.ctx.contactCenter!.agents.has(p.ids.users.get('agent02')!)).toBe(false);

    const nextCtx = await browser.newContext({ permissions: ['microphone'] });
    const next = await signIn(nextCtx, 'agent03', 'desktop', 'desktop', '8003');
    await next.click(tid('desktop.ready'));
    await next.waitForSelector(tid('desktop.ringing'), { timeout: 20_000 });
    expect(await next.textContent(tid('desktop.ringingNumber'))).toContain('13900009999');
    await next.click(tid('desktop.answer'));
    await next.waitForSelector(`${tid('desktop.callState')}[data-state="talking"]`, { timeout: 20_000 });
    await next.click(tid('desktop.hangup'));
    const result = await sipp;
    expect(result.failed, result.output.slice(-2500)).toBe(0);
    const firstRecord = await p.ctx.contactCenter!.records.get(firstCall.id);
    expect(firstRecord).toMatchObject({ state: 'ended', hangupCause: 'agent-lost' });
    await nextCtx.close();
  }, 150_000);
});

async function waitFor<T>(fn: () => T | undefined, ms: number): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 200));
  }
}
