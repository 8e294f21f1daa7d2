import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseWav } from '@hotline/telephony';
import { createTestPlatform, type TestPlatform } from '../../testing/testPlatform.ts';
import { client, newOrder } from '../../testing/http.ts';
import { SECOND_OPINION_BELOW } from './secondOpinion.ts';
import { chatAnswer, FakeOpenAiServer, openAiError, type FakeReply, type ReceivedRequest } from './testing/fakeOpenAi.ts';
import { insertCall, stereoWav, tone } from './testing/callFixtures.ts';

// The platform configured with an OpenAI-compatible LLM and transcription API, both played by one
// local server that speaks the documented formats.

let p: TestPlatform;
let fake: FakeOpenAiServer;
let agent: ReturnType<typeof client>;
let agent2: ReturnType<typeof client>;
let supervisor: ReturnType<typeof client>;
let handler: ReturnType<typeof client>;

let classifyReply: FakeReply = chatAnswer('2');
const summaryReply: FakeReply = chatAnswer('摘要：A1区某小区电梯故障一个月，物业不修，市民希望尽快维修。');
const callerSegments = [
  { start: 1.8, end: 5.5, text: '公司拖欠我三个月工资了，老板一直不给。' },
  { start: 9.2, end: 11.5, text: '我真的活不下去了，再不给钱我就从楼顶跳下去。' },
];
const agentSegments = [
  { start: 0, end: 1.5, text: '您好，12345热线，请问有什么可以帮您？' },
  { start: 6, end: 9, text: '非常抱歉，您反映的拖欠工资问题我们会转给人社部门尽快处理。' },
  { start: 12, end: 14, text: '感谢您的来电，再见。' },
];

function respond(r: ReceivedRequest): FakeReply {
  if (r.path.endsWith('/audio/transcriptions')) {
    const side = r.file?.name.includes('-caller') ? callerSegments : agentSegments;
    return { json: { task: 'transcribe', language: 'chinese', duration: 15, text: side.map((s) => s.text).join(''), segments: side.map((s, id) => ({ id, ...s })) } };
  }
  const system = r.json?.messages?.[0]?.content ?? '';
  return system.includes('分类员') ? classifyReply : summaryReply;
}

beforeAll(async () => {
  fake = await new FakeOpenAiServer('sk-city-key').start();
  fake.respond = respond;
  p = await createTestPlatform({
    env: { LLM_BASE_URL: fake.url, LLM_API_KEY: 'sk-city-key', LLM_MODEL: 'qwen-hotline', LLM_TIMEOUT_MS: '1500', STT_KIND: 'openai', STT_BASE_URL: fake.url, STT_API_KEY: 'sk-city-key', STT_MODEL: 'whisper-large' },
  });
  agent = client(p.app, await p.login('agent'));
  agent2 = client(p.app, await p.login('agent02'));
  supervisor = client(p.app, await p.login('supervisor'));
  handler = client(p.app, await p.login('handler'));
});
afterAll(async () => {
  await p?.close();
  await fake?.close();
});
afterEach(() => {
  fake.requests.length = 0;
  fake.queue.length = 0;
  classifyReply = chatAnswer('2');
});

