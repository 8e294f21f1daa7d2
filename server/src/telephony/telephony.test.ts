// The engine as the server runs it, driven by real SIP peers over loopback: SIPp callers through
// the stored default flow (a voice message becomes a work order whose WAV holds the caller's
// tone; a query by tracking number), baresip registering with the credentials in sip_extensions,
// and SIP over WebSocket under the HTTP server at /sip.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { STATUS_LABELS } from '@hotline/shared';
import { goertzelPower, hasTone, parseWav, type IvrCallRecord, type TextToSpeech } from '@hotline/telephony';
import { Baresip, BARESIP_MISSING, SIPP_MISSING, callerScenario, freeUdpPort, hasCommand, runSipp } from '@hotline/telephony/integration';
import { createTestPlatform, type TestPlatform } from '../testing/testPlatform.ts';
import { client, newOrder } from '../testing/http.ts';
import { startTelephony } from './runtime.ts';
import { UpgradeRouter } from '../http/upgrades.ts';

const haveSipp = hasCommand('sipp');
const haveBaresip = hasCommand('baresip');
if (!haveSipp) console.warn(SIPP_MISSING);
if (!haveBaresip) console.warn(BARESIP_MISSING);

/** Prompts as 100 ms of silence each: the flow's logic runs at full speed, without a speech engine. */
const quietTts: TextToSpeech = { engineId: 'quiet@1', synthesize: async () => new Int16Array(800) };
const WORKDAY_10AM = new Date('2026-11-23T10:00:00+08:00');

let p: TestPlatform;
let sipPort: number;
beforeAll(async () => {
  p = await createTestPlatform({ env: { SIP_PORT: '0', SIP_HOST: '127.0.0.1', RTP_PORT_MIN: '43000', RTP_PORT_MAX: '43199' } });
  p.ctx.telephony = await startTelephony(p.ctx, { tts: quietTts, now: () => WORKDAY_10AM });
  sipPort = p.ctx.telephony.ports.udp!;
}, 60_000);
afterAll(async () => p?.close());

const nextIvrCall = () =>
  new Promise<IvrCallRecord>((resolve) => p.ctx.telephony!.handler.once('call', (r) => resolve(r)));

