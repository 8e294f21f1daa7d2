// A citizen's call end to end over real SIP: SIPp dials 12345 and presses 1 (a person), the call
// waits in the ACD's general queue, the contact center rings the agent's phone (baresip registered
// as 8001 with the stored credentials, auto-answer), bridges and records both sides; the agent
// links a work order, hangs up through the CTI, and the caller rates the service with a key press.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { parseWav, hasTone, type TextToSpeech } from '@hotline/telephony';
import { Baresip, BARESIP_MISSING, SIPP_MISSING, callerScenario, freeUdpPort, hasCommand, runSipp } from '@hotline/telephony/integration';
import { createTestPlatform, type TestPlatform } from '../../testing/testPlatform.ts';
import { client, newOrder } from '../../testing/http.ts';
import { startTelephony } from '../../telephony/runtime.ts';
import { UpgradeRouter } from '../../http/upgrades.ts';
import { ContactCenter } from './contactCenter.ts';
import { ctiEventsUpgrade } from './eventsSocket.ts';
import { FakeOpenAiServer } from '../../intelligence/providers/testing/fakeOpenAi.ts';
import { OpenAiTranscription } from '../../intelligence/providers/openAiTranscription.ts';
import { installCallTranscription } from '../../intelligence/providers/autoTranscribe.ts';

const ready = hasCommand('sipp') && hasCommand('baresip');
if (!hasCommand('sipp')) console.warn(SIPP_MISSING);
if (!hasCommand('baresip')) console.warn(BARESIP_MISSING);

const quietTts: TextToSpeech = { engineId: 'quiet@1', synthesize: async () => new Int16Array(800) };
const WORKDAY_10AM = new Date('2026-11-23T10:00:00+08:00');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let p: TestPlatform;
let sipPort: number;
let httpPort: number;
let phone: Baresip | undefined;
let stt: FakeOpenAiServer;
let transcription: ReturnType<typeof installCallTranscription>;

beforeAll(async () => {
  p = await createTestPlatform({ env: { SIP_PORT: '0', SIP_HOST: '127.0.0.1', RTP_PORT_MIN: '43400', RTP_PORT_MAX: '43599' } });
  p.ctx.telephony = await startTelephony(p.ctx, { tts: quietTts, now: () => WORKDAY_10AM });
  p.ctx.contactCenter = new ContactCenter(p.ctx, p.ctx.telephony, { surveyTimeoutMs: 6000 });
  sipPort = p.ctx.telephony.ports.udp!;
  // A speech-to-text service speaking OpenAI's transcription format transcribes recorded calls as they end.
  stt = await new FakeOpenAiServer().start();
  stt.respond = () => ({ json: { task: 'transcribe', language: 'chinese', duration: 2, text: '您好，我要反映问题。', segments: [{ id: 0, seek: 0, start: 0, end: 2, text: '您好，我要反映问题。', tokens: [], temperature: 0, avg_logprob: -0.2, compression_ratio: 1, no_speech_prob: 0.01 }] } });
  transcription = installCallTranscription(p.ctx, p.ctx.contactCenter, new OpenAiTranscription({ baseUrl: stt.url, model: 'whisper-1', timeoutMs: 10_000 }));
  const upgrades = new UpgradeRouter();
  upgrades.add('/api/v1/cti/events', ctiEventsUpgrade(p.ctx, p.auth));
  upgrades.attach(p.app.server);
  await p.app.listen({ port: 0, host: '127.0.0.1' });
  httpPort = (p.app.server.address() as { port: number }).port;
}, 60_000);
afterAll(async () => {
  transcription?.stop();
  await stt?.close();
  await phone?.stop();
  p.ctx.contactCenter?.close();
  await p.ctx.telephony?.close();
  await p?.close();
}, 30_000);

async function waitFor<T>(what: string, fn: () => Promise<T | undefined> | T | undefined, ms = 15_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== undefined && v !== null && v !== false) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