describe('POST /api/v1/intelligence/summarize', () => {
  it('summarises the text with the configured model: a Chinese prompt without the phone number, the answer tidied', async () => {
    const res = await agent.post('/api/v1/intelligence/summarize', { title: '电梯坏了', content: '我住A1区枫林雅苑3栋，电梯坏了一个月物业不修，我的电话13812345678。' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ summary: 'A1区某小区电梯故障一个月，物业不修，市民希望尽快维修。', model: 'qwen-hotline' });
    const sent = fake.requests[0]!;
    expect(sent.path).toBe('/v1/chat/completions');
    expect(sent.headers.authorization).toBe('Bearer sk-city-key');
    expect(sent.json!.model).toBe('qwen-hotline');
    expect(sent.json!.messages![0]!.content).toMatch(/摘要/);
    const user = sent.json!.messages![1]!.content;
    expect(user).toContain('工单标题：电梯坏了');
    expect(user).toContain('[电话]');
    expect(user).not.toContain('13812345678');
  });

  it('summarises a work order by id, within the caller’s scope', async () => {
    const order = await agent.post('/api/v1/work-orders', newOrder({ title: '路灯不亮', content: '人民路和解放路路口的路灯坏了两个星期，晚上很黑。' }));
    expect(order.status).toBe(201);
    const res = await agent.post('/api/v1/intelligence/summarize', { workOrderId: order.body.id });
    expect(res.status).toBe(200);
    expect(fake.requests[0]!.json!.messages![1]!.content).toContain('人民路和解放路路口的路灯坏了两个星期');
    const missing = await agent.post('/api/v1/intelligence/summarize', { workOrderId: '00000000-0000-4000-8000-000000000000' });
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('WORK_ORDER_NOT_FOUND');
  });

  it('only hotline staff may ask', async () => {
    const res = await handler.post('/api/v1/intelligence/summarize', { content: '路灯坏了' });
    expect(res.status).toBe(403);
    expect(fake.requests).toHaveLength(0);
  });

  it('the model failing twice gives 502 PROVIDER_FAILED with its message; too slow gives 504 PROVIDER_TIMEOUT; an empty answer 502', async () => {
    fake.queue.push(openAiError(500, 'model crashed', 'server_error'), openAiError(500, 'model crashed again', 'server_error'));
    const failed = await agent.post('/api/v1/intelligence/summarize', { content: '路灯坏了' });
    expect(failed.status).toBe(502);
    expect(failed.body.error).toMatchObject({ code: 'PROVIDER_FAILED', details: { failure: 'http', status: 500 } });
    expect(failed.body.error.message).toContain('model crashed again');

    fake.queue.push({ ...chatAnswer('太慢了'), delayMs: 2500 });
    const slow = await agent.post('/api/v1/intelligence/summarize', { content: '路灯坏了' });
    expect(slow.status).toBe(504);
    expect(slow.body.error.code).toBe('PROVIDER_TIMEOUT');

    fake.queue.push(chatAnswer('   '));
    const empty = await agent.post('/api/v1/intelligence/summarize', { content: '路灯坏了' });
    expect(empty.status).toBe(502);
    expect(empty.body.error.details.failure).toBe('malformed');
  });

  it('a summary longer than the limit is cut, on one line', async () => {
    fake.queue.push(chatAnswer(`第一行\n${'很长'.repeat(200)}`));
    const res = await agent.post('/api/v1/intelligence/summarize', { content: '路灯坏了' });
    expect(res.status).toBe(200);
    expect([...res.body.summary].length).toBe(120);
    expect(res.body.summary).not.toContain('\n');
  });
});

describe('analyze with a language model configured', () => {
  it('an unsure classification gains llmSuggestion (the model’s pick among the top three), the ranking unchanged', async () => {
    const res = await agent.post('/api/v1/intelligence/analyze', { content: '网上买的东西有问题' });
    expect(res.status).toBe(200);
    expect(res.body.categories[0].confidence).toBeLessThan(SECOND_OPINION_BELOW);
    expect(res.body.llmSuggestion).toEqual({
      answered: true, label: res.body.categories[1].label, categoryId: res.body.categories[1].categoryId, rank: 2, agreesWithClassifier: false, model: 'qwen-hotline',
    });
    const prompt = fake.requests[0]!.json!;
    expect(prompt.max_tokens).toBeLessThanOrEqual(16);
    for (const [i, c] of res.body.categories.entries()) expect(prompt.messages![1]!.content).toContain(`${i + 1}. ${c.label}`);
  });

  it('a confident classification does not ask the model', async () => {
    const res = await agent.post('/api/v1/intelligence/analyze', { content: '公司已经拖欠我们三个月工资了，老板一直推脱不给，也没有缴纳社保' });
    expect(res.status).toBe(200);
    expect(res.body.categories[0].confidence).toBeGreaterThanOrEqual(SECOND_OPINION_BELOW);
    expect(res.body.llmSuggestion).toBeUndefined();
    expect(fake.requests).toHaveLength(0);
  });

  it('an answer that is not a bare candidate number is ignored, a failure too; analyze still answers', async () => {
    for (const [reply, reason] of [
      [chatAnswer('我认为是第2类'), 'unparseable'],
      [chatAnswer('4'), 'unparseable'],
      [chatAnswer('0'), 'noneFits'],
      [openAiError(401, 'bad key'), 'failed'],
    ] as const) {
      classifyReply = reply;
      const res = await agent.post('/api/v1/intelligence/analyze', { content: '网上买的东西有问题' });
      expect(res.status).toBe(200);
      expect(res.body.llmSuggestion).toEqual({ answered: false, reason, model: 'qwen-hotline' });
      expect(res.body.categories).toHaveLength(3);
    }
  });

  it('a validation error of analyze stays a 400 without asking the model', async () => {
    const res = await agent.post('/api/v1/intelligence/analyze', { content: '' });
    expect(res.status).toBe(400);
    expect(fake.requests).toHaveLength(0);
  });
});