describe.skipIf(!haveSipp)('calls to 12345 through the stored default flow (SIPp)', () => {
  it('2, 1: a mayor’s-mailbox message becomes a work order with the recording attached, and the caller’s 1 kHz tone is in it', async () => {
    const sc = await callerScenario({
      from: '13800138000',
      parts: [
        { kind: 'silence', ms: 400 }, { kind: 'digit', digit: '2' }, { kind: 'silence', ms: 500 }, { kind: 'digit', digit: '1' },
        { kind: 'silence', ms: 1500 }, { kind: 'tone', hz: 1000, ms: 3000 }, { kind: 'digit', digit: '#' }, { kind: 'silence', ms: 200 },
      ],
      end: 'wait-for-bye',
    });
    const call = nextIvrCall();
    const r = await runSipp({ file: sc.file, remote: `127.0.0.1:${sipPort}`, service: '12345', localPort: await freeUdpPort(), calls: 1, timeoutSeconds: 40, extra: ['-mp', String(await freeUdpPort())] });
    expect(r.failed, r.output.slice(-3000)).toBe(0);
    const result = await (await call).result;
    expect(result.path.map((s) => [s.node, s.input, s.note])).toEqual(expect.arrayContaining([['mainMenu', '2', undefined], ['selfService', '1', undefined]]));
    expect(result.path.find((s) => s.node === 'mailbox'), JSON.stringify(result.path)).toMatchObject({ verb: 'record' });

    const agent = client(p.app, await p.login('agent'));
    const list = await agent.get('/api/v1/work-orders?channel=phone&pageSize=5');
    const summary = list.body.items.find((o: { title: string }) => o.title === '市长信箱语音留言');
    expect(summary).toBeDefined();
    const order = (await agent.get(`/api/v1/work-orders/${summary.id}`)).body;
    expect(order.type).toBe('suggestion');
    expect(order.citizen.phone).toBe('13800138000');
    expect(order.sourceRef).toMatch(/^call:/);
    expect(order.attachments).toHaveLength(1);
    expect(order.attachments[0].mime).toBe('audio/wav');

    const dl = await p.app.inject({ method: 'GET', url: `/api/v1/attachments/${order.attachments[0].id}`, headers: await p.login('agent') });
    expect(dl.statusCode).toBe(200);
    const wav = parseWav(dl.rawPayload);
    expect(wav.ok).toBe(true);
    if (!wav.ok) return;
    expect(wav.wav.sampleRate).toBe(8000);
    const samples = wav.wav.channelData[0]!;
    const pcm = Int16Array.from(samples, (v) => Math.round(v * 32767));
    expect(pcm.length / 8000).toBeGreaterThan(1.5);
    // The middle of the recording is the caller's tone: 1 kHz, not its neighbours.
    const mid = pcm.subarray(Math.floor(pcm.length / 2) - 800, Math.floor(pcm.length / 2) + 800);
    expect(hasTone(mid, 1000)).toBe(true);
    expect(goertzelPower(mid, 1000)).toBeGreaterThan(20 * goertzelPower(mid, 1400));
  }, 60_000);

  it('2, 3, <tracking number>#: the query branch finds the order; the reply is read only to the citizen’s own number', async () => {
    const agent = client(p.app, await p.login('agent'));
    const created = await agent.post('/api/v1/work-orders', newOrder({ citizen: { name: '王五', phone: '13900001111' } }));
    expect(created.status).toBe(201);
    const tn: string = created.body.trackingNumber;
    const lookup = await p.ctx.telephony!.services.lookupWorkOrder(tn, { callerNumber: '13800138000', callId: 'x' });
    expect(lookup).toEqual({ found: true, statusText: STATUS_LABELS.registered });
    const sc = await callerScenario({
      from: '13800138000',
      parts: [{ kind: 'silence', ms: 400 }, { kind: 'digit', digit: '2' }, { kind: 'silence', ms: 400 }, { kind: 'digit', digit: '3' }, { kind: 'silence', ms: 600 }, ...[...tn, '#'].map((d) => ({ kind: 'digit' as const, digit: d }))],
      end: { byeAfterMs: 1500 },
    });
    const call = nextIvrCall();
    const r = await runSipp({ file: sc.file, remote: `127.0.0.1:${sipPort}`, service: '12345', localPort: await freeUdpPort(), calls: 1, timeoutSeconds: 40, extra: ['-mp', String(await freeUdpPort())] });
    expect(r.failed, r.output.slice(-3000)).toBe(0);
    const result = await (await call).result;
    const query = result.path.find((s) => s.node === 'queryResult');
    expect(query).toMatchObject({ input: tn, note: 'found' });
  }, 60_000);
});

describe('what the IVR says about a work order', () => {
  it('status for anyone with the number; the reply only to the registered phone; nothing for unknown numbers', async () => {
    const agent = client(p.app, await p.login('agent'));
    const created = await agent.post('/api/v1/work-orders', newOrder({ citizen: { name: '赵六', phone: '+86 139-0000-2222' } }));
    const tn: string = created.body.trackingNumber;
    await p.ctx.db.query("UPDATE work_orders SET status = 'closed', reply_content = '已修复电梯。' WHERE tracking_number = $1", [tn]);
    const svc = p.ctx.telephony!.services;
    expect(await svc.lookupWorkOrder(tn, { callerNumber: '13900002222', callId: 'a' })).toEqual({ found: true, statusText: '已办结', replyText: '已修复电梯。' });
    expect(await svc.lookupWorkOrder(tn, { callerNumber: '13800000000', callId: 'b' })).toEqual({ found: true, statusText: '已办结' });
    expect(await svc.lookupWorkOrder('2026010199999', { callerNumber: '13900002222', callId: 'c' })).toEqual({ found: false });
    expect(await svc.lookupWorkOrder('12ab', { callerNumber: '13900002222', callId: 'c' })).toEqual({ found: false });
  });

  it('the information branch reads published knowledge articles by tag; unknown sources give nothing', async () => {
    const svc = p.ctx.telephony!.services;
    const social = await svc.information('knowledge:社保');
    expect(social.texts.length).toBeGreaterThan(0);
    expect(social.texts.join('')).toMatch(/社保|社会保险|养老/);
    expect((await svc.information('knowledge:不存在的标签')).texts).toEqual([]);
    expect((await svc.information('weather:today')).texts).toEqual([]);
  });

  it('survey answers are stored and counted for supervisors; agents may not read them', async () => {
    const svc = p.ctx.telephony!.services;
    await svc.recordSurvey({ survey: 'service-opinion', callId: 'c1', callerNumber: '1', digit: '1', answer: 'satisfied' });
    await svc.recordSurvey({ survey: 'service-opinion', callId: 'c2', callerNumber: '2', digit: '3', answer: 'dissatisfied' });
    const sup = client(p.app, await p.login('supervisor'));
    const res = await sup.get('/api/v1/telephony/surveys/service-opinion');
    expect(res.status).toBe(200);
    expect(res.body.counts).toMatchObject({ satisfied: 1, dissatisfied: 1 });
    expect((await client(p.app, await p.login('agent')).get('/api/v1/telephony/surveys/service-opinion')).status).toBe(403);
  });
});