describe.skipIf(!ready)('a call through IVR, queue, agent phone and survey', () => {
  it('is answered by the agent’s phone, both voices are in the stereo recording, the work order is linked and the rating stored', async () => {
    phone = await Baresip.start({ sipPort: await freeUdpPort(), ctrlPort: await freeUdpPort(), registrarPort: sipPort, extension: '8001', password: 'Agent@8001' });
    await waitFor('8001 to register', () => p.ctx.telephony!.endpoint.registrar.lookup('8001').length > 0);

    const agentHeaders = await p.login('agent');
    const agent = client(p.app, agentHeaders);
    const login = await agent.post('/api/v1/cti/agent/login', { extension: '8001' });
    expect(login.status).toBe(200);
    expect(login.body.sip).toMatchObject({ authorizationUser: '8001', password: 'Agent@8001' });
    expect((await agent.post('/api/v1/cti/agent/state', { state: 'ready' })).body.state).toBe('ready');

    const token = agentHeaders.authorization!.slice(7);
    const ws = new WebSocket(`ws://127.0.0.1:${httpPort}/api/v1/cti/events?token=${token}`);
    const seen: string[] = [];
    ws.on('message', (d) => seen.push(JSON.parse(d.toString()).type));
    await new Promise((resolve, reject) => (ws.once('open', resolve), ws.once('error', reject)));

    const sc = await callerScenario({
      from: '13800138000',
      parts: [{ kind: 'silence', ms: 400 }, { kind: 'digit', digit: '1' }, { kind: 'tone', hz: 1000, ms: 5000 }, { kind: 'silence', ms: 2600 }, { kind: 'digit', digit: '1' }, { kind: 'silence', ms: 400 }],
      end: 'wait-for-bye',
    });
    const sipp = runSipp({ file: sc.file, remote: `127.0.0.1:${sipPort}`, service: '12345', localPort: await freeUdpPort(), calls: 1, timeoutSeconds: 40, extra: ['-mp', String(await freeUdpPort())] });

    const callId = await waitFor('the call to be talking', () => p.ctx.contactCenter!.liveCalls().find((c) => c.state === 'talking')?.id);
    const me = await agent.get('/api/v1/cti/agent/me');
    expect(me.body.state).toBe('talking');
    const pop = await agent.get(`/api/v1/cti/calls/${callId}/screen-pop`);
    expect(pop.status).toBe(200);
    expect(pop.body.call.callerNumber).toBe('13800138000');
    expect(pop.body.call.ivrPath.map((s: { node: string }) => s.node)).toContain('mainMenu');

    // Someone else's call is not this agent's to control; bad bodies get 400.
    const other = client(p.app, await p.login('agent02'));
    const refused = await other.post(`/api/v1/cti/calls/${callId}/hold`);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('NOT_YOUR_CALL');
    expect((await agent.post(`/api/v1/cti/calls/${callId}/dtmf`, { digits: '12a' })).body.error.code).toBe('VALIDATION_FAILED');
    expect((await agent.post(`/api/v1/cti/calls/${callId}/transfer`, { target: { kind: 'queue', value: 'nosuch' } })).body.error.code).toBe('UNKNOWN_TARGET');

    const order = await agent.post('/api/v1/work-orders', newOrder({ citizen: { name: '来电人', phone: '13800138000' } }));
    const linked = await agent.post(`/api/v1/cti/calls/${callId}/work-orders`, { workOrderId: order.body.id });
    expect(linked.body.workOrderIds).toEqual([order.body.id]);

    await sleep(2500); // both sides talk for a while
    p.clock.advance(150_000); // and on the platform's clock, two and a half minutes
    const hung = await agent.post(`/api/v1/cti/calls/${callId}/hangup`);
    expect(hung.status, JSON.stringify(hung.body)).toBe(200);
    const result = await sipp;
    expect(result.failed, result.output.slice(-2500)).toBe(0);

    const rec = await waitFor('the call record to end', async () => {
      const r = (await agent.get(`/api/v1/cti/calls/${callId}`)).body;
      return r.state === 'ended' ? r : undefined;
    });
    expect(rec).toMatchObject({ satisfaction: 'satisfied', outcome: 'answered', hasRecording: true, agentName: '话务员 陈晓' });
    expect(rec.talkSeconds).toBeGreaterThanOrEqual(150);
    const wrap = await agent.get('/api/v1/cti/agent/me');
    expect(['wrapUp', 'ready']).toContain(wrap.body.state);

    const sup = client(p.app, await p.login('supervisor'));
    const wav = await p.app.inject({ method: 'GET', url: `/api/v1/cti/calls/${callId}/recording`, headers: await p.login('supervisor') });
    expect(wav.statusCode).toBe(200);
    const parsed = parseWav(wav.rawPayload);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) {
      expect(parsed.wav.channelData).toHaveLength(2);
      const toPcm = (f: Float32Array) => Int16Array.from(f, (v) => Math.round(v * 32767));
      const [left, right] = parsed.wav.channelData.map(toPcm) as [Int16Array, Int16Array];
      const window = (x: Int16Array) => x.subarray(8000, 8000 + 4000); // 1–1.5 s into the bridged call
      expect(hasTone(window(left), 1000)).toBe(true); // the caller's tone
      expect(hasTone(window(right), 440)).toBe(true); // the agent phone's tone
    }
    // The recorded call was transcribed when it ended: both sides, merged into turns.
    await transcription.idle();
    const [tr] = await p.ctx.db.query<{ turns: unknown[] }>('SELECT turns FROM call_transcripts WHERE call_id = $1', [callId]);
    expect(tr?.turns.length).toBeGreaterThanOrEqual(2);
    expect(stt.requests.filter((r) => r.path.endsWith('/audio/transcriptions'))).toHaveLength(2);
    const board = await sup.get('/api/v1/cti/wallboard');
    expect(board.body.queues.find((q: { queueId: string }) => q.queueId === 'general').answered).toBeGreaterThanOrEqual(1);
    ws.close();
    expect(seen).toEqual(expect.arrayContaining(['hello', 'call.offered', 'call.answered', 'call.survey', 'call.ended']));
  }, 90_000);

  it('a call out (外呼) rings the agent’s phone, then the number with the hotline as caller ID, and bridges them', async () => {
    const far = await Baresip.start({ sipPort: await freeUdpPort(), ctrlPort: await freeUdpPort(), registrarPort: sipPort, extension: '8005', password: 'Agent@8005' });
    try {
      await waitFor('8005 to register', () => p.ctx.telephony!.endpoint.registrar.lookup('8005').length > 0);
      const agent = client(p.app, await p.login('agent'));
      await agent.post('/api/v1/cti/agent/wrap-up/done');
      expect((await agent.post('/api/v1/cti/calls', { number: '12a' })).status).toBe(400);
      expect((await agent.post('/api/v1/cti/calls', { number: '02088886666' })).body.error.code).toBe('UNKNOWN_TARGET'); // no trunk configured
      const out = await agent.post('/api/v1/cti/calls', { number: '8005' });
      expect(out.status, JSON.stringify(out.body)).toBe(201);
      expect(out.body).toMatchObject({ direction: 'outbound', state: 'talking', callerNumber: '8005' });
      await far.waitForLog(/12345/, 5000); // the far phone saw the hotline number as the caller
      expect((await agent.get('/api/v1/cti/agent/me')).body).toMatchObject({ state: 'notReady', reason: 'outbound' }); // no citizen is offered meanwhile
      expect((await agent.post(`/api/v1/cti/calls/${out.body.id}/hangup`)).status).toBe(200);
      const rec = await waitFor('the call out to end', async () => {
        const r = (await agent.get(`/api/v1/cti/calls/${out.body.id}`)).body;
        return r.state === 'ended' ? r : undefined;
      });
      expect(rec).toMatchObject({ direction: 'outbound', satisfaction: null });
    } finally {
      await far.stop();
    }
  }, 40_000);

  it('a caller who hangs up while waiting is counted abandoned and never bridged', async () => {
    const agent = client(p.app, await p.login('agent'));
    await agent.post('/api/v1/cti/agent/wrap-up/done');
    await agent.post('/api/v1/cti/agent/state', { state: 'notReady', reason: 'break' });
    const sc = await callerScenario({ from: '13700001111', parts: [{ kind: 'silence', ms: 400 }, { kind: 'digit', digit: '1' }, { kind: 'silence', ms: 1500 }], end: { byeAfterMs: 300 } });
    const r = await runSipp({ file: sc.file, remote: `127.0.0.1:${sipPort}`, service: '12345', localPort: await freeUdpPort(), calls: 1, timeoutSeconds: 30, extra: ['-mp', String(await freeUdpPort())] });
    expect(r.failed, r.output.slice(-2500)).toBe(0);
    const [row] = await waitFor('the record', async () => {
      const rows = await p.ctx.db.query<{ outcome: string | null; answered_at: Date | null; state: string }>("SELECT outcome, answered_at, state FROM call_records WHERE caller_number = '13700001111'");
      return rows[0]?.state === 'ended' && rows[0].outcome ? rows : undefined;
    });
    expect(row).toMatchObject({ outcome: 'abandoned', answered_at: null });
  }, 40_000);
});