describe('call transcripts', () => {
  const left = tone(15, 300);
  const right = tone(15, 700);

  it('transcribes both channels, merges them into turns by time, stores the transcript, warns on high risk and scores the agent', async () => {
    const callId = await insertCall(p.ctx, p.ids.users.get('agent')!, stereoWav(left, right));
    const res = await agent.post(`/api/v1/intelligence/calls/${callId}/transcribe`);
    expect(res.status).toBe(200);
    const t = res.body;
    expect(t).toMatchObject({ callId, provider: 'openai', model: 'whisper-large', durationSeconds: 15, warningRaised: true });
    expect(t.turns.map((x: { speaker: string }) => x.speaker)).toEqual(['agent', 'citizen', 'agent', 'citizen', 'agent']);
    expect(t.turns[1]).toEqual({ speaker: 'citizen', text: callerSegments[0]!.text, start: 1.8, end: 5.5 });
    expect(t.emotion.overall.risk).toBe('high');
    expect(t.emotion.peakTurn).toBe(3);
    expect(t.quality.rules.find((r: { rule: string }) => r.rule === 'greeting').passed).toBe(true);
    expect(t.quality.rules.find((r: { rule: string }) => r.rule === 'closing').passed).toBe(true);

    // What the transcription API received: one request per channel, each the right channel's audio.
    expect(fake.requests).toHaveLength(2);
    const byName = new Map(fake.requests.map((r) => [r.file!.name, r]));
    for (const [name, samples] of [[`${callId}-caller.wav`, left], [`${callId}-agent.wav`, right]] as const) {
      const r = byName.get(name)!;
      expect(r.fields).toEqual({ model: 'whisper-large', language: 'zh', response_format: 'verbose_json' });
      const wav = parseWav(r.file!.bytes);
      expect(wav.ok && wav.wav.channels).toBe(1);
      expect(wav.ok && Array.from(wav.wav.channelData[0]!)).toEqual(Array.from(samples));
    }

    const stored = await agent.get(`/api/v1/intelligence/calls/${callId}/transcript`);
    expect(stored.status).toBe(200);
    expect(stored.body.turns).toEqual(t.turns);
    expect(stored.body.quality).toEqual(t.quality);

    const warnings = await supervisor.get('/api/v1/intelligence/warnings?kind=emotion');
    const w = warnings.body.items.find((x: { details: { callId?: string } }) => x.details.callId === callId);
    expect(w).toMatchObject({ level: 'high', summary: expect.stringContaining('轻生倾向') });
    expect(w.details.turns).toEqual([3]);

    // Again: the transcript is replaced, the warning not raised twice.
    const again = await supervisor.post(`/api/v1/intelligence/calls/${callId}/transcribe`);
    expect(again.status).toBe(200);
    expect(again.body.warningRaised).toBe(false);
    const audit = await p.ctx.db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE action = 'intelligence.call.transcribe' AND entity_id = $1", [callId]);
    expect(audit[0]!.n).toBe(2);
  });

  it('a silent channel is not sent to the provider', async () => {
    const callId = await insertCall(p.ctx, p.ids.users.get('agent')!, stereoWav(left, new Int16Array(left.length)));
    const res = await agent.post(`/api/v1/intelligence/calls/${callId}/transcribe`);
    expect(res.status).toBe(200);
    expect(fake.requests.map((r) => r.file!.name)).toEqual([`${callId}-caller.wav`]);
    expect(res.body.turns.every((x: { speaker: string }) => x.speaker === 'citizen')).toBe(true);
  });

  it('agents only for their own calls; department staff not at all; supervisors for any', async () => {
    const callId = await insertCall(p.ctx, p.ids.users.get('agent')!, stereoWav(left, right));
    const other = await agent2.post(`/api/v1/intelligence/calls/${callId}/transcribe`);
    expect(other.status).toBe(403);
    expect(other.body.error.code).toBe('NOT_YOUR_CALL');
    expect((await agent2.get(`/api/v1/intelligence/calls/${callId}/transcript`)).body.error.code).toBe('NOT_YOUR_CALL');
    expect((await handler.post(`/api/v1/intelligence/calls/${callId}/transcribe`)).status).toBe(403);
    expect(fake.requests).toHaveLength(0);
    const notYet = await supervisor.get(`/api/v1/intelligence/calls/${callId}/transcript`);
    expect(notYet.status).toBe(404);
    expect(notYet.body.error.code).toBe('TRANSCRIPT_NOT_FOUND');
  });

  it('a call still going on is not transcribed (409 CALL_STATE)', async () => {
    const callId = await insertCall(p.ctx, p.ids.users.get('agent')!, stereoWav(left, right));
    await p.ctx.db.query("UPDATE call_records SET state = 'talking', ended_at = NULL WHERE id = $1", [callId]);
    const res = await agent.post(`/api/v1/intelligence/calls/${callId}/transcribe`);
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'CALL_STATE', details: { state: 'talking' } });
    expect(fake.requests).toHaveLength(0);
  });

  it('unknown call, no recording, a mono recording, a provider failure: precise errors and nothing stored', async () => {
    expect((await supervisor.post('/api/v1/intelligence/calls/00000000-0000-4000-8000-000000000000/transcribe')).body.error.code).toBe('CALL_NOT_FOUND');
    const noRecording = await insertCall(p.ctx, p.ids.users.get('agent')!, null);
    expect((await supervisor.post(`/api/v1/intelligence/calls/${noRecording}/transcribe`)).status).toBe(404);
    const { serializeWav } = await import('@hotline/telephony');
    const mono = await insertCall(p.ctx, p.ids.users.get('agent')!, serializeWav(left, 8000, 1));
    const m = await supervisor.post(`/api/v1/intelligence/calls/${mono}/transcribe`);
    expect(m.status).toBe(422);
    expect(m.body.error).toMatchObject({ code: 'RECORDING_UNREADABLE', details: { channels: 1 } });
    const broken = await insertCall(p.ctx, p.ids.users.get('agent')!, Buffer.from('not a wav file at all'));
    expect((await supervisor.post(`/api/v1/intelligence/calls/${broken}/transcribe`)).body.error.code).toBe('RECORDING_UNREADABLE');

    const failing = await insertCall(p.ctx, p.ids.users.get('agent')!, stereoWav(left, right));
    fake.queue.push(openAiError(400, 'Invalid file format.'), openAiError(400, 'Invalid file format.'));
    const f = await supervisor.post(`/api/v1/intelligence/calls/${failing}/transcribe`);
    expect(f.status).toBe(502);
    expect(f.body.error).toMatchObject({ code: 'PROVIDER_FAILED', details: { provider: 'speech-to-text', status: 400 } });
    expect((await supervisor.get(`/api/v1/intelligence/calls/${failing}/transcript`)).body.error.code).toBe('TRANSCRIPT_NOT_FOUND');
  });
});