describe.skipIf(!haveBaresip)('agent phones register with the credentials stored in sip_extensions', () => {
  it('baresip registers as 8002 with Agent@8002; the registration shows in the extensions list; a changed secret takes effect', async () => {
    const phone = await Baresip.start({ sipPort: await freeUdpPort(), ctrlPort: await freeUdpPort(), registrarPort: sipPort, extension: '8002', password: 'Agent@8002' });
    try {
      await phone.waitForLog(/200 OK|registered successfully|\{0\/UDP\/v4\}/i, 15_000);
      const sup = client(p.app, await p.login('supervisor'));
      let regs: unknown[] = [];
      for (let i = 0; i < 50 && regs.length === 0; i++) {
        const list = await sup.get('/api/v1/telephony/extensions');
        regs = list.body.items.find((e: { extension: string }) => e.extension === '8002').registrations;
        if (regs.length === 0) await new Promise((r) => setTimeout(r, 100));
      }
      expect(regs).toHaveLength(1);
      expect(p.ctx.telephony!.extensions.secretOf('8002')).toBe('Agent@8002');
      const admin = client(p.app, await p.login('admin'));
      const upd = await admin.put('/api/v1/telephony/extensions/8002', { displayName: '坐席分机 8002', secret: 'NewSecret#2' });
      expect(upd.status).toBe(200);
      expect(upd.body.secret).toBe('NewSecret#2');
      expect(p.ctx.telephony!.extensions.secretOf('8002')).toBe('NewSecret#2');
    } finally {
      await phone.stop();
    }
  }, 40_000);
});

describe('SIP over WebSocket under the HTTP server', () => {
  it('/sip speaks SIP (OPTIONS gets 200); any other upgrade path gets 404', async () => {
    const upgrades = new UpgradeRouter();
    upgrades.add('/sip', p.ctx.telephony!.handleUpgrade);
    upgrades.attach(p.app.server);
    await p.app.listen({ port: 0, host: '127.0.0.1' });
    const port = (p.app.server.address() as { port: number }).port;
    const ws = new WebSocket(`ws://127.0.0.1:${port}/sip`, 'sip');
    await new Promise((resolve, reject) => (ws.once('open', resolve), ws.once('error', reject)));
    const answer = new Promise<string>((resolve) => ws.once('message', (d) => resolve(d.toString())));
    ws.send([
      'OPTIONS sip:12345@127.0.0.1 SIP/2.0',
      'Via: SIP/2.0/WS df7jal23ls0d.invalid;branch=z9hG4bKoptws1',
      'From: <sip:probe@df7jal23ls0d.invalid>;tag=ws1',
      'To: <sip:12345@127.0.0.1>',
      'Call-ID: ws-options-1',
      'CSeq: 1 OPTIONS',
      'Max-Forwards: 70',
      'Content-Length: 0',
      '', '',
    ].join('\r\n'));
    expect((await answer).split('\r\n')[0]).toBe('SIP/2.0 200 OK');
    ws.close();
    const other = new WebSocket(`ws://127.0.0.1:${port}/nowhere`);
    const err = await new Promise<Error>((resolve) => other.once('error', resolve));
    expect(err.message).toMatch(/404/);
  });
});