describe.skipIf(!hasCommand('sipp'))('calls that end in the IVR', () => {
  it('get a call record with their IVR path and how they ended', async () => {
    const sc = await callerScenario({ from: '13600002222', parts: [{ kind: 'silence', ms: 400 }, { kind: 'digit', digit: '2' }, { kind: 'silence', ms: 800 }], end: { byeAfterMs: 200 } });
    const r = await runSipp({ file: sc.file, remote: `127.0.0.1:${sipPort}`, service: '12345', localPort: await freeUdpPort(), calls: 1, timeoutSeconds: 30, extra: ['-mp', String(await freeUdpPort())] });
    expect(r.failed, r.output.slice(-2500)).toBe(0);
    const row = await waitFor('the record', async () => {
      const rows = await p.ctx.db.query<{ outcome: string; ivr_path: { node: string; input?: string }[]; queue_id: string | null }>("SELECT outcome, ivr_path, queue_id FROM call_records WHERE caller_number = '13600002222'");
      return rows[0]?.outcome ? rows[0] : undefined; // the record is written, then closed
    });
    expect(row.outcome).toBe('ivr:hangup');
    expect(row.queue_id).toBeNull();
    expect(row.ivr_path.map((s) => [s.node, s.input])).toContainEqual(['mainMenu', '2']);
  }, 40_000);
});

describe('CTI commands without a live call', () => {
  it('precise errors: unknown call 404, malformed id 400, not signed in 409, supervisors only for the wallboard', async () => {
    const agent = client(p.app, await p.login('agent03'));
    expect((await agent.post('/api/v1/cti/calls/00000000-0000-4000-8000-000000000009/hold')).body.error.code).toBe('CALL_NOT_FOUND');
    expect((await agent.post('/api/v1/cti/calls/not-a-uuid/hold')).status).toBe(400);
    expect((await agent.post('/api/v1/cti/agent/state', { state: 'ready' })).body.error.code).toBe('AGENT_NOT_SIGNED_IN');
    expect((await agent.post('/api/v1/cti/agent/state', { state: 'notReady' })).status).toBe(400);
    expect((await agent.post('/api/v1/cti/agent/login', { extension: '8001' })).status).toBe(403); // 8001 belongs to `agent`
    expect((await agent.get('/api/v1/cti/wallboard')).status).toBe(403);
    expect((await client(p.app, await p.login('handler')).get('/api/v1/cti/agent/me')).status).toBe(403);
  });
});
